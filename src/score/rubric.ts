// The rubric: how raw signal values become 0–100 scores, and how much each signal and question weighs.
// Weights are data with the reason beside the number (Lighthouse's default-config style).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { QUESTION_IDS } from '../result/schema.js';
import { UserError } from '../util/errors.js';
import { formatZodIssues } from '../config/format-issues.js';
import { decodeUtf8, yamlToJs } from '../config/load-audit.js';
import { SIGNALS } from '../signals/registry.js';

const ControlPoints = z
  .array(z.tuple([z.number(), z.number().min(0).max(100)]))
  .min(2, 'needs at least two control points [value, score]')
  .refine((pts) => pts.every((p, i) => i === 0 || p[0] > pts[i - 1]![0]), 'control point values must increase strictly');

/** Default coverage floors: below half its evidence weight a question gets no band, and the index no verdict. */
export const DEFAULT_COVERAGE_FLOOR = { question: 0.5, index: 0.5 } as const;

export const RubricSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    /** Coverage below which a question is "insufficient evidence" (and pulled toward 50 in the index), and the index gives no verdict. */
    coverageFloor: z
      .object({ question: z.number().min(0.05).max(1), index: z.number().min(0.05).max(1), why: z.string().optional() })
      .strict()
      .default({ ...DEFAULT_COVERAGE_FLOOR }),
    questions: z.record(
      z.enum(QUESTION_IDS),
      z
        .object({
          weight: z.number().nonnegative(),
          signals: z.record(
            z.string(),
            z
              .object({
                weight: z.number().nonnegative(),
                /** [raw value, score] pairs; scores between points are interpolated, outside clamped. */
                points: ControlPoints,
                why: z.string().optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

export type Rubric = z.infer<typeof RubricSchema>;

export const DEFAULT_RUBRIC_PATH = fileURLToPath(new URL('../../audits/rubrics/default.yaml', import.meta.url));

export async function loadRubric(file = DEFAULT_RUBRIC_PATH): Promise<Rubric> {
  let text: string;
  try {
    text = decodeUtf8(await readFile(file), file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`Rubric file not found: ${file}. Check --rubric (the default is audits/rubrics/default.yaml).`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length)
    throw new UserError(
      `${file} is not valid YAML:`,
      doc.errors.map((err) => `line ${err.linePos?.[0]?.line ?? '?'}: ${err.message.split('\n')[0]}`),
    );
  const input = yamlToJs(doc, file);
  const parsed = RubricSchema.safeParse(input);
  if (!parsed.success) throw new UserError(`${file} is not a valid rubric:`, formatZodIssues(parsed.error, input));
  const rubric = parsed.data;
  const problems: string[] = [];
  for (const [qid, q] of Object.entries(rubric.questions)) {
    for (const id of Object.keys(q.signals)) {
      const signal = SIGNALS.find((s) => s.meta.id === id);
      if (!signal) problems.push(`questions.${qid}.signals.${id}: no such signal (known: ${SIGNALS.map((s) => s.meta.id).join(', ')})`);
      else if (signal.meta.question !== qid) problems.push(`questions.${qid}.signals.${id}: this signal belongs to ${signal.meta.question}`);
    }
  }
  const missingQ = QUESTION_IDS.filter((q) => !rubric.questions[q]);
  for (const q of missingQ) problems.push(`questions.${q}: missing — every question needs a weight and signals`);
  if (problems.length) throw new UserError(`${file} does not match the signals this version knows:`, problems);
  return rubric;
}

/** Piecewise-linear map of a raw value through the control points, clamped at both ends. Pure. */
export function scoreFromPoints(value: number, points: ReadonlyArray<readonly [number, number]>): number {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (value <= first[0]) return first[1];
  if (value >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x0, y0] = points[i - 1]!;
    if (value <= x1) return y0 + ((value - x0) / (x1 - x0)) * (y1 - y0);
  }
  return last[1];
}

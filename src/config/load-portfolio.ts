// Loads the files a `ci` job is given: audit files and portfolios, each validated like an audit file (every
// problem on its own line, naming the field and the fix), with a portfolio's defaults merged under its audits.
import path from 'node:path';
import type { AssertMap } from './assertions.js';
import { formatZodIssues } from './format-issues.js';
import { knownKeysIn, readYamlMapping, resolveAuditInput, type ResolvedAudit } from './load-audit.js';
import { isPortfolioInput, PortfolioFileSchema } from './portfolio-file.js';
import { UserError } from '../util/errors.js';

export interface JobAudit {
  audit: ResolvedAudit;
  /** Where it came from, for messages: the audit file, or `portfolio.yaml audits[2]`. */
  label: string;
  /** The shared assertions of its portfolio (empty for an audit file given on its own). */
  portfolioAssert: AssertMap;
  /** The portfolio it is part of; null for an audit file given on its own. */
  portfolioFile: string | null;
}

export interface JobPortfolio {
  file: string;
  name: string | null;
}

export interface LoadedJob {
  audits: JobAudit[];
  portfolios: JobPortfolio[];
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge key by key; anything else (lists included) is the audit's own value when it has one. */
export function mergeUnder(defaults: Plain, own: Plain): Plain {
  const out: Plain = { ...defaults };
  for (const [k, v] of Object.entries(own)) out[k] = isPlain(v) && isPlain(out[k]) ? mergeUnder(out[k] as Plain, v) : v;
  return out;
}

/** A default's relative paths (a shared logo or session) belong to the portfolio's folder, not each audit's. */
function absoluteDefaultPaths(defaults: Plain, baseDir: string): Plain {
  const abs = (v: unknown): unknown => (typeof v === 'string' ? path.resolve(baseDir, v) : v);
  const out = structuredClone(defaults);
  const report = out.report;
  if (isPlain(report) && isPlain(report.analyst) && report.analyst.logo !== undefined) report.analyst.logo = abs(report.analyst.logo);
  if (isPlain(out.crawl) && out.crawl.session !== undefined) out.crawl.session = abs(out.crawl.session);
  return out;
}

async function loadPortfolio(file: string, input: Plain): Promise<{ portfolio: JobPortfolio; audits: JobAudit[] }> {
  const parsed = PortfolioFileSchema.safeParse(input);
  if (!parsed.success) {
    const lines = formatZodIssues(parsed.error, input, (p) => knownKeysIn(PortfolioFileSchema, p));
    throw new UserError(`${file} is not a valid portfolio (${lines.length} problem${lines.length === 1 ? '' : 's'}):`, lines);
  }
  const baseDir = path.dirname(path.resolve(file));
  const defaults = absoluteDefaultPaths((input.defaults as Plain | undefined) ?? {}, baseDir);
  const portfolioAssert = parsed.data.assert ?? {};
  const audits: JobAudit[] = [];
  const problems: string[] = [];
  const raw = input.audits as unknown[];
  for (let i = 0; i < raw.length; i++) {
    const entry = raw[i];
    const label = typeof entry === 'string' ? `${file} audits[${i}] (${entry})` : `${file} audits[${i}]`;
    try {
      if (typeof entry === 'string') {
        const auditFile = path.resolve(baseDir, entry);
        const own = await readYamlMapping(auditFile, 'audit file', `it is listed in ${label}; paths resolve against the portfolio's folder (${baseDir}).`);
        audits.push({
          audit: await resolveAuditInput(mergeUnder(defaults, own), auditFile, path.dirname(auditFile), auditFile),
          label: path.relative(process.cwd(), auditFile) || auditFile,
          portfolioAssert,
          portfolioFile: file,
        });
      } else {
        audits.push({
          audit: await resolveAuditInput(mergeUnder(defaults, entry as Plain), label, baseDir, path.resolve(file)),
          label,
          portfolioAssert,
          portfolioFile: file,
        });
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      // One error for the whole portfolio, every problem of every audit on its own line.
      problems.push(...(e.details.length ? e.details.map((d) => `${label}: ${d}`) : [`${label}: ${e.message}`]));
    }
  }
  if (problems.length) throw new UserError(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'} in its audits:`, problems);
  return { portfolio: { file: path.resolve(file), name: parsed.data.name ?? null }, audits };
}

/** Every file given to `ci`: an audit file stands alone; a portfolio brings its audits, defaults and assertions. */
export async function loadJob(files: readonly string[]): Promise<LoadedJob> {
  const job: LoadedJob = { audits: [], portfolios: [] };
  for (const file of files) {
    const input = await readYamlMapping(
      file,
      'audit or portfolio file',
      'give an audit file (brand:, site:) or a portfolio (audits:), e.g. audits/demo/megamart.yaml.',
    );
    if (isPortfolioInput(input)) {
      const { portfolio, audits } = await loadPortfolio(file, input);
      job.portfolios.push(portfolio);
      job.audits.push(...audits);
    } else {
      job.audits.push({
        audit: await resolveAuditInput(input, file, path.dirname(path.resolve(file)), path.resolve(file)),
        label: file,
        portfolioAssert: {},
        portfolioFile: null,
      });
    }
  }
  return job;
}

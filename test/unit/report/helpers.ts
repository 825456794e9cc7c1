import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AuditResultSchema } from '../../../src/result/schema.js';
import type { AuditResult } from '../../../src/result/types.js';

export function loadFixture(name: 'sample' | 'hostile'): AuditResult {
  const file = fileURLToPath(new URL(`../../fixtures/report/${name}-audit.json`, import.meta.url));
  return AuditResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The section headings every report has (the question titles come from the fixture). */
export const SECTION_HEADINGS = [
  'Executive summary',
  'The three most telling findings',
  'Scores by question',
  'Pull: is the site drawing more people?',
  'Method',
  'Coverage and limits',
  'Appendix: the signals',
  'Appendix: pages read',
  'Addresses not read',
];

/** The same headings in the German report. */
export const SECTION_HEADINGS_DE = [
  'Inhalt',
  'Zusammenfassung',
  'Empfehlungen',
  'Die drei aussagekräftigsten Befunde',
  'Werte je Frage',
  'Sogwirkung: Zieht die Website mehr Menschen an?',
  'Methode',
  'Abdeckung und Grenzen',
  'Anhang: die Signale',
  'Anhang: gelesene Seiten',
  'Nicht gelesene Adressen',
];

/** Markdown syntax a crawled or hand-written string may carry: a table pipe, inline HTML, code and a script link. */
export const MARKDOWN_HOSTILE = '| <b>x</b> `code` [a](javascript:alert(1))';

/**
 * The hostile fixture with Markdown syntax where summary.md prints strings from audit.json: the brand (heading,
 * verdict) and a message value (a finding's value). Question and signal titles come from the catalogues, so no
 * audit.json string reaches the question table any more.
 */
export function markdownHostileFixture(): AuditResult {
  const h = loadFixture('hostile');
  return {
    ...h,
    brand: `${h.brand} ${MARKDOWN_HOSTILE}`,
    questions: h.questions.map((q) => ({
      ...q,
      signals: q.signals.map((s) =>
        s.id === 'q1-open-content' && s.display
          ? { ...s, display: { ...s.display, values: { ...s.display.values, walled: `${MARKDOWN_HOSTILE} \u202Eevil\u200B` } } }
          : s,
      ),
    })),
  };
}

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
  'Appendix: pages crawled',
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
  'Anhang: gecrawlte Seiten',
];

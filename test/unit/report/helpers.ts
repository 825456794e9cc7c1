import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AuditResultSchema } from '../../../src/result/schema.js';
import type { AuditResult } from '../../../src/result/types.js';

export function loadFixture(name: 'sample' | 'hostile'): AuditResult {
  const file = fileURLToPath(new URL(`../../fixtures/report/${name}-audit.json`, import.meta.url));
  return AuditResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The section headings every report has (the question titles come from the fixture). */
export const SECTION_HEADINGS = ['Executive summary', 'The three most telling findings', 'Scores by question', 'Pull: is the site drawing more people?', 'Method', 'Coverage and limits', 'Appendix: pages crawled'];

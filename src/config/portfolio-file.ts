// portfolio.yaml: many audits run as one scheduled job. Audit files and inline audits, shared defaults (merged
// under each audit: the audit's own values win) and shared assertions (under each audit's own `assert:`).
//
//   name: Northwind clients
//   defaults: { crawl: { maxPages: 100 }, report: { analyst: { organisation: Northwind Insight } } }
//   assert: { index: [error, { maxDrop: 5 }] }
//   audits:
//     - ./megamart.yaml
//     - { brand: Acme, site: { url: https://community.acme.example/ } }
import { z } from 'zod';
import { AssertMapSchema } from './assertions.js';
import { CrawlConfigSchema, ReportConfigSchema } from './audit-file.js';

/** What a portfolio may set for all its audits. Checked here; the raw values are merged under each audit. */
export const PortfolioDefaultsSchema = z
  .object({
    crawl: CrawlConfigSchema.optional(),
    report: ReportConfigSchema.optional(),
  })
  .strict();

export const PortfolioFileSchema = z
  .object({
    name: z.string().trim().min(1).optional(),
    defaults: PortfolioDefaultsSchema.optional(),
    assert: AssertMapSchema.optional(),
    audits: z
      .array(
        z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
          error: 'must be the path of an audit file, or an inline audit with `brand:` and `site: { url: ... }`',
        }),
      )
      .min(1, 'list at least one audit: a file (- ./megamart.yaml) or an inline audit (- { brand: Acme, site: { url: ... } })'),
  })
  .strict();

export type PortfolioFile = z.infer<typeof PortfolioFileSchema>;

/** A YAML mapping is a portfolio when it lists `audits:`; an audit file has `brand:` and `site:` instead. */
export function isPortfolioInput(input: Record<string, unknown>): boolean {
  return 'audits' in input && !('brand' in input);
}

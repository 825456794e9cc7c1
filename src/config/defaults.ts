// All defaults in one sectioned object, so the README, the CLI help and the schema agree.
export const DEFAULTS = {
  crawl: {
    maxPages: 200,
    /** Hard cap whatever the audit file says: a bigger audit is a sampling problem, not a bigger crawl. */
    maxPagesCap: 10_000,
    maxDepth: 5,
    render: 'static' as const,
    /** Between request starts per host. Remote hosts get at least `minRemoteDelayMs`; loopback may go faster. */
    delayMs: 1000,
    minRemoteDelayMs: 1000,
    concurrency: 2,
    timeoutMs: 20_000,
    maxBytes: 5 * 1024 * 1024,
    /** No URL template (e.g. all thread pages) may take more than this share of the page budget. */
    groupShare: 0.25,
  },
  report: {
    accent: '#0b6e4f',
    paper: 'A4' as const,
    language: 'en' as const,
  },
  projectUrl: 'https://github.com/conductor-audit/conductor-audit',
  robotsToken: 'conductor-audit',
} as const;

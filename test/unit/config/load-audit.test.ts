import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFromFlags, loadAuditFile, validateAudit } from '../../../src/config/load-audit.js';
import { closest, formatPath } from '../../../src/config/format-issues.js';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { TRAFFIC_FORMATS } from '../../../src/traffic/types.js';
import { UserError } from '../../../src/util/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'audit-'));
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

/** The UserError's message and detail lines. */
async function problems(p: Promise<unknown>): Promise<{ message: string; lines: string[] }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return { message: (e as UserError).message, lines: (e as UserError).details };
  }
  throw new Error('expected a UserError');
}

function lineFor(lines: string[], field: string): string {
  const hit = lines.filter((l) => l.startsWith(`${field}:`));
  expect(hit, `no line for ${field} in:\n${lines.join('\n')}`).toHaveLength(1);
  return hit[0]!;
}

describe('loadAuditFile', () => {
  it('fills defaults for a minimal file', async () => {
    const file = await write('min.yaml', 'brand: Northwind\nsite:\n  url: https://community.northwind.example/\n');
    const a = await loadAuditFile(file);
    expect(a.brand).toBe('Northwind');
    expect(a.site.url).toBe('https://community.northwind.example/');
    expect(a.site.snapshot).toBeUndefined();
    expect(a.crawl).toMatchObject({
      maxPages: DEFAULTS.crawl.maxPages,
      maxDepth: DEFAULTS.crawl.maxDepth,
      render: 'static',
      include: [],
      exclude: [],
      delayMs: DEFAULTS.crawl.delayMs,
    });
    expect(a.report.theme.accent).toBe(DEFAULTS.report.accent);
    expect(a.report.paper).toBe('A4');
    expect(a.analyst).toEqual({});
    expect(a.baseDir).toBe(dir);
    expect(a.sourceFile).toBe(file);
  });

  it('resolves snapshot, traffic.file and logo against the file’s folder', async () => {
    await mkdir(path.join(dir, 'proj', 'snap'), { recursive: true });
    await write('proj/data/traffic.csv', 'month,visits\n2026-01,10\n');
    await write('proj/logo.svg', '<svg/>');
    const file = await write(
      'proj/audit.yaml',
      `brand: Northwind
site:
  url: https://community.northwind.example/
  snapshot: snap
traffic:
  file: data/traffic.csv
report:
  analyst:
    name: A. Consultant
    logo: ./logo.svg
  theme:
    accent: "#123abc"
analyst:
  Q1:
    note: Open threads.
    score: 70
    rationale: Most threads are open.
`,
    );
    const a = await loadAuditFile(file);
    expect(a.site.snapshot).toBe(path.join(dir, 'proj', 'snap'));
    expect(a.traffic!.file).toBe(path.join(dir, 'proj', 'data', 'traffic.csv'));
    expect(a.report.analyst.logo).toBe(path.join(dir, 'proj', 'logo.svg'));
    expect(a.report.theme.accent).toBe('#123abc');
    expect(a.analyst.Q1).toEqual({ note: 'Open threads.', score: 70, rationale: 'Most threads are open.' });
  });

  it('reports every problem on its own line, naming the field and the fix', async () => {
    const file = await write(
      'bad.yaml',
      `site:
  url: community.example.com
crawl:
  maxPage: 50
  render: headless
report:
  theme:
    accent: green
  paper: A3
analyst:
  Q2:
    score: 20
`,
    );
    const { message, lines } = await problems(loadAuditFile(file));
    expect(message).toContain('bad.yaml is not a valid audit file (7 problems)');
    expect(lines).toHaveLength(7);
    expect(lineFor(lines, 'brand')).toMatch(/required/);
    expect(lineFor(lines, 'site.url')).toMatch(/absolute http\(s\) URL.*community\.example\.com/);
    expect(lineFor(lines, 'crawl.maxPage')).toContain('did you mean `maxPages`?');
    expect(lineFor(lines, 'crawl.render')).toMatch(/must be one of "static", "browser", "auto" \(found "headless"\)/);
    expect(lineFor(lines, 'report.theme.accent')).toMatch(/hex colour.*found "green"/);
    expect(lineFor(lines, 'report.paper')).toMatch(/must be one of "A4", "Letter"/);
    expect(lineFor(lines, 'analyst.Q2.rationale')).toContain('needs a written rationale');
  });

  it('an analyst score needs a rationale', async () => {
    const file = await write('norat.yaml', 'brand: X\nsite:\n  url: https://x.example/\nanalyst:\n  Q2:\n    score: 20\n');
    const { lines } = await problems(loadAuditFile(file));
    expect(lineFor(lines, 'analyst.Q2.rationale')).toContain('an analyst score needs a written rationale');
  });

  it('an unknown top-level key and an unknown question get a suggestion or the allowed keys', async () => {
    const file = await write('typo.yaml', 'brand: X\nsite:\n  url: https://x.example/\nreprot:\n  paper: A4\nanalyst:\n  Q7:\n    note: hi\n');
    const { lines } = await problems(loadAuditFile(file));
    expect(lineFor(lines, 'reprot')).toContain('did you mean `report`?');
    expect(lines.some((l) => l.startsWith('analyst') && l.includes('Q7'))).toBe(true);
  });

  it('gives the line number of a YAML syntax error', async () => {
    const file = await write('syntax.yaml', 'brand: X\nsite:\n  url: https://x.example/\n  snapshot: [unclosed\n');
    const { message, lines } = await problems(loadAuditFile(file));
    expect(message).toContain('is not valid YAML');
    expect(lines[0]).toMatch(/^line \d+: /);
  });

  it('names a missing snapshot folder, traffic file and logo', async () => {
    const file = await write(
      'missing.yaml',
      'brand: X\nsite:\n  url: https://x.example/\n  snapshot: nope\ntraffic:\n  file: none.csv\nreport:\n  analyst:\n    logo: gone.png\n',
    );
    const { message, lines } = await problems(loadAuditFile(file));
    expect(message).toContain('refers to missing files');
    expect(lineFor(lines, 'site.snapshot')).toContain('nope does not exist');
    expect(lineFor(lines, 'traffic.file')).toContain('none.csv does not exist');
    expect(lineFor(lines, 'report.analyst.logo')).toContain('gone.png does not exist');
  });

  it('a missing file or a non-mapping document is a clear error', async () => {
    await expect(loadAuditFile(path.join(dir, 'absent.yaml'))).rejects.toThrow(/Audit file not found/);
    await expect(loadAuditFile(await write('list.yaml', '- a\n- b\n'))).rejects.toThrow(/must be a YAML mapping/);
  });
});

describe('auditFromFlags', () => {
  it('works with brand and url only', () => {
    const a = auditFromFlags({ brand: 'MegaMart', site: { url: 'https://community.megamart.example/' } });
    expect(a.brand).toBe('MegaMart');
    expect(a.crawl.maxPages).toBe(DEFAULTS.crawl.maxPages);
    expect(a.sourceFile).toBeNull();
    expect(a.baseDir).toBe(process.cwd());
  });

  it('says "an array", and names the bound for numbers out of range', () => {
    try {
      validateAudit({ brand: 'X', site: { url: 'https://x.example/' }, crawl: { maxPages: 0, include: 'forum/**' } }, 'flags');
      throw new Error('accepted');
    } catch (e) {
      const lines = (e as UserError).details;
      expect(lineFor(lines, 'crawl.include')).toBe('crawl.include: must be an array (found "forum/**")');
      expect(lineFor(lines, 'crawl.maxPages')).toBe('crawl.maxPages: must be >=1 (found 0)');
    }
  });

  it('rejects a bad URL naming the field', () => {
    expect(() => auditFromFlags({ brand: 'X', site: { url: 'ftp://x' } })).toThrow(UserError);
    try {
      validateAudit({ brand: 'X', site: { url: 'ftp://x' } }, 'flags');
    } catch (e) {
      expect((e as UserError).details[0]).toMatch(/^site\.url: /);
    }
  });
});

describe('format helpers', () => {
  it('formatPath and closest', () => {
    expect(formatPath([])).toBe('(top level)');
    expect(formatPath(['crawl', 'include', 2])).toBe('crawl.include[2]');
    expect(closest('maxPage', ['maxPages', 'maxDepth'])).toBe('maxPages');
    expect(closest('Q7', ['Q1', 'Q2'])).toBeUndefined();
    expect(closest('zzzzzzzz', ['brand', 'site'])).toBeUndefined();
  });
});

describe('traffic section', () => {
  const base = { brand: 'X', site: { url: 'https://x.example/' } };
  function problemLines(traffic: unknown): string[] {
    try {
      validateAudit({ ...base, traffic }, 'audit.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as UserError).details;
    }
    throw new Error('accepted');
  }

  it('accepts every known format and a column mapping', () => {
    for (const format of TRAFFIC_FORMATS) {
      expect(validateAudit({ ...base, traffic: { file: 't.csv', format } }, 'audit.yaml').traffic!.format).toBe(format);
    }
    const a = validateAudit(
      { ...base, traffic: { file: 'umami.csv', columns: { date: 'Day', visits: 'Sessions', visitors: 'Visitors', pageviews: 'Views' } } },
      'audit.yaml',
    );
    expect(a.traffic!.columns).toEqual({ date: 'Day', visits: 'Sessions', visitors: 'Visitors', pageviews: 'Views' });
  });

  it('an unknown format lists the known ones and suggests columns', () => {
    const line = lineFor(problemLines({ file: 't.csv', format: 'fathom' }), 'traffic.format');
    expect(line).toContain(`must be one of ${TRAFFIC_FORMATS.map((f) => `"${f}"`).join(', ')};`);
    expect(line).toContain('columns: { date: "...", visits: "..." }');
    expect(line).toContain('(found "fathom")');
  });

  it('names the missing or misspelt mapping field', () => {
    expect(lineFor(problemLines({ file: 't.csv', columns: { date: 'Day' } }), 'traffic.columns.visits')).toMatch(/is required/);
    expect(lineFor(problemLines({ file: 't.csv', columns: { date: 'Day', visits: 'Hits', vistors: 'V' } }), 'traffic.columns.vistors')).toContain(
      'did you mean `visitors`?',
    );
  });

  it('refuses a mapping beside a tool format', () => {
    expect(lineFor(problemLines({ file: 't.csv', format: 'ga4', columns: { date: 'Day', visits: 'Hits' } }), 'traffic.columns')).toMatch(
      /read by the generic importer/,
    );
  });
});

describe('traffic.columns with year and month', () => {
  const base = { brand: 'X', site: { url: 'https://x.example/' } };
  const problems = (columns: unknown): string[] => {
    try {
      validateAudit({ ...base, traffic: { file: 't.csv', columns } }, 'audit.yaml');
      return [];
    } catch (e) {
      return (e as UserError).details;
    }
  };

  it('accepts year + month instead of date', () => {
    expect(
      validateAudit({ ...base, traffic: { file: 't.csv', columns: { year: 'Year', month: 'Month', visits: 'Visits' } } }, 'audit.yaml').traffic!.columns,
    ).toEqual({
      year: 'Year',
      month: 'Month',
      visits: 'Visits',
    });
  });

  it('names what is missing or doubled', () => {
    expect(problems({ visits: 'V' }).join('\n')).toMatch(/traffic\.columns\.date: is required/);
    expect(problems({ year: 'Y', visits: 'V' }).join('\n')).toMatch(/traffic\.columns\.month: is required beside the other/);
    expect(problems({ date: 'D', year: 'Y', month: 'M', visits: 'V' }).join('\n')).toMatch(/traffic\.columns\.date: give either `date` or `year` and `month`/);
  });
});

describe('traffic.column (a Google Trends term)', () => {
  const base = { brand: 'Sears', site: { url: 'https://x.example/' } };
  it('is accepted with format google-trends or auto, refused beside another format', () => {
    expect(validateAudit({ ...base, traffic: { file: 'multiTimeline.csv', format: 'google-trends', column: 'sears' } }, 'a.yaml').traffic!.column).toBe(
      'sears',
    );
    expect(validateAudit({ ...base, traffic: { file: 'multiTimeline.csv', column: 'sears' } }, 'a.yaml').traffic!.column).toBe('sears');
    let details: string[] = [];
    try {
      validateAudit({ ...base, traffic: { file: 't.csv', format: 'ga4', column: 'sears' } }, 'a.yaml');
    } catch (e) {
      details = (e as UserError).details;
    }
    expect(details.join('\n')).toMatch(/traffic\.column: traffic\.column names a search term of a Google Trends export/);
  });
});

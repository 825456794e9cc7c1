// The `assert:` map and portfolio.yaml are validated as an audit file is: every problem on its own line, naming
// the field and the fix; a portfolio's defaults sit under each audit's own values.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAuditFile } from '../../../src/config/load-audit.js';
import { loadJob, mergeUnder } from '../../../src/config/load-portfolio.js';
import { UserError } from '../../../src/util/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'portfolio-'));
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

async function problems(p: Promise<unknown>): Promise<{ message: string; lines: string[] }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return { message: (e as UserError).message, lines: (e as UserError).details };
  }
  throw new Error('expected a UserError');
}

const SITE = 'site: { url: https://community.acme.example/ }';

describe('assert: in an audit file', () => {
  it('accepts levels and [level, options] pairs, and keeps them as given', async () => {
    const file = await write(
      'ok.yaml',
      `brand: Acme\n${SITE}\nassert:\n  index: [error, { minScore: 40, maxDrop: 5 }]\n  Q4: [warn, { minCoverage: 0.6 }]\n  q4-third-party-trackers: [error, { minScore: 50 }]\n  crawl: error\n  Q2: off\n`,
    );
    const a = await loadAuditFile(file);
    expect(a.assert).toEqual({
      index: ['error', { minScore: 40, maxDrop: 5 }],
      Q4: ['warn', { minCoverage: 0.6 }],
      'q4-third-party-trackers': ['error', { minScore: 50 }],
      crawl: ['error'],
      Q2: ['off'],
    });
  });

  it('names each problem with its field and the fix', async () => {
    const file = await write(
      'bad.yaml',
      `brand: Acme\n${SITE}\nassert:\n  index: [fatal, { minScore: 40 }]\n  Q4: [warn, { minScor: 30 }]\n  q7: warn\n  Q3: [error, { minCoverage: 60 }]\n  Q1: [error, { minPagesFetched: 3 }]\n  Q5: error\n  crawl: 5\n`,
    );
    const { message, lines } = await problems(loadAuditFile(file));
    expect(message).toMatch(/is not a valid audit file \(7 problems\)/);
    expect(lines).toHaveLength(7);
    expect(lines).toContain('assert.index[0]: must be one of "off", "warn", "error" (found "fatal")');
    expect(lines).toContain('assert.Q4[1].minScor: unknown field — did you mean `minScore`?');
    expect(lines.find((l) => l.startsWith('assert.q7:'))).toMatch(/unknown assertion target/);
    expect(lines.find((l) => l.startsWith('assert.Q3[1].minCoverage:'))).toMatch(/share between 0 and 1.*not 60/);
    expect(lines.find((l) => l.startsWith('assert.Q1[1].minPagesFetched:'))).toMatch(/under `crawl: \[error, \{ minPagesFetched: N \}\]`/);
    expect(lines.find((l) => l.startsWith('assert.Q5:'))).toMatch(/say what must hold/);
    expect(lines.find((l) => l.startsWith('assert.crawl:'))).toMatch(/must be a level \("off", "warn" or "error"\) or \[level/);
  });
});

describe('portfolio.yaml', () => {
  it('merges shared defaults under each audit, resolves paths against the right folder, and keeps shared assertions', async () => {
    await write('clients/logo.svg', '<svg/>');
    await write('clients/acme/acme.yaml', `brand: Acme\n${SITE}\ncrawl: { maxPages: 20 }\nassert: { Q4: [warn, { minScore: 30 }] }\n`);
    const file = await write(
      'clients/portfolio.yaml',
      'name: Northwind clients\ndefaults:\n  crawl: { maxPages: 100, delayMs: 0 }\n  report: { analyst: { organisation: Northwind, logo: ./logo.svg }, language: de }\nassert:\n  index: [error, { maxDrop: 5 }]\naudits:\n  - ./acme/acme.yaml\n  - brand: Beta\n    site: { url: https://beta.example/ }\n    report: { language: en }\n',
    );
    const job = await loadJob([file]);
    expect(job.portfolios).toEqual([{ file, name: 'Northwind clients' }]);
    expect(job.audits.map((a) => a.audit.brand)).toEqual(['Acme', 'Beta']);
    const [acme, beta] = job.audits;
    expect(acme!.audit.crawl.maxPages).toBe(20); // the audit's own value wins
    expect(acme!.audit.crawl.delayMs).toBe(0); // the default fills the rest
    expect(acme!.audit.report.analyst.logo).toBe(path.join(dir, 'clients/logo.svg')); // the portfolio's folder
    expect(acme!.audit.report.language).toBe('de');
    expect(acme!.audit.assert).toEqual({ Q4: ['warn', { minScore: 30 }] });
    expect(acme!.portfolioAssert).toEqual({ index: ['error', { maxDrop: 5 }] });
    expect(beta!.audit.crawl.maxPages).toBe(100);
    expect(beta!.audit.report.language).toBe('en');
    expect(beta!.label).toBe(`${file} audits[1]`);
  });

  it('reports every problem of the portfolio and of each audit in it, one line each', async () => {
    await write('p2/broken.yaml', 'brand: Broken\nsite: { url: "nope" }\n');
    const top = await write('p2/top.yaml', 'defaults: { crawl: { maxPage: 3 } }\naudits: [./a.yaml]\nassert: { index: [error, { minScore: 400 }] }\n');
    const topProblems = await problems(loadJob([top]));
    expect(topProblems.message).toMatch(/not a valid portfolio \(2 problems\)/);
    expect(topProblems.lines).toContain('defaults.crawl.maxPage: unknown field — did you mean `maxPages`?');
    expect(topProblems.lines.find((l) => l.startsWith('assert.index[1].minScore:'))).toMatch(/must be <=100/);

    const file = await write(
      'p2/portfolio.yaml',
      `audits:\n  - ./broken.yaml\n  - ./missing.yaml\n  - { brand: "", site: { url: https://ok.example/ } }\n  - 42\n`,
    );
    const { lines } = await problems(loadJob([file]));
    expect(lines).toEqual(['audits[3]: must be the path of an audit file, or an inline audit with `brand:` and `site: { url: ... }` (found 42)']);
    const all = await problems(
      loadJob([await write('p2/three.yaml', 'audits:\n  - ./broken.yaml\n  - ./missing.yaml\n  - { brand: "", site: { url: https://ok.example/ } }\n')]),
    );
    expect(all.lines).toHaveLength(3);
    expect(all.lines[0]).toMatch(/audits\[0\] \(\.\/broken\.yaml\): site\.url: must be an absolute http\(s\) URL/);
    expect(all.lines[1]).toMatch(/audits\[1\] \(\.\/missing\.yaml\): Audit file not found/);
    expect(all.lines[2]).toMatch(/audits\[2\]: brand: /);
  });

  it('tells an audit file from a portfolio by its keys', async () => {
    const a = await write('mix/a.yaml', `brand: Alpha\n${SITE}\n`);
    const p = await write('mix/p.yaml', `audits: [{ brand: Beta, ${SITE} }]\n`);
    const job = await loadJob([a, p]);
    expect(job.audits.map((x) => [x.audit.brand, x.portfolioFile])).toEqual([
      ['Alpha', null],
      ['Beta', p],
    ]);
  });
});

describe('mergeUnder', () => {
  it('merges mappings key by key and lets the audit replace lists and values', () => {
    expect(mergeUnder({ crawl: { maxPages: 1, exclude: ['/a'] }, report: { paper: 'A4' } }, { crawl: { exclude: ['/b'] } })).toEqual({
      crawl: { maxPages: 1, exclude: ['/b'] },
      report: { paper: 'A4' },
    });
  });
});

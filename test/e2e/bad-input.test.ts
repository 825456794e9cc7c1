// The bad-input matrix: audit files, rubrics, templates, logos, flags and output paths a careless user (or an attacker)
// could give. Every case ends in exit 2 with a message that names the problem, no stack trace, and no request to
// the site: all input is checked before the crawl starts.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { startMisbehavingServer, type MisbehavingServer } from '../unit/crawl/helpers/misbehaving-server.js';

let dir: string;
let site: MisbehavingServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bad-input-'));
  site = await startMisbehavingServer({ robots: 404 });
  await mkdir(path.join(dir, 'tpl-broken', 'partials'), { recursive: true });
  await writeFile(path.join(dir, 'tpl-broken', 'partials', 'cover.hbs'), '<section>{{#if cover.title}}unclosed block</section>');
  await mkdir(path.join(dir, 'tpl-refresh'), { recursive: true });
  await writeFile(
    path.join(dir, 'tpl-refresh', 'cover.hbs'),
    '<section><meta http-equiv="refresh" content="0; url=https://evil.example/">{{cover.title}}</section>',
  );
  await mkdir(path.join(dir, 'tpl-css'), { recursive: true });
  await writeFile(path.join(dir, 'tpl-css', 'theme.css'), '@import url("https://evil.example/x.css");');
  await mkdir(path.join(dir, 'snapshot-file-parent'), { recursive: true });
  await writeFile(path.join(dir, 'a-file'), 'not a folder');
  await writeFile(path.join(dir, 'big.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1024 * 1024 + 10)]));
  await writeFile(path.join(dir, 'fake.png'), 'this is text, not an image');
  await writeFile(path.join(dir, 'logo.gif'), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
  await writeFile(path.join(dir, 'cookies.txt'), '# Netscape HTTP Cookie File\n');
  await mkdir(path.join(dir, 'earlier'), { recursive: true });
  await writeFile(path.join(dir, 'earlier', 'audit.json'), '{}');
  await mkdir(path.join(dir, 'locked'), { recursive: true });
  // A lock held by this (live) process: another run is writing there.
  await writeFile(path.join(dir, 'locked', '.conductor-audit.lock'), `${process.pid}\n`);
  await mkdir(path.join(dir, 'no-archive'), { recursive: true });
  await mkdir(path.join(dir, 'junk-archive', 'archive'), { recursive: true });
  await writeFile(path.join(dir, 'junk-archive', 'archive', 'crawl.warc.gz'), gzipSync('WARC/1.1\r\nWARC-Type: metadata\r\n\r\nnot a record'));
});

afterAll(async () => {
  await site.close();
});

/** An audit file in the temp folder with `yaml` as its text (the site is the counting server unless overridden). */
async function auditFile(name: string, yaml: string | Buffer): Promise<string> {
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(file, typeof yaml === 'string' ? yaml.replaceAll('SITE', site.url) : yaml);
  return file;
}

const ok = (extra = '') => `brand: Acme\nsite: { url: SITE }\n${extra}`;

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(args);
    return { code, stderr };
  } finally {
    spy.mockRestore();
    out.mockRestore();
  }
}

type Case = [name: string, args: () => Promise<string[]>, message: RegExp];
const file =
  (name: string, yaml: string | Buffer, ...rest: string[]) =>
  async () => [await auditFile(name, yaml), '--out', path.join(dir, 'out', name), '--formats', 'json', ...rest];
const fileHtml =
  (name: string, yaml: string | Buffer, ...rest: string[]) =>
  async () => [await auditFile(name, yaml), '--out', path.join(dir, 'out', name), '--formats', 'html', ...rest];

const CASES: Case[] = [
  // The audit file itself
  ['a missing audit file', async () => ['run', path.join(dir, 'nope.yaml')], /Audit file not found: .*nope\.yaml/],
  ['YAML that does not parse', file('syntax', 'brand: [unclosed\nsite: {'), /is not valid YAML:/],
  [
    'a YAML alias bomb',
    file(
      'bomb',
      `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nbrand: *d\nsite: { url: SITE }\n`,
    ),
    /uses YAML aliases .* expand too far/,
  ],
  [
    'a Latin-1 audit file',
    file('latin1', Buffer.from(`brand: Caf\xe9 M\xfcller\nsite: { url: SITE }\n`.replace('SITE', 'http://127.0.0.1:9/'), 'latin1')),
    /is not UTF-8 text .*Save it as UTF-8/,
  ],
  ['a list at the top', file('list', '- brand: Acme\n'), /must be a YAML mapping/],
  ['no brand', file('nobrand', 'site: { url: SITE }\n'), /brand: is required/],
  ['an empty brand', file('emptybrand', 'brand: ""\nsite: { url: SITE }\n'), /brand: is required: the brand name shown on the report/],
  ['no site', file('nosite', 'brand: Acme\n'), /site: is required/],
  ['a site URL that is not a URL', file('badurl', 'brand: Acme\nsite: { url: "not a url" }\n'), /site\.url: must be an absolute http\(s\) URL/],
  ['an ftp site URL', file('ftp', 'brand: Acme\nsite: { url: "ftp://example.org/" }\n'), /site\.url: must be an absolute http\(s\) URL/],
  [
    'credentials in the site URL',
    file('creds', 'brand: Acme\nsite: { url: "http://user:s3cret@127.0.0.1:9/" }\n'),
    /site\.url: must not contain a user name or password/,
  ],
  ['a typo at the top level', file('typo', 'brnad: Acme\nbrand: Acme\nsite: { url: SITE }\n'), /brnad: unknown field — did you mean `brand`\?/],
  ['a typo in crawl', file('typo2', ok('crawl: { maxPage: 10 }\n')), /crawl\.maxPage: unknown field — did you mean `maxPages`\?/],
  ['maxPages 0', file('mp0', ok('crawl: { maxPages: 0 }\n')), /crawl\.maxPages: .*(>=|at least|1)/],
  ['maxPages over the cap', file('mpbig', ok('crawl: { maxPages: 20000 }\n')), /crawl\.maxPages: .*10000/],
  ['maxPages as words', file('mpword', ok('crawl: { maxPages: ten }\n')), /crawl\.maxPages: must be a number/],
  ['maxPages .inf', file('mpinf', ok('crawl: { maxPages: .inf }\n')), /crawl\.maxPages: .*found Infinity/],
  ['an unknown render mode', file('render', ok('crawl: { render: chrome }\n')), /crawl\.render: must be one of "static", "browser", "auto"/],
  ['a negative delay', file('delay', ok('crawl: { delayMs: -1 }\n')), /crawl\.delayMs: /],
  ['concurrency 99', file('conc', ok('crawl: { concurrency: 99 }\n')), /crawl\.concurrency: /],
  ['a 10 ms timeout', file('timeout', ok('crawl: { timeoutMs: 10 }\n')), /crawl\.timeoutMs: /],
  ['groupShare 2', file('share', ok('crawl: { groupShare: 2 }\n')), /crawl\.groupShare: /],
  [
    'a user agent with a line break',
    file('ua', ok('crawl: { userAgent: "bot\\r\\nX-Injected: 1" }\n')),
    /crawl\.userAgent: must be one line of printable text/,
  ],
  ['an empty user agent', file('ua2', ok('crawl: { userAgent: "" }\n')), /crawl\.userAgent: /],
  ['include that is not a list', file('include', ok('crawl: { include: "/forum/**" }\n')), /crawl\.include: must be (an|a) array/],
  ['a time budget under 10 s', file('budget', ok('crawl: { timeBudgetSec: 1 }\n')), /crawl\.timeBudgetSec: /],
  ['sitemaps as a string', file('sitemaps', ok('crawl: { sitemaps: "yes" }\n')), /crawl\.sitemaps: must be a boolean/],
  ['a missing session file', file('session', ok('crawl: { session: ./no-cookies.txt }\n')), /crawl\.session: \.\/no-cookies\.txt does not exist/],
  [
    'a missing snapshot folder',
    file('snap', 'brand: Acme\nsite: { url: SITE, snapshot: ./no-such-site }\n'),
    /site\.snapshot: \.\/no-such-site does not exist/,
  ],
  ['a snapshot that is a file', file('snapfile', 'brand: Acme\nsite: { url: SITE, snapshot: ./a-file }\n'), /site\.snapshot: \.\/a-file is not a folder/],
  ['a missing traffic file', file('traffic', ok('traffic: { file: ./no-traffic.csv }\n')), /traffic\.file: \.\/no-traffic\.csv does not exist/],
  ['an unknown traffic format', file('tformat', ok('traffic: { file: ./a-file, format: excel }\n')), /traffic\.format: must be one of/],
  [
    'traffic columns with a GA4 format',
    file('tcols', ok('traffic: { file: ./a-file, format: ga4, columns: { date: d, visits: v } }\n')),
    /traffic\.columns: .*generic importer/,
  ],
  ['a traffic block without a file', file('tnofile', ok('traffic: { format: csv }\n')), /traffic\.file: is required/],
  ['an accent that is a word', file('accent', ok('report: { theme: { accent: red } }\n')), /report\.theme\.accent: must be a hex colour/],
  ['A5 paper', file('paper', ok('report: { paper: A5 }\n')), /report\.paper: must be one of "A4", "Letter"/],
  ['a French report', file('lang', ok('report: { language: fr }\n')), /report\.language: must be one of "en", "de"/],
  ['a missing logo', file('logo', ok('report: { analyst: { logo: ./no-logo.svg } }\n')), /report\.analyst\.logo: \.\/no-logo\.svg does not exist/],
  ['a logo over 1 MiB', fileHtml('logobig', ok('report: { analyst: { logo: ./big.png } }\n')), /report\.analyst\.logo: The logo .* KiB; the limit is 1024 KiB/],
  [
    'a logo that is not an image',
    fileHtml('logofake', ok('report: { analyst: { logo: ./fake.png } }\n')),
    /report\.analyst\.logo: The logo .* is not a valid SVG, PNG or JPEG image/,
  ],
  [
    'a GIF logo',
    fileHtml('logogif', ok('report: { analyst: { logo: ./logo.gif } }\n')),
    /report\.analyst\.logo: The logo .* must be an \.svg, \.png or \.jpg file/,
  ],
  [
    'an unknown analyst question',
    file('q7', ok('analyst: { Q7: { note: hi } }\n')),
    /analyst\.Q7: unknown field — remove it; allowed here: Q1, Q2, Q3, Q4, Q5/,
  ],
  [
    'an analyst score without a rationale',
    file('rationale', ok('analyst: { Q1: { score: 40 } }\n')),
    /analyst\.Q1\.rationale: an analyst score needs a written rationale/,
  ],
  ['an analyst score of 150', file('score150', ok('analyst: { Q1: { score: 150, rationale: "why" } }\n')), /analyst\.Q1\.score: /],
  ['a duplicated key', file('dupkey', 'brand: Acme\nbrand: Other\nsite: { url: SITE }\n'), /is not valid YAML:.*|Map keys must be unique/s],
  // The rubric
  ['a missing rubric', file('r-missing', ok(), '--rubric', 'no-rubric.yaml'), /Rubric file not found: no-rubric\.yaml/],
  [
    'a rubric that does not parse',
    async () => [...(await file('r-syntax', ok())()), '--rubric', await auditFile('rubric-syntax', 'questions: [unclosed')],
    /rubric-syntax\.yaml is not valid YAML:/,
  ],
  [
    'a rubric alias bomb',
    async () => [
      ...(await file('r-bomb', ok())()),
      '--rubric',
      await auditFile(
        'rubric-bomb',
        'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      ),
    ],
    /uses YAML aliases .* expand too far/,
  ],
  [
    'a rubric with an unknown signal',
    async () => [
      ...(await file('r-unknown', ok())()),
      '--rubric',
      await auditFile(
        'rubric-unknown',
        'name: r\nversion: "1"\nquestions:\n  Q1: { weight: 1, signals: { q1-nope: { weight: 1, points: [[0, 0], [1, 100]] } } }\n  Q2: { weight: 1, signals: {} }\n  Q3: { weight: 1, signals: {} }\n  Q4: { weight: 1, signals: {} }\n  Q5: { weight: 1, signals: {} }\n',
      ),
    ],
    /questions\.Q1\.signals\.q1-nope: no such signal/,
  ],
  [
    'a rubric with falling control points',
    async () => [
      ...(await file('r-points', ok())()),
      '--rubric',
      await auditFile(
        'rubric-points',
        'name: r\nversion: "1"\nquestions:\n  Q1: { weight: 1, signals: { q1-open-content: { weight: 1, points: [[1, 0], [0, 100]] } } }\n  Q2: { weight: 1, signals: {} }\n  Q3: { weight: 1, signals: {} }\n  Q4: { weight: 1, signals: {} }\n  Q5: { weight: 1, signals: {} }\n',
      ),
    ],
    /control point values must increase strictly/,
  ],
  [
    'a rubric without Q5',
    async () => [
      ...(await file('r-q5', ok())()),
      '--rubric',
      await auditFile('rubric-q5', 'name: r\nversion: "1"\nquestions:\n  Q1: { weight: 1, signals: {} }\n'),
    ],
    /questions\.Q5: (is required|missing)/,
  ],
  [
    'a rubric coverage floor of 2',
    async () => [
      ...(await file('r-floor', ok())()),
      '--rubric',
      await auditFile('rubric-floor', 'name: r\nversion: "1"\ncoverageFloor: { question: 2, index: 0.5 }\nquestions: {}\n'),
    ],
    /coverageFloor\.question: /,
  ],
  // Templates
  [
    'a missing templates folder',
    fileHtml('t-missing', ok(), '--templates', '/no/such/templates'),
    /The templates in \/no\/such\/templates cannot be used: .*does not exist/,
  ],
  [
    'a broken partial',
    async () => [...(await fileHtml('t-broken', ok())()), '--templates', path.join(dir, 'tpl-broken')],
    /The templates in .*tpl-broken cannot be used: partial cover: /,
  ],
  [
    'a partial with a meta refresh',
    async () => [...(await fileHtml('t-refresh', ok())()), '--templates', path.join(dir, 'tpl-refresh')],
    /partial cover: <meta http-equiv="refresh"> is not allowed/,
  ],
  [
    'a theme.css that imports from the web',
    async () => [...(await fileHtml('t-css', ok())()), '--templates', path.join(dir, 'tpl-css')],
    /theme\.css: @import is not allowed/,
  ],
  // Output folders
  [
    '--out that is a file',
    async () => ['run', await auditFile('o-file', ok()), '--out', path.join(dir, 'a-file'), '--formats', 'json'],
    /is a file, not a folder/,
  ],
  [
    '--out under a file',
    async () => ['run', await auditFile('o-under', ok()), '--out', path.join(dir, 'a-file', 'run'), '--formats', 'json'],
    /a part of .* is a file, not a folder/,
  ],
  [
    '--out holding an earlier run',
    async () => ['run', await auditFile('o-earlier', ok()), '--out', path.join(dir, 'earlier'), '--formats', 'json'],
    /already holds results of an earlier run \(audit\.json\)/,
  ],
  [
    '--out another run is writing to',
    async () => ['run', await auditFile('o-locked', ok()), '--out', path.join(dir, 'locked'), '--formats', 'json', '--force'],
    /Another run \(process \d+\) is writing to/,
  ],
  // Flags
  ['--max-pages 0', async () => ['run', await auditFile('f-mp', ok()), '--max-pages', '0'], /--max-pages.*must be a whole number ≥ 1/],
  ['--max-pages abc', async () => ['run', await auditFile('f-mp2', ok()), '--max-pages', 'abc'], /--max-pages.*must be a whole number ≥ 1/],
  [
    '--formats with an unknown format',
    async () => ['run', await auditFile('f-formats', ok()), '--formats', 'pdf,docx'],
    /use a comma-separated list of pdf, html, json, md/,
  ],
  ['--render chrome', async () => ['run', await auditFile('f-render', ok()), '--render', 'chrome'], /--render.*Allowed choices are static, browser, auto/],
  ['--lang fr', async () => ['run', await auditFile('f-lang', ok()), '--lang', 'fr'], /--lang.*Allowed choices are en, de/],
  ['--brand without --url', async () => ['run', '--brand', 'Acme', '--formats', 'json'], /Nothing to audit: give an audit file .* or both --brand and --url/],
  ['--url that is not a URL', async () => ['run', '--brand', 'Acme', '--url', 'acme', '--formats', 'json'], /site\.url: must be an absolute http\(s\) URL/],
  [
    '--url with a password, never printed',
    async () => ['run', '--brand', 'Acme', '--url', 'https://bob:hunter2@example.org/', '--formats', 'json'],
    /site\.url: must not contain a user name or password .*found "https:\/\/\*\*\*@example\.org\/"/,
  ],
  [
    '--from-archive that does not exist',
    async () => [
      'run',
      await auditFile('a-missing', ok()),
      '--from-archive',
      path.join(dir, 'no-run'),
      '--out',
      path.join(dir, 'out', 'a-missing'),
      '--formats',
      'json',
    ],
    /No crawl archive found at .*no-run/,
  ],
  [
    '--from-archive without an archive',
    async () => [
      'run',
      await auditFile('a-none', ok()),
      '--from-archive',
      path.join(dir, 'no-archive'),
      '--out',
      path.join(dir, 'out', 'a-none'),
      '--formats',
      'json',
    ],
    /No crawl archive found at .*no-archive/,
  ],
  [
    '--from-archive with a damaged archive',
    async () => [
      'run',
      await auditFile('a-junk', ok()),
      '--from-archive',
      path.join(dir, 'junk-archive'),
      '--out',
      path.join(dir, 'out', 'a-junk'),
      '--formats',
      'json',
    ],
    /Cannot re-score from .*crawl\.warc\.gz/,
  ],
  ['an unknown command', async () => ['audit'], /unknown command 'audit'/],
  ['an unknown option', async () => ['run', '--pages', '5'], /unknown option '--pages'/],
];

describe('bad input: exit 2, a message naming the problem, no stack trace, no request to the site', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('%s', async (_name, args, message) => {
    const before = site.requests.length;
    const argv = await args();
    const { code, stderr } = await cli(argv[0] === 'run' || argv[0] === 'audit' ? argv : ['run', ...argv]);
    expect(stderr).toMatch(message);
    expect(code, stderr).toBe(2);
    expect(stderr).not.toMatch(/unexpected failure|\n\s+at .+:\d+:\d+/);
    expect(stderr).not.toContain('s3cret');
    expect(stderr).not.toContain('hunter2');
    expect(site.requests.length, `the site was requested: ${site.paths().slice(before).join(', ')}`).toBe(before);
  });
});

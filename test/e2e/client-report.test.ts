// The report a client pays for, end to end on the bundled demo: at most 24 A4 pages, no developer terms in its
// text, nothing of the English catalogue in the German report, and `render --lang de` of an English run's
// audit.json giving the same German report as a German run.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/i18n/index.js';
import { cli } from './helpers/cli.js';
import { SIGNALS } from '../../src/signals/registry.js';
import { COMMON_STRINGS } from '../../src/signals/common-strings.js';

const run = promisify(execFile);

const pdfText = async (file: string) => (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
const pdfPages = async (file: string) => Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)?.[1]);
const pdfInfo = async (file: string) => (await run('pdfinfo', [file])).stdout;

/** The words a reader sees in report.html: no style, no tags, entities for quotes and ampersands decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** Literal runs of a template between its placeholders (nested ICU cases removed whole). */
function fragments(template: string): string[] {
  let s = template;
  for (let i = 0; i < 6 && /\{[^{}]*\}/.test(s); i++) s = s.replace(/\{[^{}]*\}/g, '\u0000');
  return s
    .split('\u0000')
    .map((x) => x.replace(/\s+/g, ' ').trim())
    .filter((x) => x.split(' ').length >= 4 && x.length >= 24);
}

/** Every English sentence fragment the report could print, except those the German catalogue keeps identical on purpose. */
function englishFragments(): string[] {
  const pairs: Array<[Record<string, string>, Record<string, string>]> = [
    [CATALOGUES.en, CATALOGUES.de],
    [COMMON_STRINGS.en, COMMON_STRINGS.de],
    ...SIGNALS.map((s) => [s.strings.en, s.strings.de] as unknown as [Record<string, string>, Record<string, string>]),
  ];
  const out = new Set<string>();
  for (const [en, de] of pairs)
    for (const [key, text] of Object.entries(en)) {
      const german = new Set(fragments(de[key] ?? ''));
      for (const f of fragments(text)) if (!german.has(f)) out.add(f);
    }
  return [...out];
}

/** Terms that belong to the tool's insides, never to a client's report. */
const DENY: Array<[string, RegExp]> = [
  ['the audit data file', /audit\.json/i],
  ['HTML attributes', /\brel=|\bhref=|\bsrc=|\bclass=/i],
  ['markup', /<\/?(?:div|script|span|iframe|img|link|meta)\b/i],
  ['loopback addresses', /127\.0\.0\.1|localhost/i],
  ['control-point notation', /\d(?:[.,]\d+)?\s*→\s*\d+\s*·/],
  ['scoring internals', /Scored \d+\/100 at weight|bei Gewicht \d/],
  ['importer ids', /\b(?:generic|ga4|ua|matomo|plausible|gsc|similarweb)-(?:csv|json|zip)\b/],
  ['file names', /\btraffic\.csv\b|\.ya?ml\b|\.warc\b/],
  ['raw selectors', /#root\b|\[data-[\w-]+|\bschema\.org\b|acceptedAnswer|\bnoscript\b/i],
  ['reason codes', /\b(?:state-changing|out-of-scope|non-html|max-pages|group-failing)\b/],
];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'conductor-client-'));
  const en = await cli(['run', 'audits/demo/megamart.yaml', '--out', path.join(tmp, 'en'), '--quiet']);
  expect(en.code, en.stderr).toBe(0);
  // The German run re-scores the same crawl: same audit, German words.
  const de = await cli(['run', 'audits/demo/megamart.yaml', '--from-archive', path.join(tmp, 'en'), '--lang', 'de', '--out', path.join(tmp, 'de'), '--quiet']);
  expect(de.code, de.stderr).toBe(0);
  const rendered = await cli(['render', path.join(tmp, 'en'), '--lang', 'de', '--audit', 'audits/demo/megamart.yaml', '--out', path.join(tmp, 'rendered-de')]);
  expect(rendered.code, rendered.stderr).toBe(0);
}, 400_000);

describe('the demo report a consultant sends', () => {
  it('fits in 24 A4 pages in English and in German', async () => {
    for (const lang of ['en', 'de']) {
      const pages = await pdfPages(path.join(tmp, lang, 'report.pdf'));
      expect(pages, lang).toBeGreaterThanOrEqual(12);
      expect(pages, lang).toBeLessThanOrEqual(24);
    }
  });

  it('has no developer term in its text (PDF, HTML or summary), in either language', async () => {
    for (const lang of ['en', 'de']) {
      const texts = {
        pdf: await pdfText(path.join(tmp, lang, 'report.pdf')),
        html: htmlText(await readFile(path.join(tmp, lang, 'report.html'), 'utf8')),
        md: await readFile(path.join(tmp, lang, 'summary.md'), 'utf8'),
      };
      for (const [where, text] of Object.entries(texts))
        for (const [what, re] of DENY) expect(re.exec(text)?.[0] ?? null, `${lang} ${where}: ${what}`).toBeNull();
    }
  });

  it('says nothing of the English catalogue in the German report (the site’s own English quotes aside)', async () => {
    const english = englishFragments();
    expect(english.length).toBeGreaterThan(300);
    const germanPdf = await pdfText(path.join(tmp, 'de', 'report.pdf'));
    const germanHtml = htmlText(await readFile(path.join(tmp, 'de', 'report.html'), 'utf8'));
    const germanMd = (await readFile(path.join(tmp, 'de', 'summary.md'), 'utf8')).replace(/\s+/g, ' ');
    for (const [where, text] of Object.entries({ pdf: germanPdf, html: germanHtml, md: germanMd }))
      expect(
        english.filter((f) => text.includes(f)),
        where,
      ).toEqual([]);
    // The English report does carry them: the check can fail.
    const englishHtml = htmlText(await readFile(path.join(tmp, 'en', 'report.html'), 'utf8'));
    expect(english.filter((f) => englishHtml.includes(f)).length).toBeGreaterThan(40);
  });

  it('gives the PDF German metadata and German month names', async () => {
    const info = await pdfInfo(path.join(tmp, 'de', 'report.pdf'));
    expect(info).toMatch(/Subject:\s+Produzent–Dirigent-Audit von MegaMart/);
    const html = htmlText(await readFile(path.join(tmp, 'de', 'report.html'), 'utf8'));
    expect(html).toMatch(/Okt\.? 2026|Dez\.? 2025/);
    expect(html).not.toMatch(/\bOct 2026\b/);
  });

  it('renders an English run’s audit.json in German exactly as a German run writes it', async () => {
    for (const name of ['report.html', 'summary.md'])
      expect(await readFile(path.join(tmp, 'rendered-de', name), 'utf8'), name).toBe(await readFile(path.join(tmp, 'de', name), 'utf8'));
    expect(await pdfText(path.join(tmp, 'rendered-de', 'report.pdf'))).toBe(await pdfText(path.join(tmp, 'de', 'report.pdf')));
  });

  it('refuses to render into the audit’s own folder, and names the fix', async () => {
    const r = await cli(['render', path.join(tmp, 'en'), '--out', path.join(tmp, 'en'), '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds the audit being rendered: choose another --out folder/);
    await expect(readFile(path.join(tmp, 'en', 'audit.json'), 'utf8')).resolves.toContain('"schemaVersion": 3');
  });
});

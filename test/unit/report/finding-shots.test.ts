// Screenshot crops beside the headline findings: which evidence gets one, how the crop is made (the saved page in
// the report's locked browser, nothing requested), where the view model puts it, and what is said without a browser.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFindingShots, cropBox, headlineEvidence, inertHtml, needleOf, reportShots, SHOT } from '../../../src/report/finding-shots.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { buildViewModel, findingShotKey, type EvidenceVM } from '../../../src/report/view-model.js';
import { de } from '../../../src/i18n/de.js';
import { hasChrome } from '../../../src/util/chrome.js';
import { loadFixture } from './helpers.js';

const CHROME = hasChrome();
/** The smallest byte string imageMime() takes for a JPEG (the view model checks the bytes, not the picture). */
const FAKE_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

describe('headlineEvidence', () => {
  it('takes the first item of the summary’s three findings, then of each question’s first measured signal, each once', () => {
    const result = loadFixture('sample');
    const items = headlineEvidence(result);
    // Summary: q1-open-content, q5-consent-choice, q1-registration-burden; then Q1…Q5's first measured cards
    // (q1-open-content and q5-consent-choice are already in).
    expect(items.map((i) => i.key)).toEqual([
      'q1-open-content#0',
      'q5-consent-choice#0',
      'q1-registration-burden#0',
      'q2-possessive-language#0',
      'q3-help-vs-sell#0',
      'q4-capture-popups#0',
    ]);
    const signals = new Map(result.questions.flatMap((q) => q.signals.map((s) => [s.id, s])));
    for (const item of items) {
      const e = signals.get(item.key.replace(/#0$/, ''))!.evidence[0]!;
      expect(item).toEqual({ key: item.key, url: e.url, snippet: e.snippet ?? null });
    }
  });
});

describe('the crop, worked out', () => {
  it('looks for the first 40 characters of the quote, whitespace collapsed, without added quote marks or ellipsis', () => {
    expect(needleOf('  “Measure  each wall\nat skirting height and note the position of radiators…”')).toBe('measure each wall at skirting height and');
    expect(needleOf('Short.')).toBeNull();
    expect(needleOf(null)).toBeNull();
  });

  it('pads the box, keeps it 320–1280 wide, at most 480 tall and inside the page; without a box, the top 1280×600', () => {
    expect(cropBox({ x: 600, y: 300, width: 100, height: 20 }, 2000)).toEqual({ x: 490, y: 260, width: 320, height: 100 });
    expect(cropBox({ x: 0, y: 10, width: 1264, height: 2000 }, 3000)).toEqual({ x: 0, y: 0, width: 1280, height: 480 });
    expect(cropBox({ x: 1200, y: 90, width: 70, height: 20 }, 130)).toEqual({ x: 960, y: 50, width: 320, height: 80 });
    expect(cropBox(null, 5000)).toEqual({ x: 0, y: 0, width: 1280, height: SHOT.topHeight });
    expect(cropBox(null, 300)).toEqual({ x: 0, y: 0, width: 1280, height: 300 });
  });

  it('makes the saved page inert before loading it: no refresh, no <base>, a CSP that allows only data:, no motion', () => {
    const html = inertHtml(
      '<!doctype html><html><head><meta http-equiv="refresh" content="0;url=https://e.example/"><base href="https://e.example/"></head><body>x</body></html>',
    );
    expect(html).not.toMatch(/refresh|<base/i);
    expect(html).toMatch(/^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;/);
    expect(html).toContain('animation:none!important');
    // No <head>: after the doctype, never before it (that would switch the page to quirks mode).
    expect(inertHtml('<!DOCTYPE html><p>x</p>')).toMatch(/^<!DOCTYPE html><meta http-equiv="Content-Security-Policy"/);
  });
});

describe('crops in the view model', () => {
  const result = loadFixture('sample');
  const shots = headlineEvidence(result).map((i) => ({ key: i.key, data: FAKE_JPEG, width: 320, height: 100 }));

  /** Every evidence item of the view model, with where it is. */
  const allEvidence = (vm: ReturnType<typeof buildViewModel>): Array<[string, EvidenceVM]> => [
    ...vm.summary.findings.flatMap((f, i): Array<[string, EvidenceVM]> => (f.evidence ? [[`summary ${i + 1}`, f.evidence]] : [])),
    ...vm.questions.flatMap((q) => q.signals.flatMap((s) => s.evidence.map((e, i): [string, EvidenceVM] => [`${q.id} ${s.id} ${i}`, e]))),
    ...vm.recommendations.flatMap((r): Array<[string, EvidenceVM]> => (r.evidence ? [[`rec ${r.signalId}`, r.evidence]] : [])),
  ];

  it('puts a crop on the summary’s findings and each question’s first measured card, and nowhere else', () => {
    const vm = buildViewModel(result, { findingShots: shots });
    const withCrop = allEvidence(vm)
      .filter(([, e]) => e.crop)
      .map(([where]) => where);
    expect(withCrop).toEqual([
      'summary 1',
      'summary 2',
      'summary 3',
      'Q1 q1-open-content 0',
      'Q2 q2-possessive-language 0',
      'Q3 q3-help-vs-sell 0',
      'Q4 q4-capture-popups 0',
      'Q5 q5-consent-choice 0',
    ]);
    const crop = vm.summary.findings[0]!.evidence!.crop!;
    expect(crop).toEqual({
      src: `data:image/jpeg;base64,${Buffer.from(FAKE_JPEG).toString('base64')}`,
      alt: 'The page as the audit read it',
      width: 320,
      height: 100,
    });
    expect(allEvidence(vm).some(([, e]) => e.cropSkipped)).toBe(false);
  });

  it('leaves out a crop whose bytes are not a JPEG, and says nothing when there simply are none', () => {
    const bad = shots.map((s) => ({ ...s, data: new Uint8Array([0x3c, 0x73, 0x76, 0x67]) }));
    for (const vm of [buildViewModel(result, { findingShots: bad }), buildViewModel(result)]) {
      expect(allEvidence(vm).filter(([, e]) => e.crop || e.cropSkipped)).toEqual([]);
    }
  });

  it('says the screenshot was skipped, in German, on exactly those items when there was no browser', () => {
    const vm = buildViewModel(result, { locale: 'de', shotSkipped: true });
    expect(allEvidence(vm).filter(([, e]) => e.cropSkipped)).toHaveLength(8);
    const html = renderReportHtml(result, { locale: 'de', shotSkipped: true });
    expect(html.split(de['evidence.cropSkipped']).length - 1).toBe(8);
    expect(de['evidence.cropSkipped']).toBe('Bildschirmfoto ausgelassen: Beim Erstellen dieses Berichts war kein Browser verfügbar.');
    expect(html).not.toContain('Screenshot skipped');
  });

  it('places the crop as an image beside the quote in the HTML', () => {
    const html = renderReportHtml(result, { findingShots: shots.slice(0, 1) });
    expect(html.match(/<img class="ev-crop" src="data:image\/jpeg;base64,[^"]+" alt="The page as the audit read it" width="320" height="100">/g)).toHaveLength(
      2,
    );
    expect(findingShotKey('q1-open-content')).toBe('q1-open-content#0');
  });
});

describe('reportShots without a browser or without pages', () => {
  it('says nothing for a bare audit.json, and "skipped" when no browser is found', async () => {
    const result = loadFixture('sample');
    expect(await reportShots(result, null)).toEqual({});
    const before = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chromium';
    try {
      expect(await reportShots(result, [{ url: 'https://community.northwindhome.example/', html: '<p>x</p>' }])).toEqual({ shotSkipped: true });
    } finally {
      if (before === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = before;
    }
  });
});

describe.skipIf(!CHROME)('crops drawn in Chromium', () => {
  let hits: string[];
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    hits = [];
    // Counts every request: the crawled page's own image points here, and so does the browser's proxy.
    server = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const quote = 'Sign in to read the full discussion and all the replies.';
  const page = `<!doctype html><html><head><title>t</title></head><body style="margin:0;font:16px sans-serif">
<header style="height:300px;background:#eee">Header</header>
<main><p>Before.</p><div class="wall"><p>${quote}</p><button>Sign in</button></div><p>After.</p></main>
<footer style="height:900px">Footer</footer></body></html>`;

  it('crops around the quoted words, as a JPEG at most 640 wide, byte for byte the same twice', async () => {
    const item = { key: 'q1-open-content#0', url: 'https://s.example/t', snippet: quote };
    const pages = new Map([[item.url, page]]);
    const [a] = await captureFindingShots([item], pages);
    const [b] = await captureFindingShots([item], pages);
    expect(a && b).toBeTruthy();
    expect(Array.from(a!.data.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
    // The paragraph (about 420 px of text) with 40 px on each side: not the top of the page (1280 × 600 → 640 × 300).
    expect(a!.width).toBeLessThanOrEqual(640);
    expect(a!.width).toBeGreaterThanOrEqual(320);
    expect(a!.height).toBeLessThan(200);
    expect(Buffer.compare(Buffer.from(a!.data), Buffer.from(b!.data))).toBe(0);
    // Without a quote: the top of the page, scaled to 640 wide.
    const [top] = await captureFindingShots([{ ...item, snippet: null }], pages);
    expect([top!.width, top!.height]).toEqual([640, 300]);
  });

  it('runs no script of the page and requests nothing, not even from loopback', async () => {
    const hostile = `<!doctype html><html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/css">
<script>document.documentElement.innerHTML = '<body><div style="height:5000px">gone</div></body>'; fetch('http://127.0.0.1:${port}/fetch');</script>
<meta http-equiv="refresh" content="0;url=http://127.0.0.1:${port}/refresh"></head>
<body><p>${quote}</p><img src="http://127.0.0.1:${port}/x"><iframe src="http://127.0.0.1:${port}/frame"></iframe></body></html>`;
    const item = { key: 'k#0', url: 'https://s.example/h', snippet: quote };
    const shots = await captureFindingShots([item], new Map([[item.url, hostile]]), { offlineProxy: `127.0.0.1:${port}` });
    expect(shots).toHaveLength(1);
    // Had the script run, the quote would be gone and the crop would be the page's top (640 × 300).
    expect(shots[0]!.height).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(hits).toEqual([]);
  });

  it('skips a page it cannot draw and keeps the others', async () => {
    const items = [
      { key: 'a#0', url: 'https://s.example/missing', snippet: quote },
      { key: 'b#0', url: 'https://s.example/t', snippet: quote },
    ];
    const shots = await captureFindingShots(items, new Map([['https://s.example/t', page]]), { totalTimeoutMs: 20_000 });
    expect(shots.map((s) => s.key)).toEqual(['b#0']);
  });
});

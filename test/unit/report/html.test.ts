import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { loadFixture, SECTION_HEADINGS } from './helpers.js';
import { questionTitle } from '../../../src/report/view-model.js';
import { signalTitle } from '../../../src/report/messages.js';
import { message } from '../../../src/i18n/message.js';

describe('renderReportHtml', () => {
  const sample = loadFixture('sample');
  const html = renderReportHtml(sample);

  it('is one self-contained document with a CSP and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/(?:src|href)="(?!https?:|data:|#[a-z0-9-]+")/i);
    expect(html).toMatch(/<title>Northwind Home: social producer or social conductor\? — Northwind Home<\/title>/);
  });

  it('has every section, the brand and each question', () => {
    expect(html).toContain('Northwind Home');
    for (const h of SECTION_HEADINGS) expect(html).toContain(h.replace(/&/g, '&amp;'));
    for (const q of sample.questions) {
      // Titles come from the catalogues (audit.json carries ids only).
      expect(html).toContain(`${q.id} · ${questionTitle(q)}`);
      for (const s of q.signals) expect(html).toContain(signalTitle(s.id).replace(/&/g, '&amp;'));
    }
    expect(html).toContain('counter(pages)');
    expect(html).toContain('size: A4');
    expect(html).toContain('break-inside: avoid');
  });

  it('has a table of contents after the cover linking to every section', () => {
    const cover = html.indexOf('<section class="cover">');
    const toc = html.indexOf('<nav class="section toc" id="contents"');
    expect(toc).toBeGreaterThan(cover);
    expect(toc).toBeLessThan(html.indexOf('id="summary"'));
    const targets = [...html.slice(toc, html.indexOf('</nav>', toc)).matchAll(/href="#([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(targets).toEqual(expect.arrayContaining(['summary', 'recommendations', 'q-q1', 'q-q5', 'pull', 'method', 'coverage', 'appendix']));
    for (const id of targets) expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(/<span class="toc-page" data-toc-target="summary"><\/span>/);
  });

  it('inlines the shipped font and uses it for body and margin boxes', () => {
    expect(html.match(/@font-face \{ font-family: "Source Sans 3"/g)).toHaveLength(8);
    expect(html).toContain('src: url(data:font/woff2;base64,');
    expect(html).toMatch(/@bottom-left \{ content: [^;]+; font-family: "Source Sans 3"/);
    expect(html).toContain('font-family: var(--font)');
    expect(html).toContain('<meta name="author" content="Dana Whitfield, Brightline Advisory">');
  });

  it('shows the analyst score beside the machine score', () => {
    expect(html).toContain('Machine score');
    expect(html).toContain('Analyst view');
    expect(html).toContain('Confirmed by hand on 10 threads');
  });

  it('says when no traffic data was supplied', () => {
    const out = renderReportHtml({ ...sample, traffic: null });
    expect(out).toContain('No traffic data was supplied');
  });

  it('renders an audit with no evidence, no traffic and no analyst', () => {
    const empty = {
      ...sample,
      report: { ...sample.report, analyst: { name: null, organisation: null } },
      crawl: {
        ...sample.crawl,
        pages: [],
        pagesFetched: 0,
        pagesFailed: 0,
        pagesSkipped: 0,
        robotsBlocked: 0,
        failedByReason: {},
        skippedByReason: {},
        stoppedEarly: 'interrupted',
      },
      questions: sample.questions.map((q) => ({
        ...q,
        status: 'not-measured' as const,
        score: null,
        band: null,
        leaning: null,
        indexScore: 50,
        coverage: 0,
        analyst: null,
        signals: q.signals.map((s) => ({ ...s, status: 'not-measured' as const, score: null, leaning: null, strength: 0, value: null, evidence: [] })),
      })),
      index: { status: 'not-measured' as const, score: null, label: null, leaning: null, coverage: 0 },
      traffic: null,
      warnings: [],
    };
    const out = renderReportHtml(empty);
    expect(out).toContain('Not enough evidence was gathered');
    expect(out).toContain('not scored: no evidence');
    expect(out).toContain('No signal could be measured');
    expect(out).toContain('The crawl stopped early');
    expect(out).toContain('No page was crawled');
  });

  it('switches to Letter paper', () => {
    expect(renderReportHtml(sample, { paper: 'Letter' })).toContain('size: letter');
  });

  it('escapes the hostile fixture', () => {
    const out = renderReportHtml(loadFixture('hostile'));
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toMatch(/<iframe/i);
    expect(out).not.toMatch(/<object/i);
    expect(out).not.toMatch(/<img src=x/i);
    expect(out).not.toMatch(/<h1>x/);
    expect(out).toContain('&lt;/style&gt;&lt;h1&gt;x');
    expect(out.match(/<\/style>/g)).toHaveLength(1);
    expect(out).not.toMatch(/href="\s*javascript:/i);
    expect(out).not.toMatch(/href="(?!https?:|#[a-z0-9-]+")/i);
    expect(out).toContain('javascript:alert(1)');
    expect(out).toContain('{{constructor}}');
    expect(out).not.toContain('x'.repeat(400));
  });

  it('escapes hostile text from each place it can come from: brand, title, analyst, snippet, note, message value, URL', () => {
    const hostile = loadFixture('hostile');
    // The fixture's evidence items are quotations; give another signal the tool's own note, with a hostile page title as its value.
    const noted = {
      ...hostile,
      questions: hostile.questions.map((q, i) =>
        i === 0
          ? {
              ...q,
              signals: q.signals.map((sig) =>
                sig.id === 'q1-content-asks'
                  ? {
                      ...sig,
                      evidence: [
                        {
                          url: 'https://community.northwindhome.example/t/1',
                          note: message('q1-open-content.openPages', { open: 1, total: 2, title: '<svg onload=alert(2)> \u202Enote\u200B {{constructor}}' }),
                          points: 'producer' as const,
                        },
                        ...sig.evidence,
                      ],
                    }
                  : sig,
              ),
            }
          : q,
      ),
    };
    const out = renderReportHtml(noted);
    // Brand and the audit file's own title (the <title> and the cover).
    expect(out).toContain('<title>Report &lt;script&gt;alert(1)&lt;/script&gt; {{constructor.constructor}} — EvilCorp &lt;script&gt;alert(1)&lt;/script&gt;');
    // The analyst's name and organisation.
    expect(out).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(out).not.toMatch(/display:none \} <\/style>/);
    // Analyst note and rationale.
    expect(out).toContain('Note &lt;iframe src&#x3D;&quot;file:///etc/passwd&quot;&gt;&lt;/iframe&gt;');
    expect(out).toContain('Because &lt;script&gt;alert(1)&lt;/script&gt;');
    // A snippet (quotation from the site).
    expect(out).toContain('&lt;iframe src&#x3D;&quot;file:///etc/passwd&quot;&gt;&lt;/iframe&gt; &lt;/style&gt;&lt;h1&gt;x');
    // A note's message value: escaped, and never markup.
    expect(out).toContain('&lt;svg onload&#x3D;alert(2)&gt;');
    expect(out).not.toMatch(/<svg onload/i);
    // URLs: javascript: and data: are text, never links.
    expect(out).not.toMatch(/href="\s*(?:javascript|data):/i);
    expect(out).not.toMatch(/src="(?!data:image\/)/i);
  });

  it('keeps bidi overrides and zero-width characters from any hostile string out of the report', () => {
    const out = renderReportHtml(loadFixture('hostile'));
    // The brand, a snippet and a message value (q1-open-content's display) all carry U+202E and U+200B.
    expect(out).toContain('gpj.exe');
    expect(out).not.toMatch(/[\u202E\u200B]/);
  });

  it('lets a user folder override a partial, in strict mode', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
    mkdirSync(path.join(dir, 'partials'));
    writeFileSync(path.join(dir, 'partials', 'cover.hbs'), '<section class="cover custom-cover">{{cover.brand}} by {{cover.organisation}}</section>');
    const out = renderReportHtml(sample, { templatesDir: dir });
    expect(out).toContain('<section class="cover custom-cover">Northwind Home by Brightline Advisory</section>');
    expect(out).toContain('Executive summary');
    writeFileSync(path.join(dir, 'partials', 'cover.hbs'), '{{cover.noSuchField}}');
    expect(() => renderReportHtml(sample, { templatesDir: dir })).toThrow(/noSuchField/);
  });
});

describe('screenshots (browser and auto crawls)', () => {
  const sample = loadFixture('sample');
  const evidenceUrl = sample.questions[0]!.signals[0]!.evidence[0]!.url;
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  const withShots = {
    ...sample,
    crawl: {
      ...sample.crawl,
      render: 'browser' as const,
      pagesRendered: 3,
      screenshots: [
        { url: evidenceUrl, group: '/forum/t/*', mimeType: 'image/jpeg', width: 1280, height: 2400 },
        { url: 'https://community.northwindhome.example/x', group: '/x<script>alert(1)</script>', mimeType: 'image/jpeg', width: 1280, height: 800 },
        { url: 'https://community.northwindhome.example/svg', group: '/svg', mimeType: 'image/jpeg', width: 10, height: 10 },
      ],
    },
  };
  const images = [
    { url: evidenceUrl, data: JPEG },
    { url: 'https://community.northwindhome.example/x', data: JPEG },
    // Not a JPEG or PNG whatever audit.json says: never inlined.
    { url: 'https://community.northwindhome.example/svg', data: Buffer.from('<svg onload="alert(1)"></svg>') },
  ];

  it('shows one inlined image per page type, escapes its caption, and links evidence from that page to it', () => {
    const out = renderReportHtml(withShots, { screenshots: images });
    expect(out).toContain('Pages as a visitor sees them');
    expect(out.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(2);
    expect(out).not.toContain('onload');
    expect(out).toContain('/x&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('id="shot-1"');
    expect(out).toMatch(/<a class="shot-ref" href="#shot-1">screenshot<\/a>/);
    expect(out).toMatch(/pages rendered in a browser/);
  });

  it('leaves the gallery out when the images are not available (a static crawl, or no images given)', () => {
    expect(renderReportHtml(withShots)).not.toContain('Pages as a visitor sees them');
    expect(renderReportHtml(sample, { screenshots: images })).not.toContain('class="shot-ref"');
  });
});

describe('traffic: the other measures an export carries', () => {
  const sample = loadFixture('sample');
  it('shows visitors, pages per visit, bounce rate and visit time beside visits, with their change', () => {
    const months = sample.traffic!.months.map((m, i, all) => ({
      ...m,
      metrics:
        i >= all.length - 12
          ? { pageviews: (m.visits ?? 0) * 3, bounces: (m.visits ?? 0) * 0.4 }
          : { pageviews: (m.visits ?? 0) * 2, bounces: (m.visits ?? 0) * 0.5 },
    }));
    const out = renderReportHtml({ ...sample, traffic: { ...sample.traffic!, months } });
    expect(out).toMatch(/Other measures in the file, last 12 full months/);
    expect(out).toMatch(/Pages per visit<\/th><td class="num">3<\/td><td class="num">\+50%<\/td>/);
    expect(out).toMatch(/Bounce rate<\/th><td class="num">40%<\/td><td class="num">−10(\.0)? pts<\/td>/);
    expect(renderReportHtml(sample)).not.toMatch(/Other measures in the file/);
    // Less than two years of measures: no change column at all rather than a column of dashes.
    const recentOnly = sample.traffic!.months.map((m, i, all) => (i >= all.length - 12 ? { ...m, metrics: { pageviews: (m.visits ?? 0) * 3 } } : m));
    const one = renderReportHtml({ ...sample, traffic: { ...sample.traffic!, months: recentOnly } });
    expect(one).toMatch(/Pages per visit<\/th><td class="num">3<\/td><\/tr>/);
    expect(one).not.toContain('vs the 12 months before');
  });
});

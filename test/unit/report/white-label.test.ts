import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitiseUserCss, UserCssError } from '../../../src/report/handlebars.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { loadFixture } from './helpers.js';

function templatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'templates-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

describe('white-label templates', () => {
  const sample = loadFixture('sample');

  it('replaces any partial from --templates DIR (top level or partials/)', () => {
    const dir = templatesDir({
      'cover.hbs': '<section class="cover my-cover"><h1 class="cover-brand">{{cover.brand}} for {{cover.organisation}}</h1></section>',
      'partials/method.hbs': '<section class="section" id="method"><h1>{{t "method.title"}}: our own words</h1></section>',
    });
    const html = renderReportHtml(sample, { templatesDir: dir });
    expect(html).toContain('<h1 class="cover-brand">Northwind Home for Brightline Advisory</h1>');
    expect(html).toContain('<h1>Method: our own words</h1>');
    expect(html).not.toContain('Community audit · Producer or conductor?');
    expect(html).toContain('Executive summary');
  });

  it('appends a user theme.css after the built-in one', () => {
    const css = '.cover-brand { letter-spacing: 0.02em; color: #112233; }\n.cover-band { background: url("data:image/png;base64,iVBORw0KGgo="); }';
    const html = renderReportHtml(sample, { templatesDir: templatesDir({ 'theme.css': css }) });
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).toContain('color: #112233');
    expect(style.indexOf('color: #112233')).toBeGreaterThan(style.indexOf('.cover-brand { font-size: 40pt'));
    expect(style.indexOf('color: #112233')).toBeGreaterThan(style.indexOf('@page'));
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('rejects @import, non-data url(), markup and script-bearing CSS', () => {
    const bad = [
      '@import url("https://evil.example/x.css");',
      '@IMPORT "x.css";',
      '@\\69mport "x.css";',
      'body { background: url(https://evil.example/p.png); }',
      "body { background: url('file:///etc/passwd'); }",
      'body { background: u\\72l(http://x); }',
      'body { background: url( //evil.example/x ); }',
      '@font-face { font-family: X; src: url(/etc/fonts/x.ttf); }',
      'p { color: red } </style><script>alert(1)</script>',
      'p { width: expression(alert(1)); }',
      'p { background-image: image-set("x.png" 1x); }',
    ];
    for (const css of bad) expect(() => sanitiseUserCss(css), css).toThrow(UserCssError);
    expect(() => renderReportHtml(sample, { templatesDir: templatesDir({ 'theme.css': bad[0]! }) })).toThrow(/@import is not allowed/);
  });

  it('accepts plain CSS and data: URLs, comments included', () => {
    const ok = '/* brand colours */\n.cover { background: url(data:image/svg+xml;base64,PHN2Zy8+) no-repeat; }\nh1 { color: #123456; }';
    expect(sanitiseUserCss(ok)).toBe(ok);
    expect(sanitiseUserCss('/* url(http://x) in a comment is fine */ p { margin: 0 }')).toContain('p { margin: 0 }');
  });
});

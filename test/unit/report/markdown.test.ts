import { describe, expect, it } from 'vitest';
import { renderSummaryMarkdown } from '../../../src/report/render-markdown.js';
import { escapeMarkdown, escapeMarkdownCell } from '../../../src/report/text.js';
import { loadFixture, markdownHostileFixture } from './helpers.js';

/** Cells of a Markdown table row, splitting on unescaped pipes only. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('renderSummaryMarkdown', () => {
  it('has the verdict, the index and a five-row question table', () => {
    const md = renderSummaryMarkdown(loadFixture('sample'));
    expect(md).toContain('## Executive summary');
    expect(md).toContain('**Conductor index: 27/100 — Leaning producer**');
    const lines = md.split('\n');
    const head = lines.findIndex((l) => l.startsWith('| Question |'));
    expect(cells(lines[head]!)).toEqual(['Question', 'Score', 'Coverage', 'Band']);
    expect(lines[head + 1]).toBe('| --- | ---: | ---: | --- |');
    const rows = lines.slice(head + 2, head + 7);
    expect(rows.map((r) => cells(r))).toEqual([
      ['Q1 Participation', '17', '100%', 'producer'],
      ['Q2 Ownership', '20', '100%', 'leaning producer'],
      ['Q3 Value', '27', '100%', 'leaning producer'],
      ['Q4 Capture', '36', '100%', 'leaning producer'],
      ['Q5 Aims', '35', '75%', 'leaning producer'],
    ]);
    expect(lines[head + 7]).toBe('');
    expect(md).toContain('a holiday surge on a falling line');
  });

  it('lists what to do about it, with evidence URLs', () => {
    const md = renderSummaryMarkdown(loadFixture('sample'));
    expect(md).toContain('### What to do about it');
    // The action plan's first three, each with its priority, points recoverable and effort, and an evidence URL.
    expect(md).toMatch(
      /^1\. Offer a real consent choice.* _Do first, up to 12 index points, medium effort_ \(<https:\/\/community\.northwindhome\.example\/>\)$/m,
    );
    expect(md).toMatch(
      /^3\. Cut the registration form to what posting needs.*_Do first, up to 5 index points, low effort_ \(<https:\/\/community\.northwindhome\.example\/account\/register>\)$/m,
    );
    expect(md).not.toMatch(/^4\. /m);
    expect(md).not.toMatch(/weight \d|scored \d+\/100/);
  });

  it('speaks German when asked', () => {
    const md = renderSummaryMarkdown(loadFixture('sample'), { locale: 'de' });
    expect(md).toContain('## Zusammenfassung');
    expect(md).toContain('**Dirigenten-Index: 27/100 — Eher Produzent**');
    expect(md).toContain('| Frage | Wert | Abdeckung | Einstufung |');
    expect(md).toContain('| Q1 Teilhabe | 17 | 100\u00a0% | Produzent |');
    expect(md).toContain('### Was zu tun ist');
    expect(md).not.toContain('Executive summary');
  });

  it('says when no traffic data was supplied', () => {
    const md = renderSummaryMarkdown({ ...loadFixture('sample'), traffic: null });
    expect(md).toContain('No traffic data was supplied');
  });

  it('escapes crawled text without entities or escaped parentheses', () => {
    const md = renderSummaryMarkdown(markdownHostileFixture());
    expect(md).not.toMatch(/<script/i);
    expect(md).toContain('< script>alert(1)< /script>');
    expect(md).not.toMatch(/&(lt|gt|amp|quot|#\d+);/);
    expect(md).not.toMatch(/\\[()]/);
    expect(md).not.toMatch(/[\u202E\u200B]/);
    for (const row of md.split('\n').filter((l) => /^\| Q\d /.test(l))) expect(cells(row)).toHaveLength(4);
    // The brand (in the heading line and the verdict) and a finding's message value, escaped where they could start something.
    const verdict = md.split('\n').find((l) => l.includes('leans towards'))!;
    expect(verdict).toContain('\\`code\\`');
    expect(verdict).toContain('\\[a\\](javascript:alert(1))');
    const finding = md.split('\n').find((l) => l.startsWith('1. **Community content'))!;
    expect(finding).toContain('\\`code\\`');
    expect(finding).toContain('\\[a\\](javascript:alert(1))');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
  });

  it('escapes only what could start something', () => {
    expect(escapeMarkdown('a|b`c`[d]<e> (f)')).toBe('a|b\\`c\\`\\[d\\]< e> (f)');
    expect(escapeMarkdownCell('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('snake_case and _emphasis_ and *bold*')).toBe('snake_case and \\_emphasis\\_ and \\*bold\\*');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('see https://evil.example/a_b?x=1, or mail me@evil.example.')).toBe('see `https://evil.example/a_b?x=1`, or mail `me@evil.example`.');
    expect(escapeMarkdown('[embed]a video[/embed]')).toBe('\\[ embed\\]a video\\[/ embed\\]');
    expect(escapeMarkdown('3 < 4 and a<b')).toBe('3 < 4 and a< b');
  });
});

// The executive summary as Markdown (summary.md): paste-able into a post or a CI job summary.
import { translator, resolveLocale, type Locale } from '../i18n/index.js';
import type { AuditResult } from '../result/types.js';
import { escapeMarkdown, escapeMarkdownCell, markdownUrl } from './text.js';
import { say, signalTitle } from './messages.js';
import type { RunDelta } from '../result/deltas.js';
import {
  buildPlan,
  reportTitle,
  sinceLastFor,
  formatDate,
  formatPercent,
  formatScore,
  indexBandText,
  pullSentence,
  questionBandText,
  questionTitle,
  topFindings,
  verdictSentence,
} from './view-model.js';

export function renderSummaryMarkdown(result: AuditResult, opts: { locale?: Locale; delta?: RunDelta | null } = {}): string {
  const locale = resolveLocale(opts.locale);
  const tr = translator(locale);
  const brand = escapeMarkdown(result.brand, 200);
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(reportTitle(result, locale), 200)}`, '');
  const by = [result.report.analyst.name, result.report.analyst.organisation].filter((s): s is string => Boolean(s)).map((s) => escapeMarkdown(s, 80));
  lines.push(`${brand} · ${escapeMarkdown(result.site.url, 200)} · ${formatDate(result.generatedAt, locale)}${by.length ? ` · ${by.join(', ')}` : ''}`, '');
  lines.push(`## ${tr('summary.title')}`, '');
  lines.push(escapeMarkdown(verdictSentence(result.brand, result.index, locale), 1000), '');
  lines.push(
    tr('md.indexLine', {
      score: formatScore(result.index.score),
      label: indexBandText(result.index, locale, true),
      coverage: formatPercent(result.index.coverage, locale),
    }),
    '',
  );
  lines.push(
    `| ${tr('summary.colQuestion')} | ${tr('summary.colScore')} | ${tr('summary.colCoverage')} | ${tr('summary.colBand')} |`,
    '| --- | ---: | ---: | --- |',
  );
  for (const q of result.questions) {
    lines.push(
      `| ${q.id} ${escapeMarkdownCell(questionTitle(q, locale), 60)} | ${formatScore(q.score)} | ${formatPercent(q.coverage, locale)} | ${questionBandText(q, locale)} |`,
    );
  }
  lines.push('');
  if (opts.delta) {
    const since = sinceLastFor(result, opts.delta, locale);
    lines.push(`### ${since.title}`, '', escapeMarkdown(since.intro, 200), '', ...since.lines.map((l) => `- ${escapeMarkdown(l, 1000)}`));
    if (since.notComparable) lines.push('', `_${escapeMarkdown(since.notComparable, 1000)}_`);
    lines.push('');
  }
  const findings = topFindings(result.questions, 3);
  if (findings.length) {
    lines.push(`### ${tr('md.findingsTitle')}`, '');
    findings.forEach((f, i) => {
      lines.push(
        `${i + 1}. **${escapeMarkdown(signalTitle(f.signal.id, locale), 200)}** (${f.question.id} ${escapeMarkdown(questionTitle(f.question, locale), 60)}): ${escapeMarkdown(say(f.signal.display, locale), 200)} — ${tr('md.findingScore', { score: formatScore(f.signal.score) })}`,
      );
    });
    lines.push('');
  }
  const recs = buildPlan(result, locale).actions.slice(0, 3);
  if (recs.length) {
    lines.push(`### ${tr('summary.todoTitle')}`, '');
    recs.forEach((r, i) => {
      const link = markdownUrl(r.evidence?.link.href);
      const url = link ? ` (${link})` : '';
      lines.push(`${i + 1}. ${escapeMarkdown(r.action, 400)} _${escapeMarkdown(`${r.priorityText}, ${r.pointsText}, ${r.effortText}`, 200)}_${url}`);
    });
    lines.push('');
  }
  lines.push(`## ${tr('summary.pull')}`, '', escapeMarkdown(pullSentence(result, locale), 1000), '');
  lines.push(tr('md.note'), '');
  return lines.join('\n');
}

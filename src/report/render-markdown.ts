// The executive summary as Markdown (summary.md): paste-able into a post or a CI job summary.
import type { AuditResult } from '../result/types.js';
import { escapeMarkdown } from './text.js';
import { capitalise, formatDate, formatPercent, formatScore, indexLabel, pullSentence, topFindings, verdictSentence } from './view-model.js';

export function renderSummaryMarkdown(result: AuditResult): string {
  const brand = escapeMarkdown(result.brand, 200);
  const label = indexLabel(result.index.score);
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(result.report.title, 200)}`, '');
  const by = [result.report.analyst.name, result.report.analyst.organisation].filter((s): s is string => Boolean(s)).map((s) => escapeMarkdown(s, 80));
  lines.push(`${brand} · ${escapeMarkdown(result.site.url, 200)} · ${formatDate(result.generatedAt)}${by.length ? ` · ${by.join(', ')}` : ''}`, '');
  lines.push('## Executive summary', '');
  lines.push(escapeMarkdown(verdictSentence(result.brand, result.index.score, result.index.coverage), 1000), '');
  lines.push(
    `**Conductor index: ${formatScore(result.index.score)}/100 — ${label ? capitalise(label) : 'not scored'}** (${formatPercent(result.index.coverage)} of question weight measured; 0 = producer, 100 = conductor)`,
    '',
  );
  lines.push('| Question | Score | Coverage | Band |', '| --- | ---: | ---: | --- |');
  for (const q of result.questions) {
    lines.push(`| ${q.id} ${escapeMarkdown(q.title, 60)} | ${formatScore(q.score)} | ${formatPercent(q.coverage)} | ${q.score === null ? 'not scored' : (indexLabel(q.score) ?? '')} |`);
  }
  lines.push('');
  const findings = topFindings(result.questions, 3);
  if (findings.length) {
    lines.push('### Most telling findings', '');
    findings.forEach((f, i) => {
      lines.push(`${i + 1}. **${escapeMarkdown(f.signal.title, 200)}** (${f.question.id} ${escapeMarkdown(f.question.title, 60)}): ${escapeMarkdown(f.signal.displayValue, 200)} — score ${formatScore(f.signal.score)}/100`);
    });
    lines.push('');
  }
  lines.push('## Pull', '', escapeMarkdown(pullSentence(result), 1000), '');
  lines.push('_The verdict is an opinion built on observable evidence; the full report shows the evidence behind every score, and the reader makes the final call._', '');
  return lines.join('\n');
}

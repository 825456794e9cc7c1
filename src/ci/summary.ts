// The job's Markdown summary (stdout, and $GITHUB_STEP_SUMMARY on GitHub Actions): it places the words of the
// ci model (src/report/ci-model.ts) and decides nothing itself.
import { appendFile } from 'node:fs/promises';
import type { CiLineVM, CiViewModel } from '../report/ci-model.js';
import { escapeMarkdown, escapeMarkdownCell } from '../report/text.js';

function bullet(l: CiLineVM): string {
  return `- **${escapeMarkdown(l.brand, 80)}**: ${escapeMarkdown(l.message, 1200)}`;
}

export function renderCiMarkdown(vm: CiViewModel): string {
  const out: string[] = [`## ${escapeMarkdown(vm.title, 80)}`, '', `**${escapeMarkdown(vm.headline, 400)}**`, ''];
  if (vm.shard) out.push(escapeMarkdown(vm.shard, 200), '');
  for (const [title, lines] of [
    [vm.titles.failures, vm.failures],
    [vm.titles.broken, vm.broken],
    [vm.titles.warnings, vm.warnings],
  ] as const) {
    if (lines.length) out.push(`### ${escapeMarkdown(title, 80)}`, '', ...lines.map(bullet), '');
  }
  out.push(`### ${escapeMarkdown(vm.titles.brands, 80)}`, '');
  out.push(`| ${vm.table.head.map((h) => escapeMarkdownCell(h, 40)).join(' | ')} |`);
  out.push(`| ${vm.table.head.map((_, i) => (i === 0 || i === 2 || i === vm.table.head.length - 1 ? '---' : '---:')).join(' | ')} |`);
  for (const row of vm.table.rows) out.push(`| ${row.map((c) => escapeMarkdownCell(c, 120)).join(' | ')} |`);
  out.push('');
  const compared = vm.brands.filter((b) => b.since);
  if (compared.length) {
    out.push(`### ${escapeMarkdown(vm.titles.since, 80)}`, '');
    for (const b of compared) {
      const since = b.since!;
      const source = b.baselineSource ? ` (\`${b.baselineSource.replace(/`/g, "'")}\`)` : '';
      out.push(
        `**${escapeMarkdown(b.brand, 80)}**: ${escapeMarkdown(since.intro, 200)}${source}`,
        '',
        ...since.lines.map((l) => `- ${escapeMarkdown(l, 1000)}`),
      );
      if (since.notComparable) out.push(`- _${escapeMarkdown(since.notComparable, 1000)}_`);
      out.push('');
    }
  }
  out.push(`_${escapeMarkdown(vm.noise, 400)}_`, '');
  return out.join('\n');
}

/** GitHub Actions shows what is appended to this file on the run's page. */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY?.trim();
  if (file) await appendFile(file, `${markdown}\n`);
}

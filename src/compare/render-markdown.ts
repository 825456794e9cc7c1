// comparison.md: the comparison as Markdown a blogger pastes into GitHub, WordPress or Ghost, charts referenced by
// relative path (charts/*.png, written beside it). Every value is escaped for Markdown (src/report/text.ts).
import { translator } from '../i18n/index.js';
import { escapeMarkdown as md, escapeMarkdownCell as cell, markdownUrl } from '../report/text.js';
import type { ChartVM, ComparisonViewModel } from './view-model.js';

const image = (c: ChartVM | null): string[] => (c ? [`![${md(c.alt, 200)}](charts/${c.name}.png)`, ''] : []);

function table(head: string[], align: string[], rows: string[][]): string[] {
  return [
    `| ${head.map((h) => cell(h, 80)).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => cell(c, 400)).join(' | ')} |`),
    '',
  ];
}

export function renderComparisonMarkdown(vm: ComparisonViewModel): string {
  const tr = translator(vm.lang);
  const out: string[] = [`# ${md(vm.title, 300)}`, '', `_${md(vm.dateLine, 300)}_`, '', md(vm.lead.join(' '), 4000), ''];
  out.push(`## ${tr('cmp.rankingTitle')}`, '');
  out.push(
    ...table(
      [tr('cmp.colRank'), tr('cmp.colBrand'), tr('cmp.colIndex'), tr('cmp.colBand'), tr('cmp.colCoverage'), tr('cmp.colPages'), tr('cmp.colNote')],
      ['---:', '---', '---:', '---', '---:', '---:', '---'],
      vm.ranking.rows.map((r) => [r.position, r.brand, r.score, r.band, r.coverage, r.pages, r.note]),
    ),
  );
  out.push(...image(vm.charts.index));
  out.push(`## ${tr('cmp.verdictsTitle')}`, '');
  for (const v of vm.verdicts) out.push(`**${md(v.brand, 200)}.** ${md(v.text, 4000)}`, '');
  out.push(`## ${tr('cmp.questionsTitle')}`, '');
  out.push(
    ...table(
      [tr('summary.colQuestion'), ...vm.questions.brands],
      ['---', ...vm.questions.brands.map(() => '---')],
      vm.questions.rows.map((r) => [`${r.id} ${r.title}`, ...r.cells]),
    ),
  );
  out.push(...image(vm.charts.questions));
  out.push(`## ${tr('cmp.gapsTitle')}`, '');
  if (vm.gaps.length) {
    out.push(tr('cmp.gapsIntro'), '', ...image(vm.charts.gaps));
    for (const g of vm.gaps) {
      out.push(`### ${md(g.title, 200)}`, '', `_${md(g.kicker, 200)}_`, '');
      for (const r of g.rows) {
        const quote = r.quote ? ` — “${md(r.quote, 400)}”` : '';
        const link = r.link ? markdownUrl(r.link.href) : '';
        out.push(`- **${md(r.brand, 200)}**: ${md(r.value, 200)} (${md(r.score, 10)}/100)${quote}${link ? ` ${link}` : ''}`);
      }
      out.push('');
    }
  } else out.push(tr('cmp.gapsNone'), '');
  out.push(`## ${tr('cmp.pullTitle')}`, '', tr('cmp.pullLead'), '');
  if (vm.pull.scaleNote) out.push(md(vm.pull.scaleNote, 2000), '');
  if (vm.pull.present) {
    out.push(
      ...table(
        [tr('cmp.colBrand'), tr('cmp.colMeasure'), tr('cmp.colHeadline'), tr('cmp.colTrend'), tr('cmp.colSeason')],
        ['---', '---', '---:', '---', '---'],
        vm.pull.rows.map((r) => [r.brand, r.measure, r.headline, r.trend, r.season]),
      ),
    );
    out.push(...image(vm.charts.pull));
    if (vm.pull.baseNote) out.push(`_${md(vm.pull.baseNote, 400)}_`, '');
    for (const p of vm.pull.paragraphs) {
      out.push(`**${md(p.brand, 200)}.** ${md(p.text, 4000)}`, '');
      for (const w of p.warnings) out.push(`- ${md(w, 600)}`);
      if (p.warnings.length) out.push('');
    }
    if (vm.pull.missing) out.push(md(vm.pull.missing, 600), '');
  }
  out.push(`## ${tr('cmp.methodTitle')}`, '', md(vm.method.text, 2000), '');
  if (vm.method.mixed) out.push(`**${md(vm.method.mixed, 2000)}**`, '');
  out.push(md(vm.method.thinRule, 2000), '', md(vm.method.rubricLine, 400), '');
  out.push(`## ${tr('cmp.auditsTitle')}`, '');
  out.push(
    ...table(
      [tr('cmp.colBrand'), tr('cmp.colSite'), tr('cmp.colObserved'), tr('cmp.colPages'), tr('cmp.colTool'), tr('cmp.colRubric')],
      ['---', '---', '---', '---:', '---', '---'],
      vm.audits.map((a) => [a.brand, a.site.text, a.observed, a.pages, a.tool, a.rubric]),
    ),
  );
  out.push(tr('cmp.mdChartsNote'), '', `_${md(vm.method.opinion, 1000)}_`, '');
  return out.join('\n');
}

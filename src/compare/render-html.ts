// The comparison as one self-contained HTML document (comparison.html, and the page the PDF is printed from): the
// shared theme and font, charts inlined as SVG, no script, nothing loaded from outside.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fontFaceCss } from '../report/fonts.js';
import { BUILTIN_TEMPLATES_DIR, loadTemplates } from '../report/handlebars.js';
import { pageCss } from '../report/render-html.js';
import { sanitiseTrustedSvg } from '../report/view-model.js';
import type { ChartVM, ComparisonViewModel } from './view-model.js';

const safe = (c: ChartVM | null): ChartVM | null => (c ? { ...c, svg: sanitiseTrustedSvg(c.svg) ?? '' } : null);

export function renderComparisonHtml(vm: ComparisonViewModel, opts: { paper?: 'A4' | 'Letter' } = {}): string {
  const { main, css } = loadTemplates({ main: 'comparison.hbs' });
  const own = readFileSync(path.join(BUILTIN_TEMPLATES_DIR, 'comparison.css'), 'utf8');
  const head = pageCss(opts.paper ?? 'A4', vm.theme, vm.title);
  const charts = { index: safe(vm.charts.index)!, questions: safe(vm.charts.questions)!, pull: safe(vm.charts.pull), gaps: safe(vm.charts.gaps) };
  return main({ ...vm, charts, css: fontFaceCss() + head + css + own });
}

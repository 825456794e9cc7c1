// AuditResult → one self-contained HTML document (also written as report.html). No script, no external resource.
import type { AuditResult } from '../result/types.js';
import type { TrafficResult } from '../traffic/types.js';
import { fontFaceCss, REPORT_FONT_STACK } from './fonts.js';
import { loadTemplates } from './handlebars.js';
import { pullParagraph, metricChartTitle } from './pull-words.js';
import { cssString, withoutNavigation } from './text.js';
import { FIXED_COLOURS, themeColours, themeVariables } from './theme.js';
import { buildViewModel, type ReportOptions, type ReportViewModel } from './view-model.js';

const PAGE_SIZE = { A4: { w: '210mm', h: '297mm' }, Letter: { w: '215.9mm', h: '279.4mm' } } as const;

/** The generated head of the stylesheet: validated theme values and the @page rules with running footers. */
export function themeCss(vm: ReportViewModel): string {
  return pageCss(vm.paper, vm.theme, vm.cover.brand);
}

/** The stylesheet head for any document: the colour variables (from the accent, see theme.ts) and @page rules with a running header and footer. */
export function pageCss(paper: 'A4' | 'Letter', t: ReportViewModel['theme'], headerText: string): string {
  const vm = { paper };
  const size = PAGE_SIZE[vm.paper];
  const footer = cssString(t.footerLeft);
  const header = cssString(headerText);
  const running = cssString(t.runningHeader);
  const font = REPORT_FONT_STACK;
  const colours = Object.entries(themeVariables(themeColours(t.accent)))
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  // Margin boxes are outside the document's elements: the colour is written out, not a variable.
  const margin = `font-family: ${font}; font-size: 7.5pt; color: ${FIXED_COLOURS.muted}`;
  return `:root { ${colours} --page-w: ${size.w}; --page-h: ${size.h}; --font: ${font}; }
@page {
  size: ${vm.paper === 'Letter' ? 'letter' : 'A4'};
  margin: 20mm 20mm 20mm 20mm;
  @top-left { content: ${header}; ${margin}; letter-spacing: 0.04em; vertical-align: bottom; padding-bottom: 6mm; }
  @top-right { content: ${running}; ${margin}; vertical-align: bottom; padding-bottom: 6mm; }
  @bottom-left { content: ${footer}; ${margin}; vertical-align: top; padding-top: 6mm; }
  @bottom-right { content: counter(page) " / " counter(pages); ${margin}; vertical-align: top; padding-top: 6mm; }
}
@page cover { margin: 0; @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
`;
}

export type RenderHtmlOptions = ReportOptions;

/** Renders the full report as one HTML document. Throws if a template refers to a missing field (strict mode). */
export function renderReportHtml(result: AuditResult, opts: RenderHtmlOptions = {}): string {
  const vm = buildViewModel(result, opts);
  const { main, css, userCss } = loadTemplates({ templatesDir: opts.templatesDir ?? null });
  const all = fontFaceCss() + themeCss(vm) + css + (userCss ? `\n/* ---------- user theme.css ---------- */\n${userCss}\n` : '');
  return withoutNavigation(main({ ...vm, css: all }));
}

type ChartFn = (
  result: TrafficResult,
  opts?: { width?: number; height?: number; accent?: string; title?: string; desc?: string; lang?: 'en' | 'de' },
) => string;

/**
 * The traffic chart from src/traffic/chart.ts, loaded lazily so the report builds without it; null when the
 * module is missing or fails (the report then draws its own simple line).
 */
export async function loadTrafficChart(result: AuditResult, accent?: string | null, locale: RenderHtmlOptions['locale'] = 'en'): Promise<string | null> {
  if (!result.traffic) return null;
  // A variable specifier keeps tsc from requiring the module at compile time; `.ts` covers tsx/vitest runs.
  for (const spec of ['../traffic/chart.js', '../traffic/chart.ts']) {
    let mod: { renderTrafficChart?: ChartFn };
    try {
      mod = (await import(spec)) as { renderTrafficChart?: ChartFn };
    } catch {
      continue;
    }
    if (typeof mod.renderTrafficChart !== 'function') return null;
    try {
      const lang = locale ?? 'en';
      return mod.renderTrafficChart(result.traffic, {
        width: 640,
        height: 260,
        ...(accent ? { accent: themeColours(accent).accentGraphic } : {}),
        lang,
        title: metricChartTitle(result.traffic, lang),
        desc: pullParagraph(result.traffic, lang),
      });
    } catch {
      return null;
    }
  }
  return null;
}

/** renderReportHtml with the traffic chart loaded from src/traffic/chart.ts when the caller did not give one. */
export async function renderReport(result: AuditResult, opts: RenderHtmlOptions = {}): Promise<string> {
  const trafficChartSvg = opts.trafficChartSvg ?? (await loadTrafficChart(result, opts.accent, opts.locale));
  return renderReportHtml(result, { ...opts, trafficChartSvg });
}

export { importTraffic, parseTraffic, parseTrafficZip, detectFormat, TrafficImportError, type ImportOptions } from './import.js';
export { analyseTraffic, mannKendall, seasonalMannKendall, seasonalIndex, theilSen, yearOverYear, formatPct, formatP } from './trend.js';
export { renderTrafficChart, renderMultiSeriesChart, escapeXml, safeColour, type ChartOptions } from './chart.js';
export * from './types.js';

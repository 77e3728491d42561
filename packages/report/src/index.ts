/**
 * report: self-contained HTML pages (uPlot inlined, no network at view time) built from the artifacts of a
 * soak, a sweep or a compare.
 */
export { REPORT_FILE, soakPageHtml, soakPageData, writeSoakReport, trimHistogram } from './soak-page.js';
export { readSoakPageArtifacts, timeseriesSchema, fillsSchema, type SoakPageArtifacts } from './soak-artifacts.js';
export { htmlPage, esc, scriptJson, uplotAssets, type PageParts } from './html-page.js';
export type { SoakPageData, ChartRecord } from './soak-client.js';
export { readParamSweep, paramSweepSchema, sweepPageData, sweepPageHtml, writeSweepReport, type ParamSweep } from './sweep-page.js';
export type { SweepPageData, SweepPageCell } from './sweep-client.js';
export { readCompareArtifacts, compareReportSchema, comparePageData, comparePageHtml, writeCompareReport, type CompareArtifacts, type CompareReport } from './compare-page.js';
export type { ComparePageData } from './compare-client.js';
export { pageLink } from './page-link.js';

/**
 * report: self-contained HTML pages (uPlot inlined, no network at view time) built from the artifacts of a
 * soak, a sweep or a compare.
 */
export { REPORT_FILE, soakPageHtml, soakPageData, writeRunReport, trimHistogram, gatesTable } from './soak-page.js';
export { writeSoakReport } from './soak-report.js';
export { writeSeedsReport, seedsPageData, seedsSummarySchema } from './seeds-page.js';
export type { SeedsPageData } from './seeds-client.js';
export { readSoakPageArtifacts, timeseriesSchema, fillsSchema, type SoakPageArtifacts } from './soak-artifacts.js';
export { htmlPage, esc, scriptJson, uplotAssets, type PageParts } from './html-page.js';
export type { SoakPageData } from './soak-client.js';
export type { ChartKit, ChartRecord } from './chart-kit.js';
export { readParamSweep, paramSweepSchema, sweepPageData, sweepPageHtml, writeSweepReport, type ParamSweep } from './sweep-page.js';
export type { SweepPageData, SweepPageCell } from './sweep-client.js';
export { readCompareArtifacts, compareReportSchema, comparePageData, comparePageHtml, writeCompareReport, type CompareArtifacts, type CompareReport } from './compare-page.js';
export type { ComparePageData } from './compare-client.js';
export { pageLink } from './page-link.js';

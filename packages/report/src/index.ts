/**
 * report: self-contained HTML pages (uPlot inlined, no network at view time) built from the artifacts of a
 * soak, a sweep or a compare.
 */

// A soak's page (one run, or a multi-seed folder with a page per seed), from its out-dir
export { writeSoakReport } from './soak-report.js';
export { REPORT_FILE } from './soak-page.js';

// A sweep's page, from PARAM_SWEEP.json
export { writeSweepReport } from './sweep-page.js';

// A ci-gate compare's page, from its report and both sides' artifacts
export { writeCompareReport } from './compare-page.js';

// How a command prints a page's location
export { pageLink } from './page-link.js';

/**
 * sweep: a parameter grid over a profile, every cell soaked for real on a worker pool; the analysis (best safe
 * cell, windows, influence, heatmap) and its reports (PARAM_SWEEP.json/.md/.svg). Only apps import it.
 */
export {
  sweepGridSchema,
  parseSweepGrid,
  loadSweepGrid,
  expandGrid,
  cellDeltas,
  type SweepGrid,
  type SweepCell,
  type LoadedSweep,
} from './sweep-grid.js';
export { runSweepCell, type SweepCellTask, type SweepCellRun } from './sweep-cell.js';
export { analyzeSweep, cellResult, type SweepAnalysis, type SweepCellResult, type FieldWindow, type Heatmap } from './sweep-analysis.js';
export { renderSweepMarkdown, renderSweepSvg } from './sweep-reports.js';
export { runSweep, startingValues, SWEEP_FILES, type SweepOptions, type SweepProgress, type SweepResult } from './sweep-run.js';

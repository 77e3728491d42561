/**
 * sweep: a parameter grid over a profile, every cell soaked for real on a worker pool; the analysis (best safe
 * cell, windows, influence, heatmap) and its reports (PARAM_SWEEP.json/.md/.svg); or the cells through BullMQ on
 * Redis to `mm worker`s on other machines (queue-*.ts). Only apps import it.
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
export { runSweepCell, runSweepCellInWorker, fromWorkerError, type SweepCellTask, type SweepCellRun } from './sweep-cell.js';
export { analyzeSweep, cellResult, type SweepAnalysis, type SweepCellResult, type FieldWindow, type Heatmap } from './sweep-analysis.js';
export { renderSweepMarkdown, renderSweepSvg } from './sweep-reports.js';
export { runSweep, startingValues, SWEEP_FILES, type SweepOptions, type SweepProgress, type SweepResult, type SweepExecutor } from './sweep-run.js';
export { redisConnection, redactedUrl } from './queue-keys.js';
export { queueExecutor, cancelQueuedSweep, assertRedisReachable, QueuedCellsFailed, type QueueSweepOptions } from './queue-coordinator.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker.js';

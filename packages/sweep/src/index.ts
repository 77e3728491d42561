/**
 * sweep: a parameter grid over a profile, every cell soaked for real on a worker pool; the analysis (best safe
 * cell, windows, influence, heatmap) and its reports (PARAM_SWEEP.json/.md/.svg); or the cells through BullMQ on
 * Redis to `mm worker`s on other machines (queue-*.ts). Only apps import it.
 */

// A sweep grid file (config/sweeps/*.json) read against a profile
export { loadSweepGrid, type LoadedSweep } from './sweep-grid.js';

// The sweep: cells soaked on a worker pool (or another executor), analysed and reported
export { runSweep, SWEEP_FILES, type SweepOptions, type SweepProgress, type SweepResult, type SweepExecutor } from './sweep-run.js';

// One cell, as the pool's worker threads and `mm worker` run it
export { runSweepCellInWorker, type SweepCellTask, type SweepCellRun } from './sweep-cell.js';

// Cells through BullMQ on Redis: the coordinator's executor, the worker, the connection
export { queueExecutor, cancelQueuedSweep, assertRedisReachable, QueuedCellsFailed, type QueueSweepOptions } from './queue-coordinator.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker.js';
export { redisConnection, redactedUrl } from './queue-keys.js';

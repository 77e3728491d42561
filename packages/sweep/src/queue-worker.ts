/**
 * `mm worker`: takes cell jobs from Redis (BullMQ) and soaks them, on any machine that can reach Redis and
 * holds the sweep's market data under its workspace root. Cells run off the event loop (the caller's
 * `runCell`, a worker-thread pool in the CLI) so the job locks are renewed while a cell computes; a worker
 * that dies mid-cell stops renewing, and after `stalledAfterMs` another worker takes the cell again.
 */
import type { SweepCellRun, SweepCellTask } from './sweep-cell.js';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { BadCellJob, cellTaskFromJob, FileHashes, MarketDataMismatch, parseCellJob, type CellJobResult } from './internal/queue-job.js';
import { CELL_QUEUE, redisConnection } from './queue-keys.js';

export interface QueueWorkerOptions {
  url: string;
  /** Cells at once on this machine. */
  concurrency: number;
  /** Workspace root: relative market-data paths resolve against it. */
  root: string;
  runCell: (t: SweepCellTask) => Promise<SweepCellRun>;
  /** A cell whose worker stopped renewing its lock this long ago is taken again (BullMQ lockDuration). */
  stalledAfterMs: number;
  /** One line per event (cell done or failed). */
  log?: (line: string) => void;
}

export interface QueueWorker {
  /** Resolves when the worker is connected and taking jobs. */
  ready: Promise<void>;
  /** Finishes the cells in hand, takes no more, disconnects. */
  close(): Promise<void>;
  /** Cells done and failed by this worker so far. */
  counts(): { done: number; failed: number };
}

export function startQueueWorker(o: QueueWorkerOptions): QueueWorker {
  const connection = redisConnection(o.url);
  const hashes = new FileHashes();
  let done = 0;
  let failed = 0;
  const processor = async (job: Job): Promise<CellJobResult> => {
    let task: SweepCellTask;
    try {
      task = await cellTaskFromJob(parseCellJob(job.data, String(job.id)), o.root, hashes);
    } catch (error) {
      // Another machine may have the right data or version; this one never will: no retry here.
      if (error instanceof BadCellJob || error instanceof MarketDataMismatch) throw new UnrecoverableError(error.message);
      throw error;
    }
    const t0 = Date.now();
    const run = await o.runCell(task);
    o.log?.(`worker: cell #${task.index} seed ${task.markets[0]!.seed} (sweep ${String(job.id).slice(0, 8)}) done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { applied: run.applied as unknown as Record<string, unknown>, metrics: run.runs[0]! };
  };
  const worker = new Worker(CELL_QUEUE, processor, {
    connection,
    concurrency: o.concurrency,
    lockDuration: o.stalledAfterMs,
    stalledInterval: Math.max(250, Math.floor(o.stalledAfterMs / 2)),
    // A cell whose worker died twice is taken a third time; a third death fails it with BullMQ's reason.
    maxStalledCount: 2,
    autorun: true,
  });
  worker.on('completed', () => (done += 1));
  worker.on('failed', (job, error) => {
    // 'failed' fires per failed attempt; a job with attempts left is retried.
    const final = !job || job.finishedOn !== undefined || error instanceof UnrecoverableError;
    if (final) failed += 1;
    o.log?.(`worker: job ${job?.id ?? '?'} failed${final ? '' : ' (will retry)'}: ${error.message}`);
  });
  worker.on('error', (error) => o.log?.(`worker: ${error.message}`));
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    close: () => worker.close(),
    counts: () => ({ done, failed }),
  };
}

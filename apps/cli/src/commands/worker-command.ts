/** `mm worker --queue URL`: runs queued sweep cells (BullMQ on Redis) on this machine's cores until Ctrl-C. */
import { wholeNumberFlag } from '@mm-profiles/profile-core';
import { assertRedisReachable, redactedUrl, redisConnection, startQueueWorker, type SweepCellRun, type SweepCellTask } from '@mm-profiles/sweep';
import { availableParallelism } from 'node:os';
import { root } from '../cli-context.js';

export interface WorkerCommandOptions {
  queue: string;
  concurrency?: string;
  stalledAfterMs: string;
  quiet?: boolean;
}

export async function workerCommand(o: WorkerCommandOptions, workerFile: URL): Promise<number> {
  const concurrency = o.concurrency === undefined ? availableParallelism() : wholeNumberFlag(o.concurrency, '--concurrency', 1);
  const stalledAfterMs = wholeNumberFlag(o.stalledAfterMs, '--stalled-after-ms', 500);
  await assertRedisReachable(redisConnection(o.queue), o.queue);
  const out = (l: string) => process.stdout.write(l + '\n');
  const { Piscina } = await import('piscina');
  // Cells compute on threads: the event loop stays free to renew the jobs' locks while they run.
  const pool = new Piscina({ filename: workerFile.toString(), minThreads: concurrency, maxThreads: concurrency, concurrentTasksPerWorker: 1 });
  const worker = startQueueWorker({
    url: o.queue,
    concurrency,
    root,
    stalledAfterMs,
    runCell: (t: SweepCellTask) => pool.run(t) as Promise<SweepCellRun>,
    log: o.quiet ? undefined : out,
  });
  let stops = 0;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => {
      stops += 1;
      // A second Ctrl-C does not wait for the cells in hand: they go back to the queue after --stalled-after-ms.
      if (stops > 1) process.exit(130);
      out('worker: stopping after the cells in hand (Ctrl-C again to quit now)');
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await worker.ready;
  out(`worker: taking sweep cells from ${redactedUrl(o.queue)}, ${concurrency} at a time, market data under ${root}`);
  await stopped;
  await worker.close();
  await pool.destroy();
  const c = worker.counts();
  out(`worker: stopped; ${c.done} cell run(s) done, ${c.failed} failed`);
  return 0;
}

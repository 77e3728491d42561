/**
 * `mm sweep --queue URL [--cancel]`: the part of `mm sweep` that talks to Redis. Checks the flags before any
 * soak, builds the executor that runs the cells through BullMQ, and drops a sweep from Redis on --cancel.
 */
import { UserError } from '@mm-profiles/profile-core';
import { marketSpec } from '@mm-profiles/soak-runner';
import { assertRedisReachable, cancelQueuedSweep, queueExecutor, redisConnection, type LoadedSweep } from '@mm-profiles/sweep';

export interface SweepQueueFlags {
  queue?: string;
  cancel?: boolean;
  workers?: string;
}

/** Flag checks that need no file: run first, so a bad URL fails before the grid is read. */
export function checkQueueFlags(o: SweepQueueFlags): void {
  if (o.cancel && o.queue === undefined) throw new UserError('--cancel needs --queue URL (it drops a queued sweep from Redis)');
  if (o.queue === undefined) return;
  if (o.workers !== undefined) throw new UserError('--workers does not apply with --queue: run mm worker --queue URL [--concurrency N] on each machine');
  redisConnection(o.queue);
}

/** The queue's executor, once Redis has answered: an unreachable URL fails before the sweep writes anything. */
export async function sweepExecutor(o: SweepQueueFlags, log: ((l: string) => void) | undefined) {
  if (o.queue === undefined) return undefined;
  await assertRedisReachable(redisConnection(o.queue), o.queue);
  return queueExecutor({ url: o.queue, log });
}

/** --cancel: the same sweep identity as a submission of this grid, its jobs removed from Redis. */
export async function cancelSweep(url: string, sweep: LoadedSweep, root: string, edgePolicy: unknown, log: (l: string) => void): Promise<number> {
  const m = sweep.grid.market;
  const market = marketSpec(root, { scenario: m.scenario, replay: m.replay, format: m.format, skipBadLines: m.skip_bad_lines, seed: m.seeds[0]! });
  await cancelQueuedSweep({ url, gridSha256: sweep.sha256, market, edgePolicy, log });
  return 0;
}

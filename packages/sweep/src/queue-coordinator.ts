/**
 * `mm sweep --queue URL`: the sweep's cells as a BullMQ flow on Redis (one parent per sweep, one child per
 * cell x seed, ids from the sweep's identity so a resubmit finds the jobs already there), results collected as
 * workers finish them (QueueEvents, plus a periodic read of the parent's children for anything missed) and
 * handed to the sweep one whole cell at a time, so the journal and PARAM_SWEEP.json are those of a local run.
 * Stopping (Ctrl-C) leaves the jobs in Redis: the same command later picks up what is done there.
 */
import { UserError } from '@mm-profiles/profile-core';
import type { MarketSpec } from '@mm-profiles/soak-runner';
import type { SweepCellRun, SweepCellTask } from './sweep-cell.js';
import { FlowProducer, Queue, QueueEvents, type FlowJobNode } from 'bullmq';
import { Redis } from 'ioredis';
import { cellJobData, cellJobResultSchema, FileHashes, type CellJobResult } from './internal/queue-job.js';
import { CELL_QUEUE, cellJobId, queuedSweepId, redactedUrl, redisConnection, SWEEP_QUEUE, sweepJobId, type RedisConnection } from './queue-keys.js';

/** Children per FlowProducer call (re-adding a flow with the same parent id adds the missing children). */
export const FLOW_CHUNK = 2000;

/** Tries per cell job when the cell itself throws (a worker dying mid-cell is counted apart: maxStalledCount). */
export const CELL_ATTEMPTS = 2;

/** The cells could not all be run: some jobs failed for good on the workers. The sweep exits 1. */
export class QueuedCellsFailed extends Error {
  constructor(
    message: string,
    readonly failures: { index: number; seed: number; reason: string }[],
  ) {
    super(message);
    this.name = 'QueuedCellsFailed';
  }
}

export interface QueueSweepOptions {
  url: string;
  /** Status lines (submitted, resumed, waiting for workers). */
  log?: (line: string) => void;
  /** Children per FlowProducer call; default FLOW_CHUNK. */
  flowChunk?: number;
  /** How often the parent's children are read in full besides the events; default max(5 s, 1 ms per job). */
  reconcileMs?: number;
}

/** Replays' sha256, in file order; none for the synthetic market. */
export async function marketDataSha256(m: MarketSpec, hashes = new FileHashes()): Promise<string[]> {
  if (m.kind !== 'replay') return [];
  const out: string[] = [];
  for (const f of m.file.split(',')) out.push(await hashes.sha256(f));
  return out;
}

/** Fails fast with one line when Redis does not answer (ioredis alone would retry forever). */
export async function assertRedisReachable(c: RedisConnection, url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis({ ...c, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, NOAUTH) says more than connect()'s "Connection is closed".
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const why = (cause ?? (error as Error)).message;
    throw new UserError(`--queue ${redactedUrl(url)}: cannot reach Redis (${why}); is redis-server running there, and the password right?`);
  } finally {
    client.disconnect();
  }
}

interface Slot {
  index: number;
  seedIndex: number;
}

/** The executor runSweep calls with the cells still to run; returns whether it stopped before the end. */
export function queueExecutor(o: QueueSweepOptions) {
  return async (run: { gridSha256: string; tasks: SweepCellTask[]; finish: (r: SweepCellRun) => void; shouldStop: () => boolean }): Promise<boolean> => {
    const { tasks, finish } = run;
    if (!tasks.length) return false;
    const log = o.log ?? (() => undefined);
    const m0 = tasks[0]!.markets[0]!;
    const dataSha256 = await marketDataSha256(m0);
    const sweepId = queuedSweepId({ gridSha256: run.gridSha256, dataSha256, scenario: m0.scenario, edgePolicy: tasks[0]!.edgePolicy });
    const connection = redisConnection(o.url);
    await assertRedisReachable(connection, o.url);

    // Every job this run waits for, and the cells' seeds as they arrive.
    const slots = new Map<string, Slot[]>();
    const pending = new Map<number, { task: SweepCellTask; runs: (Record<string, unknown> | undefined)[]; applied?: Record<string, unknown>; left: number }>();
    const children: FlowJobNode[] = [];
    for (const t of tasks) {
      pending.set(t.index, { task: t, runs: t.markets.map(() => undefined), left: t.markets.length });
      t.markets.forEach((m, seedIndex) => {
        const id = cellJobId(sweepId, t.index, m.seed);
        if (!slots.has(id)) {
          slots.set(id, []);
          children.push({
            name: `cell ${t.index} seed ${m.seed}`,
            queueName: CELL_QUEUE,
            data: cellJobData(sweepId, t, seedIndex, dataSha256),
            opts: {
              jobId: id,
              attempts: CELL_ATTEMPTS,
              backoff: { type: 'fixed', delay: 1000 },
              // A failed cell is reported by this coordinator; the sweep's other cells go on.
              ignoreDependencyOnFailure: true,
              removeOnComplete: false,
              removeOnFail: false,
            },
          });
        }
        slots.get(id)!.push({ index: t.index, seedIndex });
      });
    }
    const failures = new Map<string, string>();
    const seen = new Set<string>();
    let lastNews = Date.now();
    const accept = (id: string, value: unknown) => {
      if (seen.has(id) || !slots.has(id)) return;
      const parsed = cellJobResultSchema.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
      if (!parsed.success) {
        reject(id, `the worker returned no metrics (${parsed.error.issues[0]!.message})`);
        return;
      }
      seen.add(id);
      failures.delete(id);
      lastNews = Date.now();
      const r: CellJobResult = parsed.data;
      for (const s of slots.get(id)!) {
        const p = pending.get(s.index)!;
        p.runs[s.seedIndex] = r.metrics;
        p.applied ??= r.applied;
        p.left -= 1;
        if (p.left === 0) {
          pending.delete(s.index);
          finish({ index: s.index, applied: p.applied as never, runs: p.runs as Record<string, unknown>[] });
        }
      }
    };
    const reject = (id: string, reason: string) => {
      if (seen.has(id) || !slots.has(id)) return;
      failures.set(id, reason);
      lastNews = Date.now();
    };

    const cells = new Queue(CELL_QUEUE, { connection });
    const sweeps = new Queue(SWEEP_QUEUE, { connection });
    const events = new QueueEvents(CELL_QUEUE, { connection });
    const flows = new FlowProducer({ connection });
    try {
      // Listening before submitting: no completion falls between the two.
      events.on('completed', ({ jobId, returnvalue }) => accept(jobId, returnvalue));
      events.on('failed', ({ jobId, failedReason }) => reject(jobId, failedReason));
      await events.waitUntilReady();
      const parentId = sweepJobId(sweepId);
      const existed = Boolean(await sweeps.getJob(parentId));
      // Existing children keep their state and results; missing ones are added under the same parent. In
      // chunks: one flow per FLOW_CHUNK children, so a 10^5-cell sweep is not one giant Redis transaction.
      const chunkSize = o.flowChunk ?? FLOW_CHUNK;
      for (let i = 0; i < children.length; i += chunkSize) {
        const chunk = children.slice(i, i + chunkSize);
        await flows.add({ name: `sweep ${sweepId}`, queueName: SWEEP_QUEUE, data: { grid_sha256: run.gridSha256, jobs: slots.size }, opts: { jobId: parentId }, children: chunk });
      }
      const reconcile = async () => {
        const parent = await sweeps.getJob(parentId);
        if (!parent) throw new UserError(`sweep ${sweepId} disappeared from Redis (cancelled with --cancel elsewhere?); submit it again`);
        for (const [key, value] of Object.entries(await parent.getChildrenValues())) accept(key.slice(key.lastIndexOf(':') + 1), value);
        for (const [key, reason] of Object.entries(await parent.getFailedChildrenValues())) reject(key.slice(key.lastIndexOf(':') + 1), String(reason));
      };
      const counts = await (await sweeps.getJob(parentId))!.getDependenciesCount();
      const inRedis = counts.processed ?? 0;
      log(
        `queue: sweep ${sweepId} on ${redactedUrl(o.url)}: ${slots.size} cell runs, ` +
          (existed ? `resumed from Redis (${inRedis} already done)` : `submitted${inRedis ? ` (${inRedis} already done)` : ''}`) +
          (inRedis < slots.size ? `; start workers with: mm worker --queue ${redactedUrl(o.url)}` : ''),
      );
      await reconcile();
      let lastReconcile = Date.now();
      let lastWarning = Date.now();
      while (seen.size + failures.size < slots.size) {
        if (run.shouldStop()) {
          log(`queue: stopped; sweep ${sweepId} stays in Redis (${seen.size}/${slots.size} cell runs done): run the same command to resume, or add --cancel to drop it`);
          return true;
        }
        await new Promise((r) => setTimeout(r, 100));
        const now = Date.now();
        // Reading every child's result is O(jobs): at most every 5 s, and every `jobs` ms for big sweeps.
        if (now - lastReconcile >= (o.reconcileMs ?? Math.max(5000, slots.size))) {
          lastReconcile = now;
          await reconcile();
        }
        if (now - lastNews >= 30_000 && now - lastWarning >= 30_000) {
          lastWarning = now;
          const c = await cells.getJobCounts('waiting', 'active', 'delayed');
          log(`queue: no result for ${Math.round((now - lastNews) / 1000)} s; queue holds ${c['waiting']} waiting, ${c['active']} active, ${c['delayed']} delayed: are workers running (mm worker --queue URL)?`);
        }
      }
      if (failures.size) {
        const list = [...failures].map(([id, reason]) => ({ ...slots.get(id)![0]!, reason })).map((s) => ({ index: s.index, seed: tasks.find((t) => t.index === s.index)!.markets[s.seedIndex]!.seed, reason: s.reason }));
        list.sort((a, b) => a.index - b.index || a.seed - b.seed);
        const shown = list.slice(0, 3).map((f) => `cell #${f.index} seed ${f.seed}: ${f.reason}`).join('; ');
        throw new QueuedCellsFailed(
          `${list.length} of ${slots.size} cell runs failed on the workers (${shown}${list.length > 3 ? '; ...' : ''}); the finished cells are kept: fix the cause, drop the sweep with --cancel and submit again`,
          list,
        );
      }
      return false;
    } finally {
      await Promise.allSettled([events.close(), flows.close(), cells.close(), sweeps.close()]);
    }
  };
}

/**
 * `mm sweep --queue URL --cancel`: removes the sweep's jobs from Redis. Cells running now cannot be taken from
 * their workers; they are waited for (polling), then removed with the rest. Returns the jobs removed.
 */
export async function cancelQueuedSweep(o: { url: string; gridSha256: string; market: MarketSpec; edgePolicy: unknown; log?: (l: string) => void }): Promise<boolean> {
  const dataSha256 = await marketDataSha256(o.market);
  const sweepId = queuedSweepId({ gridSha256: o.gridSha256, dataSha256, scenario: o.market.scenario, edgePolicy: o.edgePolicy });
  const connection = redisConnection(o.url);
  await assertRedisReachable(connection, o.url);
  const cells = new Queue(CELL_QUEUE, { connection });
  const sweeps = new Queue(SWEEP_QUEUE, { connection });
  try {
    const parentId = sweepJobId(sweepId);
    for (let round = 0; ; round++) {
      const parent = await sweeps.getJob(parentId);
      if (!parent) {
        o.log?.(round ? `queue: sweep ${sweepId} removed` : `queue: sweep ${sweepId} is not in Redis; nothing to cancel`);
        return round > 0;
      }
      // All or nothing: 0 while a child is locked by a worker.
      if ((await sweeps.remove(parentId, { removeChildren: true })) === 1) continue;
      // Take the cells nobody runs yet, so the running ones are the last to wait for.
      const deps = await parent.getDependencies();
      const ids = (deps.unprocessed ?? []).map((k) => k.slice(k.lastIndexOf(':') + 1));
      let running = 0;
      for (const id of ids) if ((await cells.remove(id)) === 0) running += 1;
      if (running) o.log?.(`queue: waiting for ${running} running cell run(s) of sweep ${sweepId} to finish before removing it`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await Promise.allSettled([cells.close(), sweeps.close()]);
  }
}

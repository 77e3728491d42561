// Sweep through Redis (mm sweep --queue + mm worker): cells/s with one and with two `mm worker` processes
// (one cell at a time each) next to the local worker-thread pool with 1 and 2 threads, same grid, same run;
// the queue's overhead per cell; Redis's own ceiling (no-op jobs through the same BullMQ calls) and from it a
// paper estimate of N machines' speedup. Starts its own redis-server (tools/redis/local-redis.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { startLocalRedis } from '../redis/local-redis.mjs';
import { DEFAULT_SENTINEL_CONFIG } from '../../packages/sentinel/dist/index.js';
import { loadSweepGrid, queueExecutor, redisConnection, runSweep } from '../../packages/sweep/dist/index.js';
import { fmt } from './timing.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const MM = join(ROOT, 'apps/cli/dist/main.js');

async function timed(sweep, options) {
  const t0 = process.hrtime.bigint();
  const r = await runSweep({
    sweep,
    outDir: mkdtempSync(join(tmpdir(), 'mm-bench-qsweep-')),
    resume: false,
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
    workers: 1,
    ...options,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!r.complete) throw new Error('sweep incomplete');
  return { seconds, cells: r.results.length, perSec: r.results.length / seconds, bytes: readFileSync(r.files[1]) };
}

/** `n` mm worker processes (one cell at a time each), resolved once each says it is taking cells. */
async function startWorkers(url, n) {
  const procs = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, [MM, 'worker', '--queue', url, '--concurrency', '1', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise((ok, fail) => {
      let text = '';
      child.stdout.on('data', (d) => {
        text += d;
        if (text.includes('taking sweep cells')) ok();
      });
      child.on('exit', (code) => fail(new Error(`mm worker exited ${code}`)));
    });
    procs.push({ child, exited });
  }
  return async () => {
    for (const p of procs) p.child.kill('SIGINT');
    await Promise.all(procs.map((p) => p.exited));
  };
}

/** No-op jobs per second through one FlowProducer flow and a worker: what Redis (and BullMQ's scripts) sustain. */
async function redisJobsPerSecond(url, jobs) {
  const connection = redisConnection(url);
  const flows = new FlowProducer({ connection });
  const sweeps = new Queue('bench-sweeps', { connection });
  const t0 = process.hrtime.bigint();
  await flows.add({
    name: 'p',
    queueName: 'bench-sweeps',
    opts: { jobId: 'p' },
    children: Array.from({ length: jobs }, (_, i) => ({ name: 'c', queueName: 'bench-cells', data: { i }, opts: { jobId: `c-${i}`, removeOnComplete: false } })),
  });
  let done = 0;
  const finished = new Promise((ok) => {
    const worker = new Worker('bench-cells', async (job) => ({ i: job.data.i }), { connection, concurrency: 64 });
    worker.on('completed', () => {
      if (++done === jobs) ok(worker);
    });
  });
  const worker = await finished;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await Promise.all([worker.close(), flows.close(), sweeps.close()]);
  return jobs / seconds;
}

export const sweepQueue = {
  name: 'sweep-queue',
  what: 'sweep cells/s through Redis with 1 and 2 mm worker processes next to the local pool (same run); queue overhead per cell; N-machine estimate',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mm-bench-qgrid-'));
    const shipped = JSON.parse(readFileSync(join(ROOT, 'config/sweeps/s1-window.json'), 'utf8'));
    const path = join(dir, 'bench.json');
    // A ninth of the shipped grid: replace_rate_per_min and max_delta_ratio fixed at S1's values.
    writeFileSync(path, JSON.stringify({ ...shipped, fields: { ...shipped.fields, replace_rate_per_min: [300], max_delta_ratio: [0.15] } }));
    const sweep = loadSweepGrid(path, 'bench', join(ROOT, 'config/profiles'));
    const seeds = sweep.grid.market.seeds.length;
    const redis = await startLocalRedis();
    try {
      // Warm-up: file cache and a first pool.
      const small = { ...sweep.grid, fields: { ...sweep.grid.fields, min_interval_ms: [60], base_spread_bps_delta: [0.35, 0.5] } };
      await timed({ ...sweep, grid: small }, { workers: 2 });
      const local1 = await timed(sweep, { workers: 1 });
      const local2 = await timed(sweep, { workers: 2 });
      const viaQueue = async (n, db) => {
        const url = `${redis.url}/${db}`;
        const stop = await startWorkers(url, n);
        try {
          return await timed(sweep, { executor: queueExecutor({ url }) });
        } finally {
          await stop();
        }
      };
      const queue1 = await viaQueue(1, 1);
      const queue2 = await viaQueue(2, 2);
      const same = [local2, queue1, queue2].every((r) => r.bytes.equals(local1.bytes));
      const redisJobs = await redisJobsPerSecond(`${redis.url}/3`, 4000);

      console.log(`cores: ${availableParallelism()}; grid: ${local1.cells} cells of config/sweeps/s1-window.json (replace_rate_per_min 300, max_delta_ratio 0.15) x ${seeds} seeds = ${local1.cells * seeds} cell jobs`);
      const row = (label, r) => console.log(`${label.padEnd(32)} ${fmt(r.perSec, 2).padStart(6)} cells/s (${fmt(r.seconds, 2)} s)`);
      row('local pool, 1 thread:', local1);
      row('local pool, 2 threads:', local2);
      row('Redis queue, 1 mm worker:', queue1);
      row('Redis queue, 2 mm workers:', queue2);
      console.log(`PARAM_SWEEP.json identical in all four: ${same ? 'yes' : 'NO'}`);
      const perCell = 1 / local1.perSec;
      const overhead = 1 / queue1.perSec - perCell;
      console.log(`queue overhead: ${fmt(overhead * 1000, 1)} ms per cell (${fmt((overhead * 1000) / seeds, 1)} ms per cell job), ${fmt((100 * overhead) / perCell, 0)}% of a cell's ${fmt(perCell * 1000, 0)} ms`);
      // Paper estimate: each machine of c cores runs c cells at a time at (cell + overhead) each; Redis moves at
      // most redisJobs cell jobs/s (no-op jobs measured through the same BullMQ calls, on this machine).
      const c = availableParallelism();
      const machineCells = c / (perCell + Math.max(overhead, 0));
      const ceilingCells = redisJobs / seeds;
      console.log(`Redis ceiling: ${fmt(redisJobs, 0)} no-op jobs/s = ${fmt(ceilingCells, 0)} cells/s of ${seeds} seeds; one ${c}-core machine: ${fmt(machineCells, 1)} cells/s`);
      const ns = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
      const est = ns.map((n) => `${n}: ${fmt(Math.min(n * machineCells, ceilingCells) / machineCells, 1)}x`);
      console.log(`estimated speedup by machines (${c} cores each, this grid): ${est.join(', ')}; Redis is the limit from about ${Math.ceil(ceilingCells / machineCells)} machines`);
      return same;
    } finally {
      await redis.stop();
    }
  },
};

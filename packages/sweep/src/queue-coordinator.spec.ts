// The queue coordinator and a queue worker in this process against a real redis-server (started by
// tools/redis/local-redis.mjs on a free loopback port): the flow submitted in small chunks under one parent,
// the results the same PARAM_SWEEP.json bytes as the in-thread sweep.
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_ATTEMPTS, QueuedCellsFailed, queueExecutor } from './queue-coordinator.js';
import { startQueueWorker } from './queue-worker.js';
import { runSweepCell } from './sweep-cell.js';
import { loadSweepGrid } from './sweep-grid.js';
import { runSweep, SWEEP_FILES } from './sweep-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const installed = ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server'].some((b) => spawnSync(b, ['--version']).status === 0);
if (!installed) {
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPED: the queue coordinator test needs redis-server: run tools/redis/ensure-redis.sh as root\n${bar}\n`);
}

/** 2 x 2 cells on two seeds, one 5-minute window each. */
function smallSweep(dir: string, seeds: number[]) {
  writeFileSync(
    join(dir, 'g.json'),
    JSON.stringify({ profile: 'S1', fields: { min_interval_ms: [60, 150], base_spread_bps_delta: [0.35, 1] }, market: { seeds }, iterations: 1, window_s: 300 }),
  );
  const sweep = loadSweepGrid(join(dir, 'g.json'), 'g.json', join(ROOT, 'config/profiles'));
  return { base: { sweep, workers: 0, resume: false, edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy, root: ROOT } };
}

describe.skipIf(!installed)('queueExecutor with an in-process queue worker (real redis-server)', () => {
  let url = '';
  let stopRedis: () => void = () => undefined;
  beforeAll(async () => {
    const helper = spawn(process.execPath, [join(ROOT, 'tools/redis/local-redis.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    stopRedis = () => helper.kill('SIGTERM');
    url = await new Promise<string>((ok, fail) => {
      let text = '';
      helper.stdout!.on('data', (d) => {
        text += d;
        if (text.includes('\n')) ok(text.trim());
      });
      helper.on('exit', (code) => fail(new Error(`local-redis.mjs exited ${code}`)));
    });
  });
  afterAll(() => stopRedis());

  it('a flow added in chunks of 3 under one parent gives the in-thread sweep\'s bytes; submitted again, nothing runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-qcoord-'));
    const { base } = smallSweep(dir, [1, 2]);
    await runSweep({ ...base, outDir: join(dir, 'local') });
    let ran = 0;
    const worker = startQueueWorker({ url, concurrency: 2, root: ROOT, stalledAfterMs: 30_000, runCell: (t) => (ran++, runSweepCell(t)) });
    await worker.ready;
    const lines: string[] = [];
    try {
      const r = await runSweep({ ...base, outDir: join(dir, 'queue'), executor: queueExecutor({ url, flowChunk: 3, log: (l) => lines.push(l) }) });
      expect(r.complete).toBe(true);
      expect(ran).toBe(8);
      expect(readFileSync(join(dir, 'queue', SWEEP_FILES.json)).equals(readFileSync(join(dir, 'local', SWEEP_FILES.json)))).toBe(true);
      const again = await runSweep({ ...base, outDir: join(dir, 'again'), executor: queueExecutor({ url, flowChunk: 3, log: (l) => lines.push(l) }) });
      expect(again.complete).toBe(true);
      expect(ran).toBe(8);
      expect(readFileSync(join(dir, 'again', SWEEP_FILES.json)).equals(readFileSync(join(dir, 'local', SWEEP_FILES.json)))).toBe(true);
      expect(lines[0]).toMatch(/^queue: sweep [0-9a-f]{24} on redis:\/\/127\.0\.0\.1:\d+: 8 cell runs, submitted( \(\d already done\))?; start workers with: mm worker --queue /);
      expect(lines[1]).toMatch(/: 8 cell runs, resumed from Redis \(8 already done\)$/);
    } finally {
      await worker.close();
    }
  }, 120_000);

  it('a cell that throws is tried CELL_ATTEMPTS times, then reported with its error; the other cells are kept in the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-qcoord-'));
    const { base } = smallSweep(dir, [7, 8]);
    const tries = new Map<string, number>();
    const worker = startQueueWorker({
      url,
      concurrency: 2,
      root: ROOT,
      stalledAfterMs: 30_000,
      runCell: async (t) => {
        const key = `${t.index}/${t.markets[0]!.seed}`;
        tries.set(key, (tries.get(key) ?? 0) + 1);
        if (key === '1/8') throw new Error('boom in cell 1');
        return runSweepCell(t);
      },
    });
    await worker.ready;
    try {
      const failed = await runSweep({ ...base, outDir: join(dir, 'queue'), executor: queueExecutor({ url }) }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(QueuedCellsFailed);
      expect((failed as QueuedCellsFailed).failures).toEqual([{ index: 1, seed: 8, reason: 'boom in cell 1' }]);
      expect((failed as Error).message).toMatch(/^1 of 8 cell runs failed on the workers \(cell #1 seed 8: boom in cell 1\); the finished cells are kept/);
      expect(CELL_ATTEMPTS).toBe(2);
      expect(tries.get('1/8')).toBe(CELL_ATTEMPTS);
      expect(tries.get('1/7')).toBe(1);
      // Cells 0, 2 and 3 finished both seeds: in the journal; cell 1 is not.
      const journal = readFileSync(join(dir, 'queue', SWEEP_FILES.jsonl), 'utf8').trim().split('\n').map((l) => JSON.parse(l).index as number);
      expect(journal.sort()).toEqual([0, 2, 3]);
    } finally {
      await worker.close();
    }
  }, 120_000);
});

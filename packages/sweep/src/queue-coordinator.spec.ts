// The queue coordinator and a queue worker in this process against a real redis-server (started by
// tools/redis/local-redis.mjs on a free loopback port): the flow submitted in small chunks under one parent,
// the results the same PARAM_SWEEP.json bytes as the in-thread sweep.
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueExecutor } from './queue-coordinator.js';
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
    writeFileSync(
      join(dir, 'g.json'),
      JSON.stringify({ profile: 'S1', fields: { min_interval_ms: [60, 150], base_spread_bps_delta: [0.35, 1] }, market: { seeds: [1, 2] }, iterations: 1, window_s: 300 }),
    );
    const sweep = loadSweepGrid(join(dir, 'g.json'), 'g.json', join(ROOT, 'config/profiles'));
    const base = { sweep, workers: 0, resume: false, edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy, root: ROOT };
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
});

// mm sweep --queue / mm worker against a real redis-server (tools/redis/local-redis.mjs starts one on a free
// loopback port): worker processes and a coordinator process, compared byte for byte with a local run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MM, REPO_ROOT, runMm, scratchRepo } from '../__tests__/run-mm.js';

const GRID = {
  profile: 'S1',
  fields: { min_interval_ms: [60, 150], base_spread_bps_delta: [0.35, 1] },
  market: { scenario: 'quiet', seeds: [1, 2] },
  iterations: 1,
  window_s: 300,
  constraints: [{ metric: 'hit_ratio', op: '>=', value: 0.5 }],
};
const RUNS = 4 * 2;
// Several mm processes per test on a shared 2-core machine: generous, still bounded.
const TIMEOUT = 240_000;

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function spawnMm(args: string[], cwd: string): Proc {
  const child = spawn(process.execPath, [MM, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => text, exited };
}

async function until(what: string, ok: () => boolean, ms = TIMEOUT): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cellsDone = (text: string) => (text.match(/^worker: cell #\d+ seed -?\d+ .* done in /gm) ?? []).length;

function repoWithGrid(grid: unknown = GRID): string {
  const root = scratchRepo();
  writeFileSync(join(root, 'config/sweeps/q.json'), JSON.stringify(grid));
  return root;
}

const redisBin = ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server'].find((b) => spawnSync(b, ['--version']).status === 0);
if (!redisBin) {
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPED: the mm sweep --queue tests need redis-server: run tools/redis/ensure-redis.sh as root\n!!! (apt-get install -y redis-server)\n${bar}\n`);
}

interface LocalRedis {
  url: string;
  port: number;
  stop: () => Promise<unknown>;
}

/** tools/redis/local-redis.mjs as a user runs it: a redis-server on a free loopback port until SIGTERM. */
async function startLocalRedis(): Promise<LocalRedis> {
  const helper = spawn(process.execPath, [join(REPO_ROOT, 'tools/redis/local-redis.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => helper.on('exit', r));
  let text = '';
  helper.stdout!.on('data', (d) => (text += d));
  await until('tools/redis/local-redis.mjs to print its URL', () => text.includes('\n') || helper.exitCode !== null, 20_000);
  const url = text.trim();
  if (!/^redis:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`local-redis.mjs printed "${url}"`);
  return { url, port: Number(url.split(':').pop()), stop: () => (helper.kill('SIGTERM'), exited) };
}

describe.skipIf(!redisBin)('mm sweep --queue with mm worker processes (real redis-server)', () => {
  let redis: LocalRedis;
  const procs: Proc[] = [];
  const worker = (url: string, cwd: string) => {
    const p = spawnMm(['worker', '--queue', url, '--concurrency', '1', '--stalled-after-ms', '1500'], cwd);
    procs.push(p);
    return p;
  };
  // The reference: the same grid run locally with one worker thread, in its own scratch workspace.
  let localBytes: Buffer;
  beforeAll(async () => {
    redis = await startLocalRedis();
    const root = repoWithGrid();
    const local = runMm(['sweep', '--grid', 'config/sweeps/q.json', '--workers', '1', '--out-dir', 'artifacts/local', '--quiet'], { cwd: root });
    expect(local.code).toBe(0);
    localBytes = readFileSync(join(root, 'artifacts/local/PARAM_SWEEP.json'));
    expect(localBytes.length).toBeGreaterThan(1000);
  }, TIMEOUT);
  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('two workers give the PARAM_SWEEP.json bytes of --workers 1; a resubmit of the finished sweep runs no cell again', async () => {
    const root = repoWithGrid();
    const url = `${redis.url}/1`;
    const a = worker(url, root);
    const b = worker(url, root);
    const coord = spawnMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', url, '--out-dir', 'artifacts/queue'], root);
    expect(await coord.exited).toBe(0);
    expect(coord.out()).toMatch(new RegExp(`^queue: sweep [0-9a-f]{24} on redis://127\\.0\\.0\\.1:${redis.port}/1: ${RUNS} cell runs, submitted; start workers`, 'm'));
    expect(coord.out()).toMatch(/^sweep: 4 cells, \d+ safe/m);
    const bytes = localBytes;
    expect(readFileSync(join(root, 'artifacts/queue/PARAM_SWEEP.json')).equals(bytes)).toBe(true);
    // Each cell x seed ran exactly once, and both workers took some.
    await until('the workers to log their last cell', () => cellsDone(a.out()) + cellsDone(b.out()) === RUNS);
    expect(cellsDone(a.out())).toBeGreaterThan(0);
    expect(cellsDone(b.out())).toBeGreaterThan(0);

    // The same sweep again, into a fresh folder: everything comes from Redis; the workers run nothing.
    const again = spawnMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', url, '--out-dir', 'artifacts/again'], root);
    expect(await again.exited).toBe(0);
    expect(again.out()).toMatch(new RegExp(`: ${RUNS} cell runs, resumed from Redis \\(${RUNS} already done\\)$`, 'm'));
    expect(readFileSync(join(root, 'artifacts/again/PARAM_SWEEP.json')).equals(bytes)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(cellsDone(a.out()) + cellsDone(b.out())).toBe(RUNS);

    // --cancel drops the finished sweep from Redis; a second --cancel finds nothing.
    const cancel = runMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', url, '--cancel'], { cwd: root });
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toMatch(/^queue: sweep [0-9a-f]{24} removed$/m);
    const twice = runMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', url, '--cancel'], { cwd: root });
    expect(twice.stdout).toMatch(/^queue: sweep [0-9a-f]{24} is not in Redis; nothing to cancel$/m);

    // Ctrl-C on a worker: it finishes what it holds and says so.
    a.child.kill('SIGINT');
    b.child.kill('SIGINT');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.out()).toMatch(/^worker: stopped; \d+ cell run\(s\) done, 0 failed$/m);
  }, TIMEOUT);

  it('a worker SIGKILLed mid-cell loses nothing; the coordinator stopped (Ctrl-C) or SIGKILLed resumes from Redis; same bytes', async () => {
    const root = repoWithGrid();
    const url = `${redis.url}/2`;
    const command = ['sweep', '--grid', 'config/sweeps/q.json', '--queue', url, '--out-dir', 'artifacts/queue'];
    // Ctrl-C before any worker: exit 130, the sweep stays in Redis.
    const first = spawnMm(command, root);
    await until('the first coordinator to submit', () => first.out().includes(': 8 cell runs, submitted;'));
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(first.out()).toMatch(/^queue: stopped; sweep [0-9a-f]{24} stays in Redis \(0\/8 cell runs done\): run the same command to resume, or add --cancel to drop it$/m);

    const second = spawnMm(command, root);
    const a = worker(url, root);
    // After its first cell, a worker (concurrency 1) has taken the next one at once: kill it inside that cell,
    // and the coordinator with it.
    await until('worker A to finish a cell', () => cellsDone(a.out()) >= 1);
    a.child.kill('SIGKILL');
    second.child.kill('SIGKILL');
    await Promise.all([a.exited, second.exited]);
    expect(second.out()).toMatch(/: 8 cell runs, resumed from Redis \(\d already done\)/);
    const doneByA = cellsDone(a.out());
    const b = worker(url, root);
    const third = spawnMm(command, root);
    expect(await third.exited).toBe(0);
    expect(third.out()).toMatch(/: 8 cell runs, resumed from Redis \(\d already done\)/);
    expect(readFileSync(join(root, 'artifacts/queue/PARAM_SWEEP.json')).equals(localBytes)).toBe(true);
    // The killed worker's cell was run again by B; nothing ran twice otherwise.
    await until('worker B to log its last cell', () => doneByA + cellsDone(b.out()) === RUNS);
    b.child.kill('SIGINT');
    await b.exited;
  }, TIMEOUT);

  it("a worker whose copy of the market data differs fails those jobs, naming the file; the sweep exits 1", async () => {
    const root = repoWithGrid({ ...GRID, fields: { min_interval_ms: [60] }, market: { scenario: 'quiet', seeds: [1], replay: 'data/capture.jsonl', format: 'binance-ws', venue: 'binance-usdm-btcusdt' } });
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data/capture.jsonl'), '{"coordinator":1}\n');
    const elsewhere = repoWithGrid();
    mkdirSync(join(elsewhere, 'data'));
    writeFileSync(join(elsewhere, 'data/capture.jsonl'), '{"another machine":1}\n');
    const url = `${redis.url}/3`;
    const w = worker(url, elsewhere);
    const coord = spawnMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', url, '--quiet'], root);
    expect(await coord.exited).toBe(1);
    expect(coord.out()).toMatch(/^mm: error: 1 of 1 cell runs failed on the workers \(cell #0 seed 1: market data data\/capture\.jsonl: sha256 [0-9a-f]{12}\.\.\. on this worker, the sweep's is [0-9a-f]{12}\.\.\.; every worker must read the same file\)/m);
    w.child.kill('SIGINT');
    await w.exited;
  }, TIMEOUT);

  it('flag mistakes and an unreachable Redis: one line, exit 2', () => {
    const root = repoWithGrid();
    const bad = runMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', 'http://x:1'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('mm: error: --queue: "http://x:1" must start with redis:// or rediss:// (TLS)');
    const both = runMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', redis.url, '--workers', '2'], { cwd: root });
    expect(both.stderr.trim()).toBe('mm: error: --workers does not apply with --queue: run mm worker --queue URL [--concurrency N] on each machine');
    // The sweep checks Redis before it writes anything.
    const nowhere = runMm(['sweep', '--grid', 'config/sweeps/q.json', '--queue', 'redis://127.0.0.1:1', '--out-dir', 'artifacts/nowhere', '--quiet'], { cwd: root });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr.trim()).toMatch(/^mm: error: --queue redis:\/\/127\.0\.0\.1:1: cannot reach Redis \(.*ECONNREFUSED.*\)/);
    expect(existsSync(join(root, 'artifacts/nowhere'))).toBe(false);
    const down = runMm(['worker', '--queue', 'redis://127.0.0.1:1'], { cwd: root });
    expect(down.code).toBe(2);
    expect(down.stderr.trim()).toMatch(/^mm: error: --queue redis:\/\/127\.0\.0\.1:1: cannot reach Redis \(.*ECONNREFUSED.*\)/);
  }, TIMEOUT);
});

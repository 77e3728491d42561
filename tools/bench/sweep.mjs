// Sweep throughput: cells/s of the same grid with 1 and with 2 worker threads, from one run (target: 2 workers
// at least 1.7x as fast as 1). A third of config/sweeps/s1-window.json, run once per worker count.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SENTINEL_CONFIG } from '../../packages/sentinel/dist/index.js';
import { loadSweepGrid, runSweep } from '../../packages/sweep/dist/index.js';
import { fmt } from './timing.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

async function cellsPerSecond(sweep, workers) {
  const t0 = process.hrtime.bigint();
  const r = await runSweep({
    sweep,
    workers,
    outDir: mkdtempSync(join(tmpdir(), 'mm-bench-sweep-')),
    resume: false,
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds: s, cells: r.results.length, perSec: r.results.length / s };
}

export const sweep = {
  name: 'sweep',
  what: 'sweep cells/s with 1 and 2 worker threads (target: 2 workers >= 1.7x of 1)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mm-bench-grid-'));
    const gridOf = (name, changes) => {
      const path = join(dir, `${name}.json`);
      const shipped = JSON.parse(readFileSync(join(ROOT, 'config/sweeps/s1-window.json'), 'utf8'));
      writeFileSync(path, JSON.stringify({ ...shipped, fields: { ...shipped.fields, ...changes } }));
      return loadSweepGrid(path, name, join(ROOT, 'config/profiles'));
    };
    // A third of the shipped grid (replace_rate_per_min fixed): long enough that starting the pool and warming
    // up the JIT in each worker, paid once per run, do not decide the ratio.
    const grid = gridOf('bench', { replace_rate_per_min: [300] });
    // Warm-up (file cache, a first pool) on a small grid, so neither measured run starts cold.
    await cellsPerSecond(gridOf('warm-up', { min_interval_ms: [60], base_spread_bps_delta: [0.35, 0.5] }), 2);
    const one = await cellsPerSecond(grid, 1);
    const two = await cellsPerSecond(grid, 2);
    const ratio = two.perSec / one.perSec;
    console.log(`cores: ${availableParallelism()}; grid: ${one.cells} cells of config/sweeps/s1-window.json (replace_rate_per_min 300), ${grid.grid.market.seeds.length} seeds x ${grid.grid.iterations} iterations each`);
    console.log(`1 worker:  ${fmt(one.perSec, 2)} cells/s (${fmt(one.seconds, 2)} s)`);
    console.log(`2 workers: ${fmt(two.perSec, 2)} cells/s (${fmt(two.seconds, 2)} s) = ${fmt(ratio, 2)}x of 1 worker`);
    const ok = ratio >= 1.7;
    console.log(`${ok ? 'PASS' : 'MISS'}: 2 workers ${fmt(ratio, 2)}x ${ok ? '>=' : '<'} 1.7x`);
    return ok;
  },
};

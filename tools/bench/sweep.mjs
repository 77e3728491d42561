// Sweep throughput: cells/s of the same grid with 1 and with 2 worker threads, from one run (target: 2 workers
// at least 1.7x as fast as 1). A slice of config/sweeps/s1-window.json, small enough to run twice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SENTINEL_CONFIG } from '../../packages/sentinel/dist/index.js';
import { loadSweepGrid, runSweep } from '../../packages/soak-runner/dist/index.js';
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
    const gridOf = (name, fields) => {
      const path = join(dir, `${name}.json`);
      const constraints = [{ metric: 'hit_ratio', op: '>=', value: 0.7 }];
      writeFileSync(path, JSON.stringify({ profile: 'S1', fields, market: { scenario: 'default', seeds: [1, 2] }, iterations: 2, constraints }));
      return loadSweepGrid(path, name, join(ROOT, 'config/profiles'));
    };
    const grid = gridOf('bench', {
      min_interval_ms: [40, 60, 100, 150],
      base_spread_bps_delta: [0.15, 0.35, 0.5, 0.7],
      tail_age_ms: [300, 700, 1500],
      max_delta_ratio: [0.15, 0.3],
    });
    // Warm-up (file cache, the pool's first start) on a small grid, so neither measured run starts cold.
    await cellsPerSecond(gridOf('warm-up', { min_interval_ms: [60, 100], tail_age_ms: [700, 1500] }), 2);
    const one = await cellsPerSecond(grid, 1);
    const two = await cellsPerSecond(grid, 2);
    const ratio = two.perSec / one.perSec;
    console.log(`cores: ${availableParallelism()}; grid: ${one.cells} cells x 2 seeds x 1 h`);
    console.log(`1 worker:  ${fmt(one.perSec, 2)} cells/s (${fmt(one.seconds, 2)} s)`);
    console.log(`2 workers: ${fmt(two.perSec, 2)} cells/s (${fmt(two.seconds, 2)} s) = ${fmt(ratio, 2)}x of 1 worker`);
    const ok = ratio >= 1.7;
    console.log(`${ok ? 'PASS' : 'MISS'}: 2 workers ${fmt(ratio, 2)}x ${ok ? '>=' : '<'} 1.7x`);
    return ok;
  },
};

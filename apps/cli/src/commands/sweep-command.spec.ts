import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

const GRID = {
  profile: 'S1',
  fields: { min_interval_ms: [60, 150], base_spread_bps_delta: [0.35, 1], tail_age_ms: [700, 1500] },
  market: { scenario: 'quiet', seeds: [1, 2] },
  iterations: 2,
  window_s: 600,
  constraints: [{ metric: 'hit_ratio', op: '>=', value: 0.5 }],
};

function repoWithGrid(grid: unknown = GRID): string {
  const root = scratchRepo();
  writeFileSync(join(root, 'config/sweeps/small.json'), JSON.stringify(grid));
  return root;
}

describe('mm sweep', () => {
  it('identical PARAM_SWEEP.json bytes with 1 and 2 worker threads', () => {
    const root = repoWithGrid();
    const one = runMm(['sweep', '--grid', 'config/sweeps/small.json', '--workers', '1', '--out-dir', 'artifacts/w1'], { cwd: root });
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^sweep: 8 cells, \d+ safe/m);
    expect(one.stdout).toMatch(/^\| sweep_window \| (IN|OUT) \| base_spread_bps_delta WINDOW=/m);
    const two = runMm(['sweep', '--grid', 'config/sweeps/small.json', '--workers', '2', '--out-dir', 'artifacts/w2', '--quiet'], { cwd: root });
    expect(two.code).toBe(0);
    const a = readFileSync(join(root, 'artifacts/w1/PARAM_SWEEP.json'));
    expect(a.length).toBeGreaterThan(1000);
    expect(readFileSync(join(root, 'artifacts/w2/PARAM_SWEEP.json')).equals(a)).toBe(true);
    expect(readFileSync(join(root, 'artifacts/w2/PARAM_SWEEP.md'), 'utf8')).toBe(readFileSync(join(root, 'artifacts/w1/PARAM_SWEEP.md'), 'utf8'));
    expect(readFileSync(join(root, 'artifacts/w1/PARAM_SWEEP.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('--emit-profile writes the best safe cell in delta form; it round-trips through mm sentinel', () => {
    const root = repoWithGrid();
    const r = runMm(['sweep', '--grid', 'config/sweeps/small.json', '--workers', '0', '--quiet', '--emit-profile', 'W1'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| sweep_emit_profile \| OK \| config\/profiles\/market_maker_W1\.json \(cell #\d+\) \|$/m);
    const emitted = JSON.parse(readFileSync(join(root, 'config/profiles/market_maker_W1.json'), 'utf8'));
    const best = JSON.parse(readFileSync(join(root, 'artifacts/sweep/PARAM_SWEEP.json'), 'utf8')).best;
    const s1 = JSON.parse(readFileSync(join(root, 'config/profiles/market_maker_S1.json'), 'utf8'));
    expect(emitted).toEqual({ ...s1, ...best.params });
    const applied = runMm(['sentinel', '--profile', 'W1', '--dry-run', '--json'], { cwd: root });
    expect(applied.code).toBe(0);
    const a = JSON.parse(applied.stdout).applied;
    expect(a.min_interval_ms).toBe(best.params.min_interval_ms);
    expect(a.tail_age_ms).toBe(best.params.tail_age_ms);
    expect(a.base_spread_bps).toBeCloseTo(0.5 + best.params.base_spread_bps_delta, 12);
    // An existing profile is not overwritten without --force; checked before any soak.
    const again = runMm(['sweep', '--grid', 'config/sweeps/small.json', '--emit-profile', 'W1'], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe('mm: error: config/profiles/market_maker_W1.json exists; choose another --emit-profile NAME or pass --force');
  });

  it('bad grids exit 2 with one line and write nothing', () => {
    const root = repoWithGrid({ ...GRID, fields: { min_interval_ms: [60, -5] } });
    const r = runMm(['sweep', '--grid', 'config/sweeps/small.json', '--workers', '0'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^mm: error: config\/sweeps\/small\.json: fields\.min_interval_ms\[1\]: -5 is out of range/);
    expect(existsSync(join(root, 'artifacts/sweep'))).toBe(false);
    const missing = runMm(['sweep', '--grid', 'config/sweeps/nope.json'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('mm: error: config/sweeps/nope.json: sweep grid not found');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runMm, scratchRepo } from '../__tests__/run-mm.js';

const BINANCE = resolve(REPO_ROOT, '../shared/data/binance-usdm/btcusdt_20240808.gz');

describe.runIf(existsSync(BINANCE))('mm calibrate', () => {
  it('fits the shared Binance file into a scenario that mm soak accepts', () => {
    const root = scratchRepo();
    const r = runMm(['calibrate', '--replay', BINANCE, '--format', 'binance-ws', '--out', 'config/scenarios/fit.json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(root, 'config/scenarios/fit.json'), 'utf8'));
    expect(s.calibration.trades).toBe(21_313);
    expect(s.tick_size).toBe(0.1);
    expect(s.volatility_bps_per_sqrt_s).toBeGreaterThan(0);
    expect(s.calibration.fill_intensity.k_per_bps).toBeGreaterThan(0);
    const soak = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'fit', '--iterations', '1', '--quiet'], { cwd: root });
    expect([0, 1]).toContain(soak.code);
    expect(soak.stdout).toMatch(/SOAK TEST: (PASS|FAIL)/);
  });
});

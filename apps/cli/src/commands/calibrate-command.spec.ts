import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDataFile, sharedDataFile } from '@mm-profiles/market-sim';
import { REPO_ROOT, runMm, scratchRepo } from '../__tests__/run-mm.js';

// The committed slice (any checkout) and the full capture (where ../shared/data has it; warned otherwise).
// Their MARKET trade counts are from the data's READMEs (counted on the raw lines).
const CASES = [
  { name: 'the committed slice', file: fixtureDataFile(REPO_ROOT, 'binance-usdm/btcusdt_20240808.head.gz'), trades: 912 },
  { name: 'the full capture', file: sharedDataFile(REPO_ROOT, 'binance-usdm/btcusdt_20240808.gz'), trades: 21_313 },
];

describe('mm calibrate', () => {
  for (const c of CASES) {
    it.runIf(c.file)(`fits ${c.name} of the Binance file into a scenario that mm soak accepts`, () => {
      const root = scratchRepo();
      const r = runMm(['calibrate', '--replay', c.file!, '--format', 'binance-ws', '--out', 'config/scenarios/fit.json'], { cwd: root });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const s = JSON.parse(readFileSync(join(root, 'config/scenarios/fit.json'), 'utf8'));
      expect(s.calibration.trades).toBe(c.trades);
      expect(s.tick_size).toBe(0.1);
      // The venue of the capture's symbol (USD-M BTCUSDT), not 'CALIBRATED' with a zero maker fee.
      expect(s.symbol).toBe('BTCUSDT');
      expect(s.fees).toEqual({ maker_bps: 2, taker_bps: 5 });
      expect(s.description).toMatch(/venue config\/venues\/binance-usdm-btcusdt\.json \(Regular \(VIP 0\)\)/);
      expect(s.volatility_bps_per_sqrt_s).toBeGreaterThan(0);
      expect(s.calibration.fill_intensity.k_per_bps).toBeGreaterThan(0);
      const soak = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'fit', '--iterations', '1', '--quiet'], { cwd: root });
      expect([0, 1]).toContain(soak.code);
      expect(soak.stdout).toMatch(/SOAK TEST: (PASS|FAIL)/);
    });
  }

  it('takes symbol, tick and fees from --venue; flags still override fees; an unknown venue is one clear line, exit 2', () => {
    const file = CASES[0]!.file!;
    const root = scratchRepo();
    const r = runMm(['calibrate', '--replay', file, '--format', 'binance-ws', '--venue', 'binance-spot-btcusdt', '--taker-bps', '7', '--out', 'fit.json'], { cwd: root });
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(join(root, 'fit.json'), 'utf8'));
    expect(s.symbol).toBe('BTCUSDT');
    expect(s.tick_size).toBe(0.01);
    expect(s.fees).toEqual({ maker_bps: 10, taker_bps: 7 });
    const bad = runMm(['calibrate', '--replay', file, '--format', 'binance-ws', '--venue', 'nope', '--out', 'x.json'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/config\/venues\/nope\.json: venue file not found/);
    expect(existsSync(join(root, 'x.json'))).toBe(false);
  });
});

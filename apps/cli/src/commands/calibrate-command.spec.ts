import { readFileSync } from 'node:fs';
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
      expect(s.volatility_bps_per_sqrt_s).toBeGreaterThan(0);
      expect(s.calibration.fill_intensity.k_per_bps).toBeGreaterThan(0);
      const soak = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'fit', '--iterations', '1', '--quiet'], { cwd: root });
      expect([0, 1]).toContain(soak.code);
      expect(soak.stdout).toMatch(/SOAK TEST: (PASS|FAIL)/);
    });
  }
});

/**
 * The PnL identity checked from outside the ledger: cash and position rebuilt from the FILL lines of
 * audit.jsonl (price, quantity, side; the fee from the scenario's maker rate) and the mids of the same seeded
 * market, regenerated here. Equity at the end (cash + position * last mid) must equal the run's pnl; the edge
 * at each fill, s(m - P)Q with m the mid when it filled, must equal gross + slippage; fees the sum of the fee
 * of every fill; and inventory the rest.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { loadScenario, SyntheticMarket, venueFromScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import type { AuditRecord } from './audit-log.js';
import { loadGates } from './gates.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCENARIO = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));

describe('PnL identity from audit.jsonl and the mids alone', () => {
  it('rebuilds cash, position, equity, fees and the edge at the fills', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-identity-'));
    const windowS = 900;
    const seed = 3;
    const r = await runSoak({
      profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
      market: { kind: 'mock', scenario: SCENARIO, scenarioName: 'quiet', seed, venue: venueFromScenario(SCENARIO), venueName: 'quiet' },
      iterations: 2,
      windowS,
      outDir,
      autoTune: true,
      gates: loadGates(join(ROOT, 'config/gates/soak.json')),
      edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
      root: ROOT,
    });
    const m = r.metrics as Record<string, number>;
    const fills = readFileSync(join(outDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecord)
      .filter((a) => a.type === 'FILL');
    expect(fills.length).toBeGreaterThan(50);
    expect(fills.length).toBe(m['fills']);

    // Walk the same market; the fills of an event come after its mid update (a fill happens on a quote or a trade).
    const endUs = 2 * windowS * 1e6;
    let mid = NaN;
    let cash = 0;
    let position = 0;
    let edgeAtFill = 0;
    let fees = 0;
    let maxAbs = 0;
    let k = 0;
    for await (const batch of new SyntheticMarket(SCENARIO, seed).stream(endUs)) {
      for (const e of batch) {
        if (e.ts >= endUs) break;
        if (e.kind === 'quote') mid = (e.bidPx + e.askPx) / 2;
        while (k < fills.length && fills[k]!.ts === e.ts) {
          const f = fills[k++]!;
          const s = f.side === 'bid' ? 1 : -1;
          const fee = (-SCENARIO.fees.maker_bps / 1e4) * f.px! * f.qty!;
          cash += -s * f.px! * f.qty! + fee;
          position += s * f.qty!;
          maxAbs = Math.max(maxAbs, Math.abs(position));
          fees += fee;
          edgeAtFill += s * (mid - f.px!) * f.qty!;
        }
      }
    }
    expect(k).toBe(fills.length); // every fill matched an event of the regenerated market
    const equity = cash + position * mid;
    expect(m['pnl']).toBeCloseTo(equity, 5);
    expect(m['fees']).toBeCloseTo(fees, 5);
    expect(m['gross']! + m['slippage']!).toBeCloseTo(edgeAtFill, 5);
    expect(m['inventory']).toBeCloseTo(equity - edgeAtFill - fees, 5);
    expect(m['max_abs_position']).toBeCloseTo(maxAbs, 6);
    // Not trivially zero: the run made and lost money on inventory and earned at the fills.
    expect(Math.abs(m['inventory']!)).toBeGreaterThan(1e-3);
    expect(Math.abs(edgeAtFill)).toBeGreaterThan(1e-3);
  });
});

/**
 * The hard gates measure the market, not the configuration: on the shared Binance capture, hit ratios sit where
 * a market maker expects them (most wanted actions go through: not set by the event rate), and a slow latency
 * model fails the latency gate — with confidence, over the capture's windows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { loadScenario, sharedDataFile, type Scenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { loadGates } from './gates.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BINANCE = sharedDataFile(ROOT, 'binance-usdm/btcusdt_20240808.gz');
const SCENARIO = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
const GATES = loadGates(join(ROOT, 'config/gates/soak.json'));

async function replay(name: string, scenario: Scenario) {
  const profile = resolveProfile({ name, configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
  return runSoak({
    profile,
    market: { kind: 'replay', file: BINANCE!, format: 'binance-ws', skipBadLines: true, scenario, scenarioName: 'quiet', seed: 1 },
    iterations: 4,
    outDir: mkdtempSync(join(tmpdir(), 'mm-gates-')),
    autoTune: true,
    gates: GATES,
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
}

describe.runIf(BINANCE !== undefined)('hard gates on the shared replay', () => {
  // One test per profile: each is a whole replay of the capture (with its depth since the L2 book).
  for (const name of ['base', 'S1', 'conservative']) {
    it(`hit ratio per intent is in a market maker's range for ${name} (was 0.03-0.13 when every event counted)`, async () => {
      const r = await replay(name, SCENARIO);
      const hit = r.metrics['hit_ratio'] as number;
      expect(hit, name).toBeGreaterThan(0.5);
      expect(hit, name).toBeLessThanOrEqual(1);
      for (const w of r.iterations) expect(w['executed'] as number, name).toBeLessThanOrEqual(w['attempts'] as number);
    });
  }

  it('a slow latency model (constant 200 ms to acknowledge) fails the latency gate on the windows\' interval', async () => {
    const r = await replay('S1', { ...SCENARIO, latency: { model: 'constant', ms: 200 } });
    const gate = r.gates.find((g) => g.metric === 'latency_p95_ms')!;
    expect(r.metrics['latency_p95_ms']).toBe(200);
    expect(gate.status).toBe('FAIL');
    expect(gate.interval).toMatchObject({ lo: 200, hi: 200 });
    expect(gate.finding).toMatch(/^latency_p95_ms 200 \[200, 200\] > 150 \(n=\d+\)$/);
    expect(r.verdict).toBe('FAIL');
    const fast = await replay('S1', { ...SCENARIO, latency: { model: 'constant', ms: 20 } });
    expect(fast.gates.find((g) => g.metric === 'latency_p95_ms')!.status).toBe('PASS');
  });
});

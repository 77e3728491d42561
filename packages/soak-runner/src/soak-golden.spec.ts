/**
 * The mini soak's artifacts, held by their sha256: optimisations that do not change a format (the audit's
 * serializer, buffers, hashing, the hot path's storage) must leave these bytes alone. A change that alters a
 * format or a number on purpose updates the hashes here in the same commit and says why. The mini soak's
 * summary moved once so: a run's percentiles come from a sketch (quantile-sketch.ts, relative error <= 1e-4)
 * instead of every window's samples kept to the end (the replays' percentiles fell on bucket ends, exact; audit
 * and metrics bytes did not move).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, resolveProfile } from '@mm-profiles/profile-core';
import { fixtureDataFile, loadScenario, sharedDataFile, venueFromScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { runSoak } from './soak-run.js';
import { loadGates } from './gates.js';
import { marketSpec } from './market-spec.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The mini soak's command on the quiet test market (`mm soak --iterations 2 --mock --scenario quiet`), in-process: fast, and its bytes held since before the default became the calibrated market (only the scenario's name in the summary moved). */
async function miniSoak(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-golden-'));
  const scenario = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
  await runSoak({
    profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market: { kind: 'mock', scenario, scenarioName: 'quiet', seed: 1, venue: venueFromScenario(scenario), venueName: 'quiet' },
    iterations: 2,
    outDir,
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  return outDir;
}

/** The committed Binance slice replayed in 2 windows (the replay reader, span and windows in the bytes too). */
async function replaySoak(depth?: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-golden-replay-'));
  await runSoak({
    profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market: marketSpec(ROOT, { replay: fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz'), format: 'binance-ws', scenario: 'default', seed: 1, depth }),
    iterations: 2,
    outDir,
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  return outDir;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the mini soak (golden bytes)', () => {
  it('writes the same audit.jsonl, metrics.jsonl and summary.json bytes as recorded', async () => {
    const dir = await miniSoak();
    expect({
      audit: sha(join(dir, 'audit.jsonl')),
      metrics: sha(join(dir, 'metrics.jsonl')),
      summary: sha(join(dir, 'summary.json')),
    }).toEqual({
      audit: 'e56a38ffe1505c3ab38b89b3bff547b7bc566f9c90964936d80e22eaf3ee6aed',
      metrics: 'f980a35846eeed36feae699df8d6b4a3fc7b545f3e34982024186a8a1bf7c421',
      summary: 'fd02a1e6621f1be73e28fa070b3b9990ea3192a73d054f9e33fc618e018066f0',
    });
  });

  it('writes the same replay artifacts as recorded (the summary with the path of the capture cut to its name)', async () => {
    const dir = await replaySoak();
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { market: { file: string } };
    // The path is the checkout's own; the rest of the bytes must not move.
    summary.market.file = summary.market.file.split('/').pop()!;
    expect({
      audit: sha(join(dir, 'audit.jsonl')),
      metrics: sha(join(dir, 'metrics.jsonl')),
      summary: createHash('sha256').update(canonicalJson(summary)).digest('hex'),
    }).toEqual({
      // Depth on (the default since the L2 book): the queue behind the touch moves fills; with depth off the
      // audit and metrics are still the bytes recorded before (below).
      audit: 'e3f9280f909f4c31fb270020a8336da258c55cb2814360d232b366b11157f851',
      metrics: '745c3e5843ba9ca96a1f27e7c76e91f5b0d7b8947f4a3b5a5d32370cb7a11253',
      summary: 'a751d3d3c8bbcae2bce91e9e9d618147e301ce2ca90e7ea2764f243cfb6edfb9',
    });
  });
});

describe('the replay with depth off (golden bytes)', () => {
  it('L1 only (depth off): the audit and metrics bytes as recorded (re-recorded for the two clocks: the feed leg from the capture)', async () => {
    const dir = await replaySoak('off');
    expect({ audit: sha(join(dir, 'audit.jsonl')), metrics: sha(join(dir, 'metrics.jsonl')) }).toEqual({
      audit: '69ec3539f8131405a4a1ba621147d19999c5717a2c80f61c6f0b2e5b7524dd70',
      metrics: '5f7c2f5da7e7647882c5630c47d04634dc05095f5dd4f3fb84e906fd8667744f',
    });
  });
});

const BINANCE_FULL = sharedDataFile(ROOT, 'binance-usdm/btcusdt_20240808.gz');

describe('the full shared Binance capture (golden bytes, where ../shared/data has it)', () => {
  const fullSoak = async (depth?: string) => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-golden-full-'));
    await runSoak({
      profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
      market: marketSpec(ROOT, { replay: BINANCE_FULL!, format: 'binance-ws', seed: 1, depth }),
      iterations: 3,
      outDir,
      autoTune: true,
      gates: loadGates(join(ROOT, 'config/gates/soak.json')),
      edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
      root: ROOT,
    });
    return outDir;
  };

  it.runIf(BINANCE_FULL)('writes the same artifacts over 3 windows as recorded (re-recorded for the two clocks)', async () => {
    const outDir = await fullSoak();
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { market: { file: string } };
    summary.market.file = summary.market.file.split('/').pop()!;
    expect({
      audit: sha(join(outDir, 'audit.jsonl')),
      metrics: sha(join(outDir, 'metrics.jsonl')),
      summary: createHash('sha256').update(canonicalJson(summary)).digest('hex'),
    }).toEqual({
      // Depth on (the default since the L2 book) and a crossing replace cancelling its order (as Binance does).
      audit: 'c6962b0e41d5ceb9470b59b282ef031a23e46e6ff4532fed4e1b9c13700b6873',
      metrics: 'd1af91a4ae5c8353623c8a6d59ab0a34d9d1c6481c81f5714d985121f60aabc5',
      summary: 'c91d2b867d802f974233fbde50faae90b67338701b3c0cb544a0aabeefa9c6c4',
    });
  });

  it.runIf(BINANCE_FULL)('with depth off: L1 rules, the bytes as recorded (re-recorded for the two clocks)', async () => {
    const outDir = await fullSoak('off');
    // With the old rule (a crossing replace left its order resting) these were the bytes recorded before the L2
    // book, 47aff5c4... and 51e79b2a...: checked by reverting that rule alone.
    expect({ audit: sha(join(outDir, 'audit.jsonl')), metrics: sha(join(outDir, 'metrics.jsonl')) }).toEqual({
      audit: '48e19e77e8c2d68af68390253d27e4123ff4444cf04a6e01b5f532ed9cbbbc0b',
      metrics: '1a73397f5fda21d077042bd32c192d0756b821739b14fe621ba671519bf38be9',
    });
  });
});

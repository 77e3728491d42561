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
      audit: '27ad413b06e6cacbeca2056def5bf9bdc52ec0b0b16f2c9168848da5bed79663',
      metrics: 'a0003a6cd2e7845d4461096134d0b3bc6ada9286c33a11923a08aef13f913f22',
      summary: 'a57eba3ea6d188962c8040c7f668ce56df818731df37342cf69a24944bdb7b40',
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
      audit: '39c0f3bb66587ce292da095ab6751af12264892d12b34143013e25ff61c41c01',
      metrics: 'b1abec855d4f48ff1e215cb3fcf6241101a9c6e651fad2142274e982513f68e0',
      summary: '72995d9930f956fafc874041ebfde6e72d813ae0ad1d616c46c5b0cca4802819',
    });
  });
});

describe('the replay with depth off (golden bytes)', () => {
  it('L1 only: the audit and metrics bytes are those recorded before the L2 book existed', async () => {
    const dir = await replaySoak('off');
    expect({ audit: sha(join(dir, 'audit.jsonl')), metrics: sha(join(dir, 'metrics.jsonl')) }).toEqual({
      audit: '24f8e0e78db42482aa86d6b330f1c8ab53ff8d586ca1f47dc36803e2c3a9216b',
      metrics: '7a82f36ac9819eb9114fa84d2869431c2b301aaeeadffa5e3161aed45a0db651',
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

  it.runIf(BINANCE_FULL)('writes the same artifacts over 3 windows as recorded before the quoter seam', async () => {
    const outDir = await fullSoak();
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { market: { file: string } };
    summary.market.file = summary.market.file.split('/').pop()!;
    expect({
      audit: sha(join(outDir, 'audit.jsonl')),
      metrics: sha(join(outDir, 'metrics.jsonl')),
      summary: createHash('sha256').update(canonicalJson(summary)).digest('hex'),
    }).toEqual({
      // Depth on (the default since the L2 book) and a crossing replace cancelling its order (as Binance does).
      audit: '02f371913b0d883b5c73a2cb86b5ba4de36775029b9fc923e157addbd66a14b5',
      metrics: '98e405239bd4a36dafbd7ae5c398e0932cb941da6153aceb545b5f8e50e92e5d',
      summary: '394395277c8b2a5942e62ed3abdd145f12e2cd6ae17c3078efb7e8e7d1df128a',
    });
  });

  it.runIf(BINANCE_FULL)('with depth off: L1 rules, only the crossing replace differs from before the L2 book', async () => {
    const outDir = await fullSoak('off');
    // With the old rule (a crossing replace left its order resting) these were the bytes recorded before the L2
    // book, 47aff5c4... and 51e79b2a...: checked by reverting that rule alone.
    expect({ audit: sha(join(outDir, 'audit.jsonl')), metrics: sha(join(outDir, 'metrics.jsonl')) }).toEqual({
      audit: 'c80dd397c572f24c7ba2cce7bedacabc3bc9c72215ae746f08aceeac5b9ba92e',
      metrics: 'b631f5b04de068d262559635bda94445cf5d3f1e160c9b1560aa6f0728fe3b0b',
    });
  });
});

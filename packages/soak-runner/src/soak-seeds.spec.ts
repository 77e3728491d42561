import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { loadScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { loadGates } from './gates.js';
import { runSoakSeeds, type SeedsOptions } from './soak-seeds.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCENARIO = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
const GATES = loadGates(join(ROOT, 'config/gates/soak.json'));

function options(outDir: string, extra: Partial<SeedsOptions> = {}): SeedsOptions {
  return {
    profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market: { kind: 'mock', scenario: SCENARIO, scenarioName: 'quiet', seed: 1 },
    iterations: 1,
    windowS: 120,
    outDir,
    autoTune: false,
    gates: GATES,
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
    seeds: [1, 2],
    ...extra,
  };
}

/** Every file under `dir` (dot-files too) with its content. */
function tree(dir: string, sub = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? join(sub, e.name) : e.name;
    if (e.isDirectory()) Object.assign(out, tree(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

describe('runSoakSeeds writes its folder all-or-nothing', () => {
  it('every seed folder and the top-level summary appear together; nothing staged or locked is left', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-seeds-'));
    const staged: string[][] = [];
    const r = await runSoakSeeds(options(outDir, { beforeCommit: (staging) => staged.push(readdirSync(staging).sort()) }));
    // The hook sees the whole run in the staging folder, before anything is in the out-dir.
    expect(staged).toEqual([['SOAK_RESULTS.md', 'seed-1', 'seed-2', 'summary.json']]);
    const files = Object.keys(tree(outDir));
    expect(files.filter((f) => /(^|\/)\./.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['summary.json', 'SOAK_RESULTS.md', 'seed-1/summary.json', 'seed-1/metrics.jsonl', 'seed-2/audit.jsonl']));
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
    expect(summary.seeds).toEqual([1, 2]);
    expect(summary.runs.map((x: { net_bps: number }) => x.net_bps)).toEqual(r.runs.map((x) => x.result.metrics['net_bps']));
    // The mean written is the mean of the two seed folders' own summaries, kept to 6 decimals (a tie rounds either way).
    const nets = [1, 2].map((s) => JSON.parse(readFileSync(join(outDir, `seed-${s}`, 'summary.json'), 'utf8')).metrics.net_bps as number);
    expect(Math.abs(summary.metrics.net_bps - (nets[0]! + nets[1]!) / 2)).toBeLessThanOrEqual(5e-7 + 1e-12);
  });

  it('a run that fails before its swap leaves the previous run exactly as it was', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-seeds-'));
    await runSoakSeeds(options(outDir));
    const before = tree(outDir);
    await expect(
      runSoakSeeds(
        options(outDir, {
          seeds: [3, 4],
          beforeCommit: () => {
            throw new Error('page failed');
          },
        }),
      ),
    ).rejects.toThrow('page failed');
    expect(tree(outDir)).toEqual(before);
  });

  it('a second run on a locked folder is refused at once, naming the holder', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-seeds-'));
    let second: unknown;
    await runSoakSeeds(
      options(outDir, {
        onSeed: () => {
          second ??= runSoakSeeds(options(outDir)).then(
            () => 'ran',
            (e: Error) => e.message,
          );
        },
      }),
    );
    expect(await second).toMatch(/in use by mm soak --seeds \(pid \d+/);
  });

  it('stopped after the first seed: that seed is kept, the whole is INCOMPLETE', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-seeds-'));
    let stop = false;
    const r = await runSoakSeeds(options(outDir, { seeds: [1, 2, 3], shouldStop: () => stop, onSeed: () => (stop = true) }));
    expect(r.verdict).toBe('INCOMPLETE');
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ verdict: 'INCOMPLETE', complete: false, seeds: [1], seeds_planned: 3 });
    expect(existsSync(join(outDir, 'seed-1', 'summary.json'))).toBe(true);
    expect(existsSync(join(outDir, 'seed-2'))).toBe(false);
  });

  it('stopped inside the second seed: its INCOMPLETE run is listed but is no sample, and no later seed starts', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-seeds-'));
    let seedsDone = 0;
    let asked = 0;
    // False when asked between seeds (the check before seed 2), true from inside seed 2's run.
    const shouldStop = () => seedsDone === 1 && ++asked >= 2;
    const r = await runSoakSeeds(options(outDir, { seeds: [1, 2, 3], iterations: 2, shouldStop, onSeed: () => (seedsDone += 1) }));
    expect(r.verdict).toBe('INCOMPLETE');
    expect(r.runs.map((x) => [x.seed, x.result.verdict === 'INCOMPLETE'])).toEqual([
      [1, false],
      [2, true],
    ]);
    // One sample (seed 1's run): the interval is the point, and the means are seed 1's own.
    expect(r.samples).toBe(1);
    expect(r.metrics['net_bps']).toBe(r.runs[0]!.result.metrics['net_bps']);
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ verdict: 'INCOMPLETE', complete: false, seeds: [1, 2], samples: { unit: 'seed', n: 1 } });
    expect(summary.runs.map((x: { verdict: string }) => x.verdict)).toEqual([r.runs[0]!.result.verdict, 'INCOMPLETE']);
    const md = readFileSync(join(outDir, 'SOAK_RESULTS.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('# Soak results: S1 over 2 seed(s) — INCOMPLETE');
    expect(md).toContain('Samples: 1 (one per seed). Intervals are 95% Student t intervals of the mean.');
    expect(existsSync(join(outDir, 'seed-3'))).toBe(false);
  });
});

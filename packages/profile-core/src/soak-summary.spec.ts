import { describe, expect, it } from 'vitest';
import { soakRunSummarySchema, soakSeedsSummarySchema } from './soak-summary.js';
import { describeIssues } from './zod-issues.js';

const H = 'a'.repeat(64);
const run = {
  profile: 'S1',
  verdict: 'PASS',
  complete: true,
  iterations: 2,
  iterations_planned: 2,
  window_s: 1800,
  market: { kind: 'mock', scenario: 'default', seed: 1, venue: 'default', queue_model: 'risk-averse', exchange_model: 'partial-fill', latency: { feed: 'constant:0', entry: 'lognormal:12:45', response: 'constant:0', feed_extra_ms: 0 } },
  metrics: { net_bps: 0.1, attempts: 10, executed: 9, blocked_by: { risk: 0, min_interval: 1, concurrency: 0, throttle: 0 }, fills: 3, places: 4, replaces: 2, cancels: 1, rejects: 0, markout_bps: { '1s': -0.2 } },
  samples: { unit: 'seed', n: 1 },
  intervals: {},
  gates: [{ metric: 'net_bps', op: '>', value: 0, kind: 'hard', actual: 0.1, pass: true, status: 'PASS' }],
  edge_policy: [],
  runtime_adjustments: [],
  profile_switches: [],
  applied_profile: { base_spread_bps: 1 },
  pnl_identity_gap: 0,
  audit: { lines: 10, head: H },
  metrics_sha256: H,
};
const problems = (raw: unknown) => {
  const r = soakRunSummarySchema.safeParse(raw);
  return r.success ? [] : describeIssues(r.error.issues, 'summary.json', raw, Object.keys(soakRunSummarySchema.shape));
};

describe('summary.json of a run: one strict schema', () => {
  it('takes what the soak writes (metrics beyond the named ones pass as numbers or tables)', () => {
    expect(problems(run)).toEqual([]);
  });

  it('a missing key is an error naming it, not a skipped check', () => {
    const { audit: _a, ...noAudit } = run;
    expect(problems(noAudit)).toEqual(['summary.json: key "audit" is missing (expected an object)']);
    const { places: _p, ...noPlaces } = run.metrics;
    expect(problems({ ...run, metrics: noPlaces })).toEqual(['summary.json: key "metrics.places" is missing (expected a number)']);
  });

  it('the audit record by --audit mode: off has no log; full (no mode) and fills carry length and head', () => {
    expect(problems({ ...run, audit: { mode: 'off' } })).toEqual([]);
    expect(problems({ ...run, audit: { mode: 'fills', lines: 3, head: H } })).toEqual([]);
    expect(problems({ ...run, audit: { mode: 'fills' } })).toEqual(['summary.json: key "audit" must carry lines and head (only --audit off has neither) (value {"mode":"fills"})']);
    expect(problems({ ...run, audit: { mode: 'none' } })[0]).toMatch(/^summary\.json: key "audit\.mode"/);
  });

  it('an unknown or mistyped key is an error, with the nearest known key', () => {
    expect(problems({ ...run, audti: 1 })).toEqual(['summary.json: unknown key "audti" (did you mean "audit"?)']);
    expect(problems({ ...run, metrics_sha256: 'abc' })).toEqual(['summary.json: key "metrics_sha256" must be a sha256 in hex (value "abc")']);
    expect(problems({ ...run, market: { ...run.market, kind: 'live' } })[0]).toMatch(/^summary\.json: key "market\.kind"/);
  });

  it("a multi-seed folder's summary: its own schema, at least one run", () => {
    const seeds = {
      profile: 'S1',
      verdict: 'PASS',
      complete: true,
      seeds: [1, 2],
      seeds_planned: 2,
      samples: { unit: 'seed', n: 2 },
      market: run.market,
      iterations_per_seed: 2,
      metrics: { net_bps: 0.1 },
      intervals: { net_bps: { mean: 0.1, lo: 0.05, hi: 0.15, n: 2, stdev: 0.01 } },
      gates: [],
      runs: [{ seed: 1, verdict: 'PASS', net_bps: 0.1, dir: 'seed-1' }],
    };
    expect(soakSeedsSummarySchema.safeParse(seeds).success).toBe(true);
    expect(soakSeedsSummarySchema.safeParse({ ...seeds, runs: [] }).success).toBe(false);
    // A run's dir is joined to the folder's path by readers (the report writes a page into it): seed-<n> only.
    expect(soakSeedsSummarySchema.safeParse({ ...seeds, runs: [{ ...seeds.runs[0], dir: '../elsewhere' }] }).success).toBe(false);
    expect(soakRunSummarySchema.safeParse(seeds).success).toBe(false);
  });
});

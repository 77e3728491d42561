import { loadGates } from '@mm-profiles/soak-runner';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanMetrics } from '@mm-profiles/soak-runner';
import { compareMetrics, compareRuns } from './compare-runs.js';

const gates = loadGates(join(import.meta.dirname, '../../../config/gates/soak.json'));
const run = (net_bps: number, hit_ratio = 0.8) => ({ net_bps, hit_ratio, latency_p95_ms: 40 });

describe('compareMetrics', () => {
  it('means, and the spread of the per-seed deltas (candidate - baseline)', () => {
    const c = compareMetrics([run(0), run(1), run(2)], [run(1), run(1), run(4)]);
    const net = c.find((x) => x.metric === 'net_bps')!;
    // Deltas 1, 0, 2: mean 1, s = 1, half = t(2) × 1/√3 = 4.302653 / 1.732051 = 2.484138.
    expect(net).toEqual({ metric: 'net_bps', baseline_mean: 1, candidate_mean: 2, delta_mean: 1, delta_min: 0, delta_max: 2, delta_stdev: 1, delta_lo: -1.484138, delta_hi: 3.484138 });
  });

  it('a metric missing in some run is left out rather than averaged over fewer seeds', () => {
    const c = compareMetrics([run(0), { net_bps: 1 }], [run(1), run(1)]);
    expect(c.map((x) => x.metric)).toEqual(['net_bps']);
    expect(meanMetrics([run(1), { net_bps: 3 }])).toEqual({ net_bps: 2 });
  });
});

describe('compareRuns decision (paired over the same seeds)', () => {
  const decide = (baseline: number[], candidate: number[], marginBps = 0) =>
    compareRuns({
      baselineName: 'base',
      candidateName: 'S1',
      baseline: baseline.map((x) => run(x)),
      candidate: candidate.map((x) => run(x)),
      gates,
      marginBps,
      subject: {},
    });

  // Deltas 1.0, 1.2, 0.8, 1.0: mean 1, s = √(0.08/3) = 0.163299, t(3) = 3.182446, half = 0.259849.
  it('PASS when the candidate is better with confidence', () => {
    const r = decide([0, 0, 0, 0], [1, 1.2, 0.8, 1]);
    expect(r.verdict).toBe('PASS');
    expect(r.reasons).toEqual([]);
    expect(r.paired!.decision).toBe('PASS');
    expect(r.paired!.delta.lo).toBeCloseTo(1 - 0.259849, 5);
    expect(r.paired!.delta.hi).toBeCloseTo(1 + 0.259849, 5);
    const net = r.comparison!.find((c) => c.metric === 'net_bps')!;
    expect([net.delta_lo, net.delta_hi]).toEqual([r.paired!.delta.lo, r.paired!.delta.hi]);
  });

  it('FAIL when the candidate is worse with confidence (deltas −0.5 ± 0.26), though its own net edge is positive', () => {
    const r = decide([1, 1, 1, 1], [0.5, 0.7, 0.3, 0.5], 0.05);
    expect(r.verdict).toBe('FAIL');
    expect(r.paired!.delta.hi).toBeCloseTo(-0.5 + 0.259849, 5);
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatch(/^candidate S1 is worse than the baseline base on net_bps with confidence: paired delta -0\.5000 \[-0\.7598, -0\.2402\]/);
    expect(r.gates.find((g) => g.metric === 'net_bps')!.status).toBe('PASS');
  });

  it('INCONCLUSIVE when the delta interval straddles, with the seeds the spread would need', () => {
    // Deltas 0.3, −0.1, 0.2, 0: mean 0.1, s = √(0.1/3) = 0.182574, half = 3.182446 × 0.182574 / 2 = 0.290511.
    // Seeds needed for t(n−1)·s/√n < 0.1: n = 15 gives 2.145 × 0.182574 / 3.873 = 0.1011, n = 16 gives 2.131 × 0.182574 / 4 = 0.0973.
    const r = decide([2, 2, 2, 2], [2.3, 1.9, 2.2, 2]);
    expect(r.verdict).toBe('INCONCLUSIVE');
    expect(r.paired!.delta.lo).toBeCloseTo(0.1 - 0.290511, 5);
    expect(r.paired!.samples_needed).toBe(16);
    expect(r.reasons[0]).toMatch(/cannot tell .* straddles −0; at this spread about 16 seeds would decide/);
  });

  it('the margin is an allowed regression: confidently within it passes, beyond it fails', () => {
    // Deltas −0.03, −0.025, −0.035: s = 0.005, half = 4.302653 × 0.005/√3 = 0.012421; lo = −0.042421 ≥ −0.05.
    expect(decide([1, 1, 1], [0.97, 0.975, 0.965], 0.05).verdict).toBe('PASS');
    // Twice the spread: half 0.024841, lo = −0.054841 < −0.05 and hi = −0.005159 > −0.05: cannot tell.
    expect(decide([1, 1, 1], [0.97, 0.98, 0.96], 0.05).verdict).toBe('INCONCLUSIVE');
    expect(decide([0.5], [0.46], 0.05).verdict).toBe('PASS');
    expect(decide([0.5], [0.4], 0.05).verdict).toBe('FAIL');
  });

  it('fails a candidate that is better but breaks a hard gate with confidence', () => {
    const r = decide([-0.5, -0.3, -0.4], [-0.2, -0.1, -0.15]);
    expect(r.paired!.decision).toBe('PASS');
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toEqual([expect.stringMatching(/^candidate S1 breaks hard gate net_bps > 0: net_bps -0\.15 \[.*\] <= 0 \(n=3\)/)]);
  });
});

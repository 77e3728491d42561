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
    expect(net).toEqual({ metric: 'net_bps', baseline_mean: 1, candidate_mean: 2, delta_mean: 1, delta_min: 0, delta_max: 2, delta_stdev: 1 });
  });

  it('a metric missing in some run is left out rather than averaged over fewer seeds', () => {
    const c = compareMetrics([run(0), { net_bps: 1 }], [run(1), run(1)]);
    expect(c.map((x) => x.metric)).toEqual(['net_bps']);
    expect(meanMetrics([run(1), { net_bps: 3 }])).toEqual({ net_bps: 2 });
  });
});

describe('compareRuns decision', () => {
  const decide = (baseline: number[], candidate: number[], marginBps = 0.05) =>
    compareRuns({
      baselineName: 'base',
      candidateName: 'S1',
      baseline: baseline.map((x) => run(x)),
      candidate: candidate.map((x) => run(x)),
      gates,
      marginBps,
      subject: {},
    });

  it('passes a candidate better on net bps that holds the hard gates', () => {
    const r = decide([-0.1, 0.0], [0.2, 0.3]);
    expect(r.verdict).toBe('PASS');
    expect(r.reasons).toEqual([]);
  });

  it('allows a regression within the margin, fails beyond it', () => {
    expect(decide([0.5], [0.46]).verdict).toBe('PASS');
    const r = decide([0.5], [0.4]);
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons[0]).toBe('candidate S1 is worse than the baseline base on net_bps by 0.1 bps (mean over 1 seed(s): 0.4 vs 0.5; margin 0.05)');
  });

  it('fails a candidate that is better but breaks a hard gate (on the mean over seeds)', () => {
    const r = decide([-0.5, -0.3], [-0.2, 0.1]);
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toEqual(['candidate S1 breaks hard gate net_bps > 0 (mean over seeds: -0.05)']);
  });
});

import { describe, expect, it } from 'vitest';
import { intervalsOf, sampledMetricNames, windowSamples } from './soak-samples.js';

describe('what a soak samples', () => {
  it('net edge and every hard-gated metric, each once; soft gates need no interval', () => {
    expect(
      sampledMetricNames({
        hard: [
          { metric: 'hit_ratio', op: '>=', value: 0.7 },
          { metric: 'net_bps', op: '>', value: 0 },
          { metric: 'latency_p95_ms', op: '<=', value: 150 },
        ],
        soft: [{ metric: 'cancel_ratio', op: '<=', value: 0.55 }],
      }),
    ).toEqual(['net_bps', 'hit_ratio', 'latency_p95_ms']);
    expect(sampledMetricNames({ hard: [], soft: [] })).toEqual(['net_bps']);
  });

  it('a replay window is a sample when it is complete and has at least one fill', () => {
    const windows = [
      { iteration: 1, complete: 1, fills: 3 },
      { iteration: 2, complete: 1, fills: 0 },
      { iteration: 3, complete: 0, fills: 5 },
      { iteration: 4, complete: 1 },
      { iteration: 5, complete: 1, fills: '2' },
      { iteration: 6, complete: true, fills: 2 },
      { iteration: 7, complete: 1, fills: 1 },
    ];
    expect(windowSamples(windows).map((w) => w['iteration'])).toEqual([1, 7]);
  });

  it('an interval per metric over the samples holding it as a finite number, rounded to 6 decimals', () => {
    const samples = [
      { net_bps: 1, hit_ratio: 0.9 },
      { net_bps: 2, hit_ratio: Number.NaN },
      { net_bps: 3, hit_ratio: 'x' },
      { net_bps: 4 },
    ];
    const iv = intervalsOf(samples, ['net_bps', 'hit_ratio', 'latency_p95_ms']);
    // net_bps: mean 2.5, s = sqrt(5/3) = 1.290994; half = t(3) 3.182446 x 1.290994 / 2 = 2.054260.
    expect(iv['net_bps']).toEqual({ mean: 2.5, lo: 0.44574, hi: 4.55426, n: 4, stdev: 1.290994 });
    // hit_ratio: one finite sample, the point; latency_p95_ms: none, no interval.
    expect(iv['hit_ratio']).toEqual({ mean: 0.9, lo: 0.9, hi: 0.9, n: 1, stdev: 0 });
    expect(Object.keys(iv)).toEqual(['net_bps', 'hit_ratio']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatInterval, meanInterval, pairedInterval, ratioInterval, sampleMean, sampleStdev, samplesNeeded, tCritical } from './confidence.js';

// Student's t quantiles t(0.975, dof) from a printed table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
const T_TABLE: Record<number, number> = { 1: 12.706, 4: 2.776, 9: 2.262, 16: 2.12, 17: 2.11, 19: 2.093 };

describe('tCritical', () => {
  it('matches the printed t table', () => {
    for (const [dof, t] of Object.entries(T_TABLE)) expect(tCritical(Number(dof))).toBeCloseTo(t, 3);
  });
});

describe('meanInterval', () => {
  it('is mean ± t·s/√n, worked by hand for 1..5', () => {
    // mean 3; s² = (4+1+0+1+4)/4 = 2.5; s/√5 = √0.5 = 0.707107; half = 2.776445 × 0.707107 = 1.963243.
    const i = meanInterval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.n).toBe(5);
    expect(i.stdev).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(i.lo).toBeCloseTo(3 - 1.963243, 5);
    expect(i.hi).toBeCloseTo(3 + 1.963243, 5);
  });

  it('two samples: the half-width is t(1) = 12.706 times s/√2 = |a - b|/2', () => {
    const i = meanInterval([0, 2]);
    expect(i.lo).toBeCloseTo(1 - 12.7062, 3);
    expect(i.hi).toBeCloseTo(1 + 12.7062, 3);
    // Two samples already have an interval to show.
    expect(formatInterval(i)).toBe('1.000 [-11.706, 13.706] (95% CI, n=2)');
    expect(formatInterval(i, 1)).toBe('1.0 [-11.7, 13.7] (95% CI, n=2)');
  });

  it('one sample is the point itself, without spread', () => {
    expect(meanInterval([0.4])).toEqual({ mean: 0.4, lo: 0.4, hi: 0.4, n: 1, stdev: 0 });
    expect(formatInterval(meanInterval([0.4]))).toBe('0.400 (n=1, no interval)');
  });

  it('refuses no samples', () => {
    expect(() => meanInterval([])).toThrow(/at least one/);
  });
});

describe('pairedInterval', () => {
  it('is the interval of the per-sample differences, not of the two means', () => {
    // Baselines vary a lot, the differences are 1, 1.5, 0.5: mean 1, s = 0.5, half = 4.302653 × 0.5/√3 = 1.242069.
    const i = pairedInterval([10, -20, 35], [11, -18.5, 35.5]);
    expect(i.mean).toBeCloseTo(1, 12);
    expect(i.stdev).toBeCloseTo(0.5, 12);
    expect(i.lo).toBeCloseTo(1 - 1.242069, 5);
    expect(i.hi).toBeCloseTo(1 + 1.242069, 5);
  });

  it('refuses samples that are not paired', () => {
    expect(() => pairedInterval([1, 2], [1])).toThrow(/differ in length/);
  });
});

describe('samplesNeeded', () => {
  it('is the first n with t(n-1)·s/√n below the distance (s = 1, distance 0.5: n = 18 by the t table)', () => {
    // n = 17: 2.120/√17 = 0.514 > 0.5; n = 18: 2.110/√18 = 0.497 < 0.5.
    expect(samplesNeeded(1, 0.5)).toBe(18);
    expect(samplesNeeded(1, -0.5)).toBe(18);
  });
  it('scales with spread over distance, by the t table', () => {
    // s = 1, distance 1.4: n = 4 gives t(3)/2 = 3.182/2 = 1.591 >= 1.4; n = 5 gives t(4)/sqrt(5) = 2.776/2.236 = 1.242.
    expect(samplesNeeded(1, 1.4)).toBe(5);
    // Only s/distance matters: s = 2, distance 1 is the s = 1, distance 0.5 case.
    expect(samplesNeeded(2, 1)).toBe(18);
    // t(n-1)/sqrt(n) < 0.2: n = 98 gives 1.9847/9.899 = 0.2005, n = 99 gives 1.9845/9.950 = 0.1994.
    expect(samplesNeeded(10, 2)).toBe(99);
    // Two samples already suffice: t(1) x 0.1/sqrt(2) = 0.898 < 2.
    expect(samplesNeeded(0.1, 2)).toBe(2);
  });
  it('a half-width exactly at the distance is not below it: one more sample', () => {
    // At n = 10 the half-width t(9)·1/√10 (2.262/3.162 = 0.715) is the distance itself, to the last bit: n = 11.
    const d = (tCritical(9) * 1) / Math.sqrt(10);
    expect(samplesNeeded(1, d)).toBe(11);
    expect(samplesNeeded(1, d * (1 + 1e-12))).toBe(10);
  });
  it('past maxN there is no answer (Infinity); maxN itself is allowed', () => {
    expect(samplesNeeded(1, 0.5, 0.95, 17)).toBe(Infinity);
    expect(samplesNeeded(1, 0.5, 0.95, 18)).toBe(18);
  });
  it('has no answer without spread, and none when the mean sits on the threshold', () => {
    expect(samplesNeeded(0, 1)).toBeNull();
    expect(samplesNeeded(1, 0)).toBe(Infinity);
  });
});

describe('ratioInterval', () => {
  it('the ratio of sums and its delta-method interval, by hand; clusters without weight left out', () => {
    // W = 2, 6, 4 over N = 1, 2, 1 (a fourth block with no weight): mean 12/4 = 3; residuals -1, 0, 1;
    // se = √(3/2 · 2) / 4 = √3/4; t(0.975, 2) = 4.302653; half = 1.863103.
    const iv = ratioInterval([2, 6, 4, 0], [1, 2, 1, 0])!;
    expect(iv.n).toBe(3);
    expect(iv.mean).toBe(3);
    expect(iv.lo).toBeCloseTo(3 - 1.863103, 5);
    expect(iv.hi).toBeCloseTo(3 + 1.863103, 5);
    // The per-cluster spread: se·√n = √3/4 · √3 = 0.75.
    expect(iv.stdev).toBeCloseTo(0.75, 12);
  });

  it('two clusters get an interval (t with one degree of freedom); a weightless cluster adds no residual', () => {
    // W = 2, 4 over N = 1, 1 (and W = 7 over N = 0, left out): mean 3; residuals -1, 1; se = √(2/1 · 2) / 2 = 1;
    // half = t(0.975, 1) · 1 = 12.706; stdev = se·√2.
    const iv = ratioInterval([2, 4, 7], [1, 1, 0])!;
    expect([iv.n, iv.mean]).toEqual([2, 3]);
    expect(iv.lo).toBeCloseTo(3 - 12.7062, 3);
    expect(iv.hi).toBeCloseTo(3 + 12.7062, 3);
    expect(iv.stdev).toBeCloseTo(Math.SQRT2, 12);
  });

  it('with equal weights it is the t interval of the mean', () => {
    const xs = [0.3, -1.2, 2.5, 0.7, 1.1];
    const a = ratioInterval(xs, xs.map(() => 1))!;
    const b = meanInterval(xs);
    expect(a.mean).toBeCloseTo(b.mean, 12);
    expect(a.lo).toBeCloseTo(b.lo, 12);
    expect(a.hi).toBeCloseTo(b.hi, 12);
    expect(a.stdev).toBeCloseTo(b.stdev, 12);
  });

  it('no weight: null; one cluster: the point', () => {
    expect(ratioInterval([1, 2], [0, 0])).toBeNull();
    expect(ratioInterval([5], [2])).toEqual({ mean: 2.5, lo: 2.5, hi: 2.5, n: 1, stdev: 0 });
  });
});

describe('sampleMean and sampleStdev', () => {
  it('the n - 1 standard deviation, by hand; 0 for fewer than two samples', () => {
    // mean 5; squares 9 + 1 + 1 + 9 = 20; 20 / 3
    expect(sampleMean([2, 4, 6, 8])).toBe(5);
    expect(sampleStdev([2, 4, 6, 8])).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(sampleStdev([5])).toBe(0);
    expect(sampleStdev([])).toBe(0);
  });
});

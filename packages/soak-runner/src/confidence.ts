/**
 * Confidence intervals for the mean of samples (seeds, or seeds x windows on replay): Student's t for small n,
 * the quantile from jstat. A sample of one has no spread, so its interval is the point itself (n = 1) and
 * judgements on it are as on a single run. Pure.
 */
import jstat from 'jstat';
import { roundDecimal } from '@mm-profiles/profile-core';

// CommonJS: plain Node (dist/ loaded by the benchmarks) has no named export, only module.exports.
const { jStat } = jstat;

/** What every report shows of an interval: keep it this small (report renderers read it as is). */
export interface Interval {
  mean: number;
  /** Lower and upper bound of the two-sided interval at `CONFIDENCE`. */
  lo: number;
  hi: number;
  n: number;
  /** Sample standard deviation (n - 1); 0 when n < 2. */
  stdev: number;
}

/** Two-sided confidence level of every interval. */
export const CONFIDENCE = 0.95;

/** The t quantile for a two-sided interval at `level` with `dof` degrees of freedom. */
export function tCritical(dof: number, level = CONFIDENCE): number {
  return jStat.studentt.inv(1 - (1 - level) / 2, dof);
}

export function sampleMean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function sampleStdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = sampleMean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** mean ± t(n-1) · s/√n; exact bounds (round with `roundInterval` for artifacts). Throws on no samples. */
export function meanInterval(xs: readonly number[], level = CONFIDENCE): Interval {
  if (xs.length === 0) throw new Error('an interval needs at least one sample');
  const mean = sampleMean(xs);
  const stdev = sampleStdev(xs);
  if (xs.length < 2) return { mean, lo: mean, hi: mean, n: xs.length, stdev: 0 };
  const half = (tCritical(xs.length - 1, level) * stdev) / Math.sqrt(xs.length);
  return { mean, lo: mean - half, hi: mean + half, n: xs.length, stdev };
}

/** Candidate minus baseline, sample by sample (same seeds and windows, same order), and its interval. */
export function pairedInterval(baseline: readonly number[], candidate: readonly number[], level = CONFIDENCE): Interval {
  if (baseline.length !== candidate.length) throw new Error(`paired samples differ in length: ${baseline.length} vs ${candidate.length}`);
  return meanInterval(
    candidate.map((c, i) => c - baseline[i]!),
    level,
  );
}

/**
 * The smallest n whose interval half-width, at the observed spread, is below `distance` (how far the mean is
 * from the threshold that would decide). Infinity when the mean sits on the threshold; null without spread.
 */
export function samplesNeeded(stdev: number, distance: number, level = CONFIDENCE, maxN = 1_000_000): number | null {
  if (!(stdev > 0)) return null;
  const d = Math.abs(distance);
  if (d === 0) return Infinity;
  // t > z, so the normal approximation is a lower bound to start from.
  let n = Math.max(2, Math.ceil(((tCritical(1e9, level) * stdev) / d) ** 2));
  while (n <= maxN && (tCritical(n - 1, level) * stdev) / Math.sqrt(n) >= d) n += 1;
  return n <= maxN ? n : Infinity;
}

/**
 * A ratio mean ΣW/ΣN over clusters (blocks of a run: W a block's weighted sum, N its weight) and its interval by
 * the delta method: residuals r = W - mean·N, se = √(n/(n-1) Σr²) / ΣN, mean ± t(n-1)·se, n the clusters with
 * weight. Clusters stand in for independent samples where single observations are not (overlapping markouts).
 * Null without weight; with one cluster the interval is the point (n = 1).
 */
export function ratioInterval(weighted: readonly number[], weights: readonly number[], level = CONFIDENCE): Interval | null {
  let sw = 0;
  let sn = 0;
  let n = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i]! > 0)) continue;
    sw += weighted[i]!;
    sn += weights[i]!;
    n += 1;
  }
  if (n === 0) return null;
  const mean = sw / sn;
  if (n < 2) return { mean, lo: mean, hi: mean, n, stdev: 0 };
  let ss = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) ss += (weighted[i]! - mean * weights[i]!) ** 2;
  const se = Math.sqrt((n / (n - 1)) * ss) / sn;
  const half = tCritical(n - 1, level) * se;
  // stdev: the per-cluster spread of the mean's estimate, se·√n.
  return { mean, lo: mean - half, hi: mean + half, n, stdev: se * Math.sqrt(n) };
}

export function roundInterval(i: Interval, decimals = 6): Interval {
  const r = (x: number) => roundDecimal(x, decimals);
  return { mean: r(i.mean), lo: r(i.lo), hi: r(i.hi), n: i.n, stdev: r(i.stdev) };
}

/** `0.12 [−0.03, 0.27] (n=20)`: the console form. */
export function formatInterval(i: Interval, digits = 3): string {
  if (i.n < 2) return `${i.mean.toFixed(digits)} (n=${i.n}, no interval)`;
  return `${i.mean.toFixed(digits)} [${i.lo.toFixed(digits)}, ${i.hi.toFixed(digits)}] (95% CI, n=${i.n})`;
}

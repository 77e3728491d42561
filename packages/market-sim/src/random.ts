/**
 * Seeded randomness for the simulator: pure-rand's xoroshiro128+ (the generator fast-check uses) with the few
 * distributions a market model needs. Same seed -> same sequence, on any machine.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const TWO_POW_32 = 4294967296;

export class Random {
  private readonly gen: ReturnType<typeof xoroshiro128plus>;
  private spareNormal = NaN;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
    // Skip the first outputs: xoroshiro's start from a small seed is poorly mixed.
    for (let i = 0; i < 16; i++) this.gen.next();
  }

  /** Uniform in (0, 1), never 0 or 1; 32 bits of resolution, plenty for a market model and twice as fast as 53. */
  uniform(): number {
    return ((this.gen.next() >>> 0) + 0.5) / TWO_POW_32;
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /** Standard normal, Box-Muller with the second value kept for the next call. */
  normal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = NaN;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/** z(0.95) for a one-sided 95th percentile. */
export const Z95 = 1.6448536269514722;

export function lognormalSigma(median: number, p95: number): number {
  return p95 > median ? Math.log(p95 / median) / Z95 : 0;
}

/**
 * The standard normal quantile, Acklam's rational approximation (relative error < 1.2e-9): ample for tables
 * of sizes, and deterministic everywhere.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < lo ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

const SAMPLER_STEPS = 4096;

/**
 * A log-normal (given by median and p95) drawn by inverse transform over a table of its quantiles, linear
 * between 4097 points: one uniform and a lookup per draw instead of a normal and an exp, which is most of the
 * synthetic market's cost per quote. The tails beyond about the 1/8000 quantiles are cut (|z| < 3.7).
 */
export class LognormalSampler {
  private readonly table = new Float64Array(SAMPLER_STEPS + 1);

  constructor(median: number, p95: number) {
    const sigma = lognormalSigma(median, p95);
    for (let i = 0; i <= SAMPLER_STEPS; i++) {
      this.table[i] = median * Math.exp(sigma * normalQuantile((i + 0.5) / (SAMPLER_STEPS + 1)));
    }
  }

  sample(rng: Random): number {
    const x = rng.uniform() * SAMPLER_STEPS;
    const i = x | 0;
    const lo = this.table[i]!;
    return lo + (this.table[i + 1]! - lo) * (x - i);
  }
}

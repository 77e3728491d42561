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

  /** Log-normal given by its median and 95th percentile. */
  lognormal(median: number, p95: number): number {
    return median * Math.exp(this.normal() * lognormalSigma(median, p95));
  }
}

/** z(0.95) for a one-sided 95th percentile. */
export const Z95 = 1.6448536269514722;

export function lognormalSigma(median: number, p95: number): number {
  return p95 > median ? Math.log(p95 / median) / Z95 : 0;
}

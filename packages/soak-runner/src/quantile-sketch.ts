/**
 * A mergeable quantile sketch with a relative error bound (the DDSketch construction: logarithmic buckets of
 * ratio γ = (1+α)/(1−α), one store per sign, an exact zero bucket). A run's percentiles come from it, so memory
 * is bounded by the range of the values, not the number of samples; each window's own percentiles stay exact
 * (percentile.ts over that window's samples).
 *
 * Bound: every order statistic it returns is within α·|x| of the exact one x (same sign); the type-7
 * interpolation between two neighbours x_lo, x_hi at fraction f is then within α·((1−f)|x_lo| + f|x_hi|) of the
 * exact percentile. Values with |x| < MIN_ABS fall in the zero bucket (absolute error < MIN_ABS). Each bucket also
 * keeps its least and greatest value: its first and last order statistics are exact, and the others are the
 * bucket's representative clamped to them (never further from the truth) — so a constant, the minimum and the
 * maximum come back exactly.
 */

/** The relative accuracy of a run's percentiles. */
export const SKETCH_ALPHA = 1e-4;
/** Below this magnitude a value counts as zero. */
export const MIN_ABS = 1e-9;

interface Bucket {
  c: number;
  lo: number;
  hi: number;
}

export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly pos = new Map<number, Bucket>();
  private readonly neg = new Map<number, Bucket>();
  private readonly zero: Bucket = { c: 0, lo: Infinity, hi: -Infinity };
  count = 0;

  constructor(readonly alpha = SKETCH_ALPHA) {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`sketch accuracy must be in (0, 1), got ${alpha}`);
    this.gamma = (1 + alpha) / (1 - alpha);
    this.logGamma = Math.log(this.gamma);
  }

  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`a sketch cannot hold ${x}`);
    this.count += 1;
    const a = Math.abs(x);
    let b: Bucket | undefined;
    if (a < MIN_ABS) b = this.zero;
    else {
      // Bucket k holds (γ^(k−1), γ^k].
      const k = Math.ceil(Math.log(a) / this.logGamma);
      const store = x > 0 ? this.pos : this.neg;
      b = store.get(k);
      if (!b) store.set(k, (b = { c: 0, lo: Infinity, hi: -Infinity }));
    }
    b.c += 1;
    if (x < b.lo) b.lo = x;
    if (x > b.hi) b.hi = x;
  }

  addAll(xs: ArrayLike<number>, n = xs.length): void {
    for (let i = 0; i < n; i++) this.add(xs[i]!);
  }

  /** Buckets in use (the sketch's size). */
  get buckets(): number {
    return this.pos.size + this.neg.size + (this.zero.c ? 1 : 0);
  }

  /** Adds another sketch's counts (same α). */
  merge(o: QuantileSketch): void {
    if (o.alpha !== this.alpha) throw new RangeError('sketches of different accuracy cannot merge');
    const into = (to: Bucket, from: Bucket) => {
      to.c += from.c;
      to.lo = Math.min(to.lo, from.lo);
      to.hi = Math.max(to.hi, from.hi);
    };
    for (const [mine, theirs] of [
      [this.pos, o.pos],
      [this.neg, o.neg],
    ] as const) {
      for (const [k, b] of theirs) {
        const t = mine.get(k);
        if (t) into(t, b);
        else mine.set(k, { ...b });
      }
    }
    into(this.zero, o.zero);
    this.count += o.count;
  }

  /** The bucket's value with the least relative error over (γ^(k−1), γ^k]. */
  private value(k: number): number {
    return (2 * Math.exp(k * this.logGamma)) / (this.gamma + 1);
  }

  /** Buckets in ascending value order: negatives from the largest magnitude, zero, then positives. */
  private ascending(): (Bucket & { v: number })[] {
    const out: (Bucket & { v: number })[] = [];
    for (const k of [...this.neg.keys()].sort((a, b) => b - a)) out.push({ ...this.neg.get(k)!, v: -this.value(k) });
    if (this.zero.c) out.push({ ...this.zero, v: 0 });
    for (const k of [...this.pos.keys()].sort((a, b) => a - b)) out.push({ ...this.pos.get(k)!, v: this.value(k) });
    return out;
  }

  /** The q-quantile as percentile.ts defines it (type 7), from the buckets; 0 when empty. */
  quantile(q: number): number {
    const n = this.count;
    if (n === 0) return 0;
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const buckets = this.ascending();
    const at = (rank: number): number => {
      let seen = 0;
      for (const b of buckets) {
        if (rank < seen + b.c) {
          const j = rank - seen;
          // The bucket's first and last are known exactly; the rest lie between them.
          if (j === 0) return b.lo;
          if (j === b.c - 1) return b.hi;
          return Math.min(b.hi, Math.max(b.lo, b.v));
        }
        seen += b.c;
      }
      return buckets[buckets.length - 1]!.hi;
    };
    const low = at(lo);
    if (lo + 1 >= n) return low;
    return low + (at(lo + 1) - low) * (pos - lo);
  }
}

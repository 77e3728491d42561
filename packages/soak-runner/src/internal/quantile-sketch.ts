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

/** Buckets per page of a store. */
const PAGE = 256;

/**
 * One sign's buckets, by index k: pages of PAGE consecutive buckets as columns of one Float64Array (counts,
 * least, greatest), made where values fall. 24 bytes per bucket of the values' range, no object per bucket:
 * a Map of bucket objects cost ~5x that and a V8 heap that grew with the run.
 */
class BucketStore {
  private readonly pages = new Map<number, Float64Array>();
  private lastKey = NaN;
  private last: Float64Array | undefined;
  /** Buckets with a count. */
  used = 0;

  add(k: number, x: number): void {
    this.put(k, 1, x, x);
  }

  /** Adds `c` values whose least is `lo` and greatest `hi` to bucket k. */
  put(k: number, c: number, lo: number, hi: number): void {
    // Division, not a shift: k leaves int32 when α is tiny.
    const key = Math.floor(k / PAGE);
    let page = this.last;
    if (key !== this.lastKey) {
      page = this.pages.get(key);
      if (!page) {
        page = new Float64Array(3 * PAGE);
        page.fill(Infinity, PAGE, 2 * PAGE);
        page.fill(-Infinity, 2 * PAGE);
        this.pages.set(key, page);
      }
      this.lastKey = key;
      this.last = page;
    }
    const i = k - key * PAGE;
    if (page![i] === 0) this.used += 1;
    page![i]! += c;
    if (lo < page![PAGE + i]!) page![PAGE + i] = lo;
    if (hi > page![2 * PAGE + i]!) page![2 * PAGE + i] = hi;
  }

  /** Calls `f` for every bucket with a count, k ascending (or descending). */
  each(f: (k: number, c: number, lo: number, hi: number) => void, descending = false): void {
    const keys = [...this.pages.keys()].sort((a, b) => (descending ? b - a : a - b));
    for (const key of keys) {
      const page = this.pages.get(key)!;
      for (let j = 0; j < PAGE; j++) {
        const i = descending ? PAGE - 1 - j : j;
        if (page[i]! > 0) f(key * PAGE + i, page[i]!, page[PAGE + i]!, page[2 * PAGE + i]!);
      }
    }
  }
}

export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly pos = new BucketStore();
  private readonly neg = new BucketStore();
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
    if (a < MIN_ABS) {
      const b = this.zero;
      b.c += 1;
      if (x < b.lo) b.lo = x;
      if (x > b.hi) b.hi = x;
      return;
    }
    // Bucket k holds (γ^(k−1), γ^k].
    const k = Math.ceil(Math.log(a) / this.logGamma);
    (x > 0 ? this.pos : this.neg).add(k, x);
  }

  addAll(xs: ArrayLike<number>, n = xs.length): void {
    for (let i = 0; i < n; i++) this.add(xs[i]!);
  }

  /** Buckets in use (the sketch's size). */
  get buckets(): number {
    return this.pos.used + this.neg.used + (this.zero.c ? 1 : 0);
  }

  /** Adds another sketch's counts (same α). */
  merge(o: QuantileSketch): void {
    if (o.alpha !== this.alpha) throw new RangeError('sketches of different accuracy cannot merge');
    o.pos.each((k, c, lo, hi) => this.pos.put(k, c, lo, hi));
    o.neg.each((k, c, lo, hi) => this.neg.put(k, c, lo, hi));
    const to = this.zero;
    to.c += o.zero.c;
    to.lo = Math.min(to.lo, o.zero.lo);
    to.hi = Math.max(to.hi, o.zero.hi);
    this.count += o.count;
  }

  /** The bucket's value with the least relative error over (γ^(k−1), γ^k]. */
  private value(k: number): number {
    return (2 * Math.exp(k * this.logGamma)) / (this.gamma + 1);
  }

  /** Buckets in ascending value order: negatives from the largest magnitude, zero, then positives. */
  private ascending(): (Bucket & { v: number })[] {
    const out: (Bucket & { v: number })[] = [];
    this.neg.each((k, c, lo, hi) => out.push({ c, lo, hi, v: -this.value(k) }), true);
    if (this.zero.c) out.push({ ...this.zero, v: 0 });
    this.pos.each((k, c, lo, hi) => out.push({ c, lo, hi, v: this.value(k) }));
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

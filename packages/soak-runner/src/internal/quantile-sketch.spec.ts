import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.js';
import { MIN_ABS, QuantileSketch, SKETCH_ALPHA } from './quantile-sketch.js';

/** The bound the sketch states, from the exact neighbours of the type-7 position. */
function bound(xs: number[], q: number, alpha: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const f = pos - lo;
  const hi = Math.min(lo + 1, s.length - 1);
  return alpha * ((1 - f) * Math.abs(s[lo]!) + f * Math.abs(s[hi]!)) + MIN_ABS;
}

const QS = [0, 0.01, 0.5, 0.95, 0.99, 1];

describe('QuantileSketch', () => {
  it('every percentile within the stated bound of the exact one (generated samples, both signs, zeros)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0), fc.double({ min: 1e-6, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 400 }),
        (xs) => {
          const sk = new QuantileSketch();
          sk.addAll(xs);
          for (const q of QS) expect(Math.abs(sk.quantile(q) - percentile(xs, q))).toBeLessThanOrEqual(bound(xs, q, SKETCH_ALPHA) * (1 + 1e-9));
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });

  it('exact at a bucket\'s ends (a constant, the minimum, the maximum); inside a bucket only within the bound', () => {
    const constant = new QuantileSketch();
    constant.addAll([200, 200, 200, 200]);
    for (const q of QS) expect(constant.quantile(q)).toBe(200);
    // 100, 100.3, 100.6 share one 1% bucket: its ends are exact, its middle is the representative (not 100.3).
    const sk = new QuantileSketch(0.01);
    sk.addAll([100.6, 100, 100.3]);
    expect(sk.quantile(0)).toBe(100);
    expect(sk.quantile(1)).toBe(100.6);
    const mid = sk.quantile(0.5);
    expect(mid).not.toBe(100.3);
    expect(Math.abs(mid - 100.3)).toBeLessThanOrEqual(0.01 * 100.3);
  });

  it('merging window sketches gives the run sketch of all their samples', () => {
    const windows = [
      [1, 2, 3, 40.5],
      [-7, 0, 12.25],
      [5e-3, 800, 801],
    ];
    const run = new QuantileSketch();
    const merged = new QuantileSketch();
    for (const w of windows) {
      run.addAll(w);
      const ws = new QuantileSketch();
      ws.addAll(w);
      merged.merge(ws);
    }
    for (const q of QS) expect(merged.quantile(q)).toBe(run.quantile(q));
    expect(merged.count).toBe(10);
  });

  it('memory is bounded by the range of values, not their number: a million samples of a fixed range', () => {
    const sk = new QuantileSketch();
    // Deterministic values spread over [1, 1000) ms.
    for (let i = 0; i < 1_000_000; i++) sk.add(1 + ((i * 7919) % 999_000) / 1000);
    // ln(1000)/ln(γ) buckets at most, γ = (1+α)/(1-α).
    const maxBuckets = Math.ceil(Math.log(1000) / Math.log((1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA))) + 1;
    expect(sk.buckets).toBeLessThanOrEqual(maxBuckets);
    expect(sk.count).toBe(1_000_000);
  });

  it('values far apart in magnitude and sign, at any accuracy: the ends exact, the counts all there', () => {
    for (const alpha of [SKETCH_ALPHA, 0.01, 1e-12]) {
      const xs = [1e-8, 3, 3.5, 1e300, -1e-5, -2e250, 0, 42, 7];
      const sk = new QuantileSketch(alpha);
      sk.addAll(xs);
      const half = new QuantileSketch(alpha);
      half.addAll(xs.slice(0, 4));
      const rest = new QuantileSketch(alpha);
      rest.addAll(xs.slice(4));
      half.merge(rest);
      expect(sk.quantile(0)).toBe(-2e250);
      expect(sk.quantile(1)).toBe(1e300);
      // Of the 9 sorted, rank 2 (the 2/8 quantile) is the zero; rank 3 the 1e-8, alone in its bucket.
      expect(sk.quantile(2 / 8)).toBe(0);
      expect(sk.quantile(3 / 8)).toBe(1e-8);
      for (const q of QS) expect(half.quantile(q)).toBe(sk.quantile(q));
      expect(sk.count).toBe(9);
      // No two values within a bucket's ratio of each other: one bucket each, the zero's included.
      expect(sk.buckets).toBe(9);
    }
  });

  it('empty: 0, as percentile() of nothing; refuses NaN and infinities', () => {
    expect(new QuantileSketch().quantile(0.95)).toBe(0);
    expect(() => new QuantileSketch().add(NaN)).toThrow(RangeError);
    expect(() => new QuantileSketch().add(Infinity)).toThrow(RangeError);
  });

  it('refuses an accuracy outside (0, 1) and a merge of different accuracies, saying why', () => {
    for (const a of [0, 1, -0.1, NaN]) expect(() => new QuantileSketch(a)).toThrow(new RangeError(`sketch accuracy must be in (0, 1), got ${a}`));
    expect(new QuantileSketch(0.5).alpha).toBe(0.5);
    expect(() => new QuantileSketch(0.01).merge(new QuantileSketch(0.02))).toThrow(new RangeError('sketches of different accuracy cannot merge'));
    expect(() => new QuantileSketch().add(-Infinity)).toThrow(new RangeError('a sketch cannot hold -Infinity'));
  });
});

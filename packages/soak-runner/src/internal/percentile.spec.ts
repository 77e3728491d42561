import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.js';

/** The definition: sort, then interpolate between the order statistics around (n - 1) q. */
function reference(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

describe('percentile', () => {
  it('known values (NumPy\'s default): p50 of 1..4 is 2.5, p95 of 1..10 is 9.55', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.95)).toBeCloseTo(9.55, 12);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('matches sort-and-interpolate on random, sorted, reversed and tied inputs, without touching the input', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const inputs = [
      Array.from({ length: 1001 }, () => rnd() * 100),
      Array.from({ length: 500 }, (_, i) => i),
      Array.from({ length: 500 }, (_, i) => -i),
      Array.from({ length: 777 }, () => Math.floor(rnd() * 5)),
      [3, 3, 3, 3],
    ];
    for (const xs of inputs) {
      const copy = [...xs];
      // (+ 0 folds -0 into 0: the reversed input holds -0.)
      for (const q of [0, 0.01, 0.5, 0.95, 0.99, 1]) expect(percentile(xs, q) + 0).toBe(reference(xs, q) + 0);
      expect(xs).toEqual(copy);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { LognormalSampler, Random, normalQuantile } from './random.js';

describe('normalQuantile', () => {
  it('known values and symmetry', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 12);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('LognormalSampler', () => {
  it('draws with the median and p95 it was given (within sampling error), always positive', () => {
    const sampler = new LognormalSampler(0.01, 0.08);
    const rng = new Random(7);
    const n = 200_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = sampler.sample(rng);
    xs.sort();
    // Sampling error of a quantile over 200k draws is well under 1% here.
    expect(xs[n / 2]! / 0.01).toBeCloseTo(1, 2);
    expect(xs[Math.floor(n * 0.95)]! / 0.08).toBeGreaterThan(0.97);
    expect(xs[Math.floor(n * 0.95)]! / 0.08).toBeLessThan(1.03);
    expect(xs[0]).toBeGreaterThan(0);
  });

  it('same seed, same draws', () => {
    const s = new LognormalSampler(1, 5);
    const a = new Random(3);
    const b = new Random(3);
    for (let i = 0; i < 100; i++) expect(s.sample(a)).toBe(s.sample(b));
  });
});

describe('Random', () => {
  it("uniform is xoroshiro128+'s 17th output on from the seed, centred in its 1/2^32 cell", () => {
    const gen = xoroshiro128plus(42);
    for (let i = 0; i < 16; i++) gen.next();
    const r = new Random(42);
    for (let i = 0; i < 3; i++) expect(r.uniform()).toBe(((gen.next() >>> 0) + 0.5) / 2 ** 32);
  });
});

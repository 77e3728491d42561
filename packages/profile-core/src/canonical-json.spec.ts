import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalLine, sha256Hex } from './canonical-json.js';

function shuffleKeys(value: unknown, order: number[]): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, order));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const rotated = keys.map((_, i) => keys[(i + (order[i % order.length] ?? 0)) % keys.length]!);
    const unique = [...new Set([...rotated, ...keys])];
    return Object.fromEntries(unique.map((k) => [k, shuffleKeys((value as Record<string, unknown>)[k], order)]));
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, compact, one trailing newline', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}\n');
  });

  it('is stable under key order', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.nat(20), { minLength: 1, maxLength: 8 }), (value, order) => {
        // -0 is not JSON-representable as distinct from 0; normalise through a JSON round trip first.
        const v = JSON.parse(JSON.stringify(value));
        expect(canonicalJson(shuffleKeys(v, order))).toBe(canonicalJson(v));
      }),
    );
  });

  it('refuses NaN and Infinity instead of writing null', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/cannot hold NaN/);
  });

  it('hashes with sha256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('canonical JSON of user keys (issue 14)', () => {
  it('keeps a "__proto__" key as a key', () => {
    expect(canonicalLine(JSON.parse('{"b":1,"__proto__":2}'))).toBe('{"__proto__":2,"b":1}');
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalLine } from '@mm-profiles/profile-core';
import { auditBody, sha256HexOf } from './audit-line.js';

// Numbers JSON writes in every notation: -0, exponents both ways, subnormals, the largest double, integers.
const edgeNumbers = fc.constantFrom(-0, 0, 1e21, 1e-7, 123e-20, 5e-324, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 61_590.3);
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), edgeNumbers);
// Quotes, backslashes, control characters, lone surrogates, non-BMP characters.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\n\t\u0000\u001f', '\ud800', 'a\udc00b', '😀', 'S1->S2:edge_policy_switch'));
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const event = fc.record(
  {
    ts: number,
    type: fc.constantFrom('PLACE', 'REPLACE', 'CANCEL', 'FILL', 'BLOCK', 'REJECT', 'SWITCH'),
    side: fc.constantFrom('bid', 'ask', null),
    order_id: orNull(fc.oneof(fc.nat(), number)),
    px: orNull(number),
    qty: orNull(number),
    reason: orNull(text),
    via: fc.constantFrom('cross', 'trade_through', 'queue'),
    liquidity: fc.constantFrom('maker', 'taker'),
    prob: number,
  },
  // The optional FILL fields may be absent, and a field may be present as undefined (canonical JSON drops it).
  { requiredKeys: ['ts', 'type', 'side', 'order_id', 'px', 'qty', 'reason'] },
);

describe('auditBody', () => {
  it('writes canonicalLine bytes for generated records (optional fields, escapes, -0, big and small numbers)', () => {
    fc.assert(
      fc.property(event, fc.nat(), (r, seq) => {
        expect(auditBody(r, seq)).toBe(canonicalLine({ ...r, seq }));
      }),
      { numRuns: 5000, seed: 17 },
    );
  });

  it('writes prices and sizes on decimal grids as JSON does (the whole-number way), and every other double', () => {
    // n / 10^d for up to 15 digits and 9 decimals, both signs: the values the fast way takes; and arbitrary doubles.
    const decimal = fc
      .tuple(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), fc.integer({ min: 1, max: 9 }))
      .map(([n, d]) => n / 10 ** d);
    const anyNumber = fc.oneof(decimal, fc.double({ noNaN: true, noDefaultInfinity: true }), edgeNumbers);
    fc.assert(
      fc.property(anyNumber, anyNumber, (px, qty) => {
        const r = { ts: 1, type: 'FILL', side: 'ask', order_id: 2, px, qty, reason: 'filled' };
        expect(auditBody(r, 1)).toBe(canonicalLine({ ...r, seq: 1 }));
      }),
      { numRuns: 20000, seed: 17 },
    );
    // Worked by hand: a tick-grid price, a lot, a price under 1, a negative one, large integers (past int32).
    const r = { ts: 86_399_999_999, type: 'PLACE', side: 'bid', order_id: 4_294_967_297, px: 59_997.9, qty: 0.01, reason: 'quote', prob: -0.000123 };
    expect(auditBody(r, 1_000_000_007)).toBe(
      '{"order_id":4294967297,"prob":-0.000123,"px":59997.9,"qty":0.01,"reason":"quote","seq":1000000007,"side":"bid","ts":86399999999,"type":"PLACE"}',
    );
  });

  it('takes the generic way for a reason too long for its buffer (same bytes)', () => {
    const r = { ts: 1, type: 'BLOCK', side: 'bid', order_id: null, px: 1.5, qty: 2, reason: 'é"\n'.repeat(5000) };
    expect(auditBody(r, 1)).toBe(canonicalLine({ ...r, seq: 1 }));
  });

  it('writes a FILL line with every key in sorted order, as worked out by hand', () => {
    const r = { ts: 1_000_000, type: 'FILL', side: 'bid', order_id: 7, px: 61_590.3, qty: 0.002, reason: 'partial', via: 'queue', liquidity: 'maker', prob: -0 };
    expect(auditBody(r, 3)).toBe(
      '{"liquidity":"maker","order_id":7,"prob":0,"px":61590.3,"qty":0.002,"reason":"partial","seq":3,"side":"bid","ts":1000000,"type":"FILL","via":"queue"}',
    );
  });

  it('refuses what canonical JSON refuses (NaN, infinities)', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const r = { ts: 1, type: 'PLACE', side: 'bid', order_id: 1, px: bad, qty: 1, reason: 'quote' };
      expect(() => canonicalLine({ ...r, seq: 1 })).toThrow(TypeError);
      expect(() => auditBody(r, 1)).toThrow(/cannot hold/);
    }
  });

  it('writes booleans and objects inside the template as canonical JSON does', () => {
    expect(auditBody({ ts: 1, type: 'X', reason: true, prob: false }, 2)).toBe('{"prob":false,"reason":true,"seq":2,"ts":1,"type":"X"}');
    expect(auditBody({ ts: 1, type: 'X', reason: { b: 1, a: [true, null] }, side: null }, 2)).toBe('{"reason":{"a":[true,null],"b":1},"seq":2,"side":null,"ts":1,"type":"X"}');
  });

  it('takes the generic way for a key outside the template (same bytes)', () => {
    const r = { ts: 5, type: 'END', totals: { b: 1, a: [2, { d: 'x', c: null }] } };
    expect(auditBody(r, 9)).toBe(canonicalLine({ ...r, seq: 9 }));
    expect(auditBody(r, 9)).toBe('{"seq":9,"totals":{"a":[2,{"c":null,"d":"x"}],"b":1},"ts":5,"type":"END"}');
  });
});

describe('sha256HexOf', () => {
  it('is the sha256 of the UTF-8 bytes, as a Hash object computes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(sha256HexOf(s)).toBe(createHash('sha256').update(s).digest('hex'));
      }),
      { numRuns: 500, seed: 17 },
    );
    // The standard test vector.
    expect(sha256HexOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

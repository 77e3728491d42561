import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAdd, roundDecimal } from './decimal.js';
import { mergeProfile } from './apply-profile.js';
import { PROFILE_FIELDS } from './profile-fields.js';
import type { AppliedProfile } from './profile-schemas.js';

/** A number with up to 6 decimals, built from an integer count of millionths so its decimal value is exact. */
const sixDecimals = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((micro) => micro / 1e6);

function exactSum(a: number, b: number): number {
  // Sum in integer millionths: exact for values with <= 6 decimals.
  return (Math.round(a * 1e6) + Math.round(b * 1e6)) / 1e6;
}

describe('decimal-exact merge', () => {
  it('0.30 + (-0.10) is 0.2', () => {
    expect(decimalAdd(0.3, -0.1)).toBe(0.2);
    expect(0.3 + -0.1).not.toBe(0.2);
  });

  it('any base and delta with up to 6 decimals give the exact decimal sum', () => {
    fc.assert(
      fc.property(sixDecimals, sixDecimals, (a, b) => {
        expect(decimalAdd(a, b)).toBe(exactSum(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('mergeProfile sums every delta field exactly', () => {
    fc.assert(
      fc.property(fc.array(sixDecimals, { minLength: 10, maxLength: 10 }), fc.array(sixDecimals, { minLength: 10, maxLength: 10 }), (bases, deltas) => {
        const base = Object.fromEntries(PROFILE_FIELDS.map((f, i) => [f, bases[i]])) as AppliedProfile;
        const profile = Object.fromEntries(PROFILE_FIELDS.map((f, i) => [`${f}_delta`, deltas[i]]));
        const { applied } = mergeProfile(base, profile);
        PROFILE_FIELDS.forEach((f, i) => expect(applied[f]).toBe(exactSum(bases[i]!, deltas[i]!)));
      }),
    );
  });

  it('roundDecimal rounds half away from zero on decimal digits', () => {
    expect(roundDecimal(1.0000005, 6)).toBe(1.000001);
    expect(roundDecimal(-2.5, 0)).toBe(-3);
    expect(roundDecimal(0.1 + 0.2, 6)).toBe(0.3);
  });
});

describe('roundDecimal of what is not a finite number', () => {
  it('NaN and the infinities come back as they are (big.js cannot hold them)', () => {
    expect(roundDecimal(Number.NaN, 6)).toBeNaN();
    expect(roundDecimal(Number.POSITIVE_INFINITY, 6)).toBe(Number.POSITIVE_INFINITY);
    expect(roundDecimal(Number.NEGATIVE_INFINITY, 2)).toBe(Number.NEGATIVE_INFINITY);
  });
});

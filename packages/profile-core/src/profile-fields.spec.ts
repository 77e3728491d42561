import { describe, expect, it } from 'vitest';
import { FIELD_RULES, PROFILE_FIELDS, PROFILE_FILE_KEYS, fieldViolation, isProfileField } from './profile-fields.js';

describe('the profile fields (SPEC 3)', () => {
  it('ten fields, and a profile file may hold each as itself or as <field>_delta', () => {
    expect(PROFILE_FIELDS).toHaveLength(10);
    expect(PROFILE_FILE_KEYS).toHaveLength(20);
    expect(PROFILE_FILE_KEYS.slice(0, 2)).toEqual(['base_spread_bps', 'base_spread_bps_delta']);
    expect(isProfileField('tail_age_ms')).toBe(true);
    expect(isProfileField('tail_age_ms_delta')).toBe(false);
    expect(isProfileField('constructor')).toBe(false);
  });

  it('whole numbers only for the _ms and _per_min fields', () => {
    const integer = PROFILE_FIELDS.filter((f) => FIELD_RULES[f].integer);
    expect(integer).toEqual(['min_interval_ms', 'replace_rate_per_min', 'tail_age_ms']);
  });
});

describe('fieldViolation: the range of each field, at its edges', () => {
  it('base_spread_bps: above 0, 0 itself refused', () => {
    expect(fieldViolation('base_spread_bps', 0)).toBe('must be > 0');
    expect(fieldViolation('base_spread_bps', -1)).toBe('must be > 0');
    expect(fieldViolation('base_spread_bps', 1e-9)).toBeUndefined();
    expect(fieldViolation('base_spread_bps', 12.5)).toBeUndefined();
  });

  it('concurrency_limit: at least 1, fractions allowed (floored by the guard)', () => {
    expect(fieldViolation('concurrency_limit', 1)).toBeUndefined();
    expect(fieldViolation('concurrency_limit', 1.9)).toBeUndefined();
    expect(fieldViolation('concurrency_limit', 0.999)).toBe('must be >= 1');
  });

  it('the ratio and cap fields: within [0, 1], both ends allowed', () => {
    for (const f of ['impact_cap_ratio', 'inventory_tilt_cap', 'max_delta_ratio', 'slippage_penalty_coef', 'vip_tilt_cap'] as const) {
      expect(fieldViolation(f, 0), f).toBeUndefined();
      expect(fieldViolation(f, 1), f).toBeUndefined();
      expect(fieldViolation(f, -0.01), f).toBe('must be in [0, 1]');
      expect(fieldViolation(f, 1.01), f).toBe('must be in [0, 1]');
    }
  });

  it('the whole-number fields: their minimum, and no fractions', () => {
    expect(fieldViolation('min_interval_ms', 0)).toBeUndefined();
    expect(fieldViolation('min_interval_ms', -1)).toBe('must be >= 0');
    expect(fieldViolation('min_interval_ms', 60.5)).toBe('must be a whole number');
    expect(fieldViolation('replace_rate_per_min', 1)).toBeUndefined();
    expect(fieldViolation('replace_rate_per_min', 0)).toBe('must be >= 1');
    expect(fieldViolation('tail_age_ms', 1)).toBeUndefined();
    expect(fieldViolation('tail_age_ms', 0)).toBe('must be >= 1');
    expect(fieldViolation('tail_age_ms', Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(fieldViolation('tail_age_ms', 2 ** 60)).toBe(`must be in [1, ${Number.MAX_SAFE_INTEGER}]`);
  });

  it('NaN and infinities are refused before any range', () => {
    expect(fieldViolation('vip_tilt_cap', Number.NaN)).toBe('must be a finite number');
    expect(fieldViolation('base_spread_bps', Number.POSITIVE_INFINITY)).toBe('must be a finite number');
    expect(fieldViolation('min_interval_ms', Number.NEGATIVE_INFINITY)).toBe('must be a finite number');
  });
});

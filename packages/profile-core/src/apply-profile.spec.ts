import { describe, expect, it } from 'vitest';
import { appliedViolations, describeOrigin, mergeProfile } from './apply-profile.js';
import type { AppliedProfile } from './profile-schemas.js';

const base: AppliedProfile = {
  base_spread_bps: 0.5,
  concurrency_limit: 2,
  impact_cap_ratio: 0.08,
  inventory_tilt_cap: 0.3,
  max_delta_ratio: 0.15,
  min_interval_ms: 50,
  replace_rate_per_min: 240,
  slippage_penalty_coef: 0.1,
  tail_age_ms: 700,
  vip_tilt_cap: 0.1,
};

describe('mergeProfile', () => {
  it('each field: the absolute value, else base + delta (decimal-exact), else the base', () => {
    const { applied, origins } = mergeProfile(base, { base_spread_bps_delta: 0.35, inventory_tilt_cap: 0.2, min_interval_ms_delta: -10, vip_tilt_cap_delta: 0.2 });
    expect(applied).toEqual({ ...base, base_spread_bps: 0.85, inventory_tilt_cap: 0.2, min_interval_ms: 40, vip_tilt_cap: 0.3 });
    // 0.1 + 0.2 is 0.30000000000000004 in floats
    expect(applied.vip_tilt_cap).toBe(0.3);
    expect(origins.base_spread_bps).toEqual({ base: 0.5, delta: 0.35 });
    expect(origins.inventory_tilt_cap).toEqual({ base: 0.3, absolute: 0.2 });
    expect(origins.tail_age_ms).toEqual({ base: 700 });
    expect(Object.keys(applied)).toHaveLength(10);
  });

  it('an absolute 0 or a delta 0 still counts as given', () => {
    const { applied, origins } = mergeProfile(base, { inventory_tilt_cap: 0, tail_age_ms_delta: 0 });
    expect(applied.inventory_tilt_cap).toBe(0);
    expect(origins.inventory_tilt_cap).toEqual({ base: 0.3, absolute: 0 });
    expect(origins.tail_age_ms).toEqual({ base: 700, delta: 0 });
  });
});

describe('describeOrigin and appliedViolations', () => {
  it('says how a value arose', () => {
    expect(describeOrigin({ base: 0.5, absolute: 2 }, 'p.json')).toBe('set to 2 by p.json');
    expect(describeOrigin({ base: 0.5, delta: -0.5 }, 'p.json')).toBe('base 0.5 + delta -0.5 from p.json');
    expect(describeOrigin({ base: 0.5 }, 'p.json')).toBe('base 0.5');
    expect(describeOrigin({ base: 0.5, absolute: 0, delta: 1 }, 'p.json')).toBe('set to 0 by p.json');
  });

  it('lists every out-of-range applied value in field order, none for a valid profile', () => {
    expect(appliedViolations(mergeProfile(base, {}), 'p.json')).toEqual([]);
    const merge = mergeProfile({ ...base, tail_age_ms: 0 }, { vip_tilt_cap: 1.5, base_spread_bps_delta: -0.5 });
    expect(appliedViolations(merge, 'p.json')).toEqual([
      'applied base_spread_bps = 0 must be > 0 (base 0.5 + delta -0.5 from p.json)',
      'applied tail_age_ms = 0 must be >= 1 (base 0)',
      'applied vip_tilt_cap = 1.5 must be in [0, 1] (set to 1.5 by p.json)',
    ]);
  });
});

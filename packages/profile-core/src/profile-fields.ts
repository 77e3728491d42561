/**
 * The quoting fields a profile may set, and what a valid applied value is for each (SPEC 3). One table, so the
 * schemas, the validator, the runtime-override limits and the docs cannot drift apart.
 */

export const PROFILE_FIELDS = [
  'base_spread_bps',
  'concurrency_limit',
  'impact_cap_ratio',
  'inventory_tilt_cap',
  'max_delta_ratio',
  'min_interval_ms',
  'replace_rate_per_min',
  'slippage_penalty_coef',
  'tail_age_ms',
  'vip_tilt_cap',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface FieldRule {
  /** Whole numbers only (the `_ms` and `_per_min` fields). */
  integer: boolean;
  min: number;
  /** Whether `min` itself is allowed. */
  minInclusive: boolean;
  max: number;
  description: string;
}

const unit = (description: string): FieldRule => ({ integer: false, min: 0, minInclusive: true, max: 1, description });

export const FIELD_RULES: Record<ProfileField, FieldRule> = {
  base_spread_bps: {
    integer: false,
    min: 0,
    minInclusive: false,
    max: Number.MAX_VALUE,
    description: 'quoted spread in bps of fair; half of it on each side, before tilts',
  },
  concurrency_limit: {
    integer: false,
    min: 1,
    minInclusive: true,
    max: Number.MAX_VALUE,
    description: 'requests in flight at once (floored, at least 1)',
  },
  impact_cap_ratio: unit('order size <= ratio x displayed size at our best level'),
  inventory_tilt_cap: unit('both quotes shift by -clamp(pos/max_pos)*cap*half-spread'),
  max_delta_ratio: unit('replace only when off target by more than ratio x half-spread'),
  min_interval_ms: {
    integer: true,
    min: 0,
    minInclusive: true,
    max: Number.MAX_SAFE_INTEGER,
    description: 'minimum time between actions on one side (guard)',
  },
  replace_rate_per_min: {
    integer: true,
    min: 1,
    minInclusive: true,
    max: Number.MAX_SAFE_INTEGER,
    description: 'token rate for replaces and cancels (guard)',
  },
  slippage_penalty_coef: unit('each side widens by coef x recent adverse markout of that side (bps)'),
  tail_age_ms: {
    integer: true,
    min: 1,
    minInclusive: true,
    max: Number.MAX_SAFE_INTEGER,
    description: 'a live order older than this is cancelled and re-placed at target',
  },
  vip_tilt_cap: unit('with a maker rebate, quotes move toward fair by up to cap x half-spread'),
};

export const DELTA_SUFFIX = '_delta';

export function isProfileField(key: string): key is ProfileField {
  return (PROFILE_FIELDS as readonly string[]).includes(key);
}

/** Every key a profile file may hold: each field and its `_delta` form. */
export const PROFILE_FILE_KEYS: readonly string[] = PROFILE_FIELDS.flatMap((f) => [f, f + DELTA_SUFFIX]);

/** Why a value is not valid for a field, or undefined when it is. */
export function fieldViolation(field: ProfileField, value: number): string | undefined {
  const rule = FIELD_RULES[field];
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (rule.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (rule.minInclusive ? value < rule.min : value <= rule.min) {
    return rule.max <= 1 ? `must be in [${rule.min}, ${rule.max}]` : `must be ${rule.minInclusive ? '>=' : '>'} ${rule.min}`;
  }
  if (value > rule.max) return `must be in [${rule.min}, ${rule.max}]`;
  return undefined;
}

/**
 * Runtime overrides (SPEC 3): a few fields an operator may change without a profile review, each within hard
 * limits. From env `MM_RUNTIME_OVERRIDES_JSON`, else a runtime_overrides.json file. Out-of-range values are
 * clamped (CLAMP), fields not allowed are skipped (SKIP), malformed JSON is an error.
 */
import { existsSync } from 'node:fs';
import { decimalAdd } from '../decimal.js';
import { parseJsonText, readTextFile } from '../json-file.js';
import { marker } from '../markers.js';
import type { ProfileField } from '../profile-fields.js';
import { FIELD_RULES } from '../profile-fields.js';
import type { AppliedProfile } from '../profile-schemas.js';
import { UserError } from '../user-error.js';

export const RUNTIME_OVERRIDES_ENV = 'MM_RUNTIME_OVERRIDES_JSON';
export const RUNTIME_OVERRIDES_FILE = 'runtime_overrides.json';

export const RUNTIME_OVERRIDE_LIMITS = {
  min_interval_ms: [50, 300],
  replace_rate_per_min: [120, 360],
  base_spread_bps_delta: [0, 0.6],
  impact_cap_ratio: [0.04, 0.12],
  tail_age_ms: [400, 1000],
  max_delta_ratio: [0.1, 0.2],
} as const satisfies Record<string, readonly [number, number]>;

export type RuntimeOverrideKey = keyof typeof RUNTIME_OVERRIDE_LIMITS;

export interface RuntimeAdjustment {
  /** Market time in µs when it took effect (0 = at start). */
  ts: number;
  field: ProfileField;
  from: number;
  to: number;
  reason: string;
}

export interface RuntimeOverridesInput {
  source: 'env' | 'file' | 'none';
  /** Where they came from: the env var name or the file path. */
  origin?: string;
  values: Record<string, unknown>;
}

/** Reads overrides: the env var wins over the file; neither gives source "none". */
export function readRuntimeOverrides(env: NodeJS.ProcessEnv, filePath: string): RuntimeOverridesInput {
  const fromEnv = env[RUNTIME_OVERRIDES_ENV];
  let raw: unknown;
  let source: RuntimeOverridesInput['source'];
  let origin: string;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    raw = parseJsonText(fromEnv, RUNTIME_OVERRIDES_ENV);
    source = 'env';
    origin = RUNTIME_OVERRIDES_ENV;
  } else if (existsSync(filePath)) {
    raw = parseJsonText(readTextFile(filePath), filePath);
    source = 'file';
    origin = filePath;
  } else {
    return { source: 'none', values: {} };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError(`${origin}: runtime overrides must be a JSON object of field -> number`);
  }
  return { source, origin, values: raw as Record<string, unknown> };
}

export interface OverrideResult {
  applied: AppliedProfile;
  /** The values in effect after clamping, by override key. */
  effective: Partial<Record<RuntimeOverrideKey, number>>;
  adjustments: RuntimeAdjustment[];
  markers: string[];
}

export function applyRuntimeOverrides(applied: AppliedProfile, input: RuntimeOverridesInput): OverrideResult {
  const out = { ...applied };
  const effective: OverrideResult['effective'] = {};
  const adjustments: RuntimeAdjustment[] = [];
  const markers: string[] = [];
  if (input.source === 'none') return { applied: out, effective, adjustments, markers };
  markers.push(marker('runtime_overrides', 'OK', `SOURCE=${input.source}`));
  for (const key of Object.keys(input.values).sort()) {
    const value = input.values[key];
    // Own keys only: "constructor", "toString" or "__proto__" are unknown fields like any other.
    if (!Object.hasOwn(RUNTIME_OVERRIDE_LIMITS, key)) {
      markers.push(marker('runtime_override', 'SKIP', `FIELD=${key} REASON=not_allowed`));
      continue;
    }
    const limitKey = key as RuntimeOverrideKey;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const got = typeof value === 'number' ? String(value) : JSON.stringify(value);
      throw new UserError(`${input.origin}: runtime override "${key}" must be a finite number, got ${got}`);
    }
    const [lo, hi] = RUNTIME_OVERRIDE_LIMITS[limitKey];
    let v = value;
    if (v < lo || v > hi) {
      v = Math.min(hi, Math.max(lo, v));
      markers.push(marker('runtime_override', 'CLAMP', `FIELD=${key} VALUE=${value} LIMIT=[${lo},${hi}] APPLIED=${v}`));
    }
    const field = (limitKey === 'base_spread_bps_delta' ? 'base_spread_bps' : limitKey) as ProfileField;
    if (FIELD_RULES[field].integer && !Number.isInteger(v)) {
      throw new UserError(`${input.origin}: runtime override "${key}" must be a whole number, got ${value}`);
    }
    effective[limitKey] = v;
    const to = limitKey === 'base_spread_bps_delta' ? decimalAdd(out[field], v) : v;
    if (to !== out[field]) {
      const reason = v !== value ? 'runtime_override_clamped' : 'runtime_override';
      adjustments.push({ ts: 0, field, from: out[field], to, reason });
      markers.push(marker('runtime_adjust', 'OK', `FIELD=${field} FROM=${out[field]} TO=${to} REASON=${reason}`));
      out[field] = to;
    }
  }
  return { applied: out, effective, adjustments, markers };
}

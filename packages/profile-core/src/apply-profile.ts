/**
 * The delta merge: each field of the base, replaced by the profile's absolute value or shifted by its delta,
 * with decimal-exact sums. The applied result is validated and a violation says how the value arose.
 */
import { decimalAdd } from './decimal.js';
import { DELTA_SUFFIX, PROFILE_FIELDS, fieldViolation, type ProfileField } from './profile-fields.js';
import type { AppliedProfile, ProfileFile } from './profile-schemas.js';

export interface FieldOrigin {
  base: number;
  delta?: number;
  absolute?: number;
}

export interface MergeResult {
  applied: AppliedProfile;
  origins: Record<ProfileField, FieldOrigin>;
}

export function mergeProfile(base: AppliedProfile, profile: ProfileFile): MergeResult {
  const applied = {} as AppliedProfile;
  const origins = {} as Record<ProfileField, FieldOrigin>;
  for (const field of PROFILE_FIELDS) {
    const absolute = profile[field];
    const delta = profile[field + DELTA_SUFFIX];
    if (absolute !== undefined) {
      applied[field] = absolute;
      origins[field] = { base: base[field], absolute };
    } else if (delta !== undefined) {
      applied[field] = decimalAdd(base[field], delta);
      origins[field] = { base: base[field], delta };
    } else {
      applied[field] = base[field];
      origins[field] = { base: base[field] };
    }
  }
  return { applied, origins };
}

export function describeOrigin(origin: FieldOrigin, profileLabel: string): string {
  if (origin.absolute !== undefined) return `set to ${origin.absolute} by ${profileLabel}`;
  if (origin.delta !== undefined) return `base ${origin.base} + delta ${origin.delta} from ${profileLabel}`;
  return `base ${origin.base}`;
}

/** Every range violation of an applied profile, each naming field, value and origin. */
export function appliedViolations(merge: MergeResult, profileLabel: string): string[] {
  const problems: string[] = [];
  for (const field of PROFILE_FIELDS) {
    const value = merge.applied[field];
    const why = fieldViolation(field, value);
    if (why) {
      problems.push(`applied ${field} = ${value} ${why} (${describeOrigin(merge.origins[field], profileLabel)})`);
    }
  }
  return problems;
}

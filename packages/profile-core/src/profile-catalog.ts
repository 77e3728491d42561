/** The profiles in a config folder, and a field-by-field diff of two applied profiles. */
import { readdirSync } from 'node:fs';
import { PROFILE_FIELDS, type ProfileField } from './profile-fields.js';
import { profileNameOf } from './profile-name.js';
import type { AppliedProfile } from './profile-schemas.js';
import { decimalSub } from './decimal.js';

/** Names of the `market_maker_<NAME>.json` files, sorted. */
export function listProfileNames(configDir: string): string[] {
  return readdirSync(configDir)
    .map(profileNameOf)
    .filter((n): n is string => n !== undefined)
    .sort();
}

export interface FieldDiff {
  field: ProfileField;
  a: number;
  b: number;
  /** b - a, decimal-exact. */
  change: number;
}

/** Fields whose values differ, in field order. */
export function diffAppliedProfiles(a: AppliedProfile, b: AppliedProfile): FieldDiff[] {
  return PROFILE_FIELDS.filter((f) => a[f] !== b[f]).map((field) => ({
    field,
    a: a[field],
    b: b[field],
    change: decimalSub(b[field], a[field]),
  }));
}

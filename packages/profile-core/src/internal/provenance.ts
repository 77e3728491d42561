/**
 * Provenance of an applied profile: what it was made from (files and their hashes, deltas, runtime overrides)
 * and what changed it at run time, so any applied profile can be traced and reproduced.
 */
import type { QuoterSpec } from '../quoter-spec.js';
import { canonicalJson, sha256Hex } from '../canonical-json.js';
import type { AppliedProfile, ProfileFile } from '../profile-schemas.js';
import type { RuntimeAdjustment, RuntimeOverridesInput } from './runtime-overrides.js';

export interface Provenance {
  profile: string;
  profile_file: string | null;
  profile_sha256: string | null;
  base_file: string;
  base_sha256: string;
  base: AppliedProfile;
  deltas: ProfileFile;
  runtime_overrides: { source: RuntimeOverridesInput['source']; origin: string | null; values: Record<string, unknown> };
  runtime_adjustments: RuntimeAdjustment[];
  /** Edge-policy switches of the quoted profile during a run (market time µs), in order. */
  profile_switches?: ProfileSwitch[];
  applied_sha256: string;
  /** The strategy and its parameters, when not SPEC 5's profile quoter. */
  quoter?: QuoterSpec;
}

export interface ProfileSwitch {
  ts: number;
  from: string;
  to: string;
  reason: string;
}

export function appliedProfileSha256(applied: AppliedProfile): string {
  return sha256Hex(canonicalJson(applied));
}

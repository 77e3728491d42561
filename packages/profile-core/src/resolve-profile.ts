/**
 * The whole path from a profile name to an applied profile: load base and profile, merge, validate, apply
 * runtime overrides, and build the provenance. Nothing is written here; `saveAppliedProfile` does that.
 */
import { DEFAULT_QUOTER, type QuoterSpec } from './quoter-spec.js';
import { join, relative, isAbsolute, dirname, basename } from 'node:path';
import { appliedViolations, mergeProfile } from './apply-profile.js';
import { writeFilesAtomic } from './atomic-write.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { ProfileError, loadBase, loadProfileFile, type LoadedFile } from './load-profile.js';
import { marker } from './markers.js';
import { BASE_PROFILE_NAME, assertProfileName } from './profile-name.js';
import type { AppliedProfile, ProfileFile } from './profile-schemas.js';
import { appliedProfileSha256, type Provenance } from './internal/provenance.js';
import {
  RUNTIME_OVERRIDES_FILE,
  applyRuntimeOverrides,
  readRuntimeOverrides,
  type RuntimeAdjustment,
  type RuntimeOverridesInput,
} from './internal/runtime-overrides.js';

export const DEFAULT_CONFIG_DIR = 'config/profiles';
export const DEFAULT_SOAK_DIR = 'artifacts/soak';
export const APPLIED_PROFILE_FILE = 'applied_profile.json';

export interface ResolveOptions {
  name: string;
  /** Folder with base.json and market_maker_*.json. */
  configDir: string;
  /** Paths in provenance and messages are shown relative to this folder (the workspace root). */
  root?: string;
  env?: NodeJS.ProcessEnv;
  /** The runtime_overrides.json used when the env var is not set; default `<root>/artifacts/soak/...`. */
  overridesFile?: string;
  /** Skip runtime overrides entirely (e.g. `profiles show`). */
  ignoreRuntimeOverrides?: boolean;
}

export interface ResolvedProfile {
  name: string;
  applied: AppliedProfile;
  /** Who quotes it: the profile file's `quoter` (default: SPEC 5's profile quoter). */
  quoter: QuoterSpec;
  provenance: Provenance;
  /** Marker lines produced while resolving (runtime overrides), in order. */
  markers: string[];
}

export function resolveProfile(options: ResolveOptions): ResolvedProfile {
  const root = options.root ?? process.cwd();
  const show = (p: string) => (isAbsolute(p) ? relative(root, p) || '.' : p);
  assertProfileName(options.name);
  const configDir = isAbsolute(options.configDir) ? options.configDir : join(root, options.configDir);
  const base = loadBase(configDir, show);
  const profile = options.name !== BASE_PROFILE_NAME ? loadProfileFile(options.name, configDir, show) : null;
  const overridesFile = options.overridesFile ?? join(root, DEFAULT_SOAK_DIR, RUNTIME_OVERRIDES_FILE);
  const input = options.ignoreRuntimeOverrides
    ? { source: 'none' as const, values: {} }
    : readRuntimeOverrides(options.env ?? process.env, overridesFile);
  return applyDeltas(options.name, base, profile ?? { content: {}, path: null, sha256: null }, input, show, profile?.quoter);
}

/**
 * A profile that exists only in memory (a sweep cell): deltas over an already loaded base, validated the same
 * way, no runtime overrides. `label` names it in messages and in the provenance.
 */
export function resolveProfileDeltas(name: string, base: LoadedFile<AppliedProfile>, deltas: ProfileFile, label: string, quoter?: QuoterSpec): ResolvedProfile {
  const hashed = quoter && quoter.kind !== 'profile' ? { ...deltas, quoter } : deltas;
  return applyDeltas(name, base, { content: deltas, path: label, sha256: sha256Hex(canonicalJson(hashed)) }, { source: 'none', values: {} }, (p) => p, quoter);
}

function applyDeltas(
  name: string,
  base: LoadedFile<AppliedProfile>,
  profile: { content: ProfileFile; path: string | null; sha256: string | null },
  input: RuntimeOverridesInput,
  show: (p: string) => string,
  quoter: QuoterSpec = DEFAULT_QUOTER,
): ResolvedProfile {
  const merge = mergeProfile(base.content, profile.content);
  const problems = appliedViolations(merge, profile.path ?? base.path);
  if (problems.length) throw new ProfileError(problems);
  const overridden = applyRuntimeOverrides(merge.applied, input);
  const provenance: Provenance = {
    profile: name,
    profile_file: profile.path,
    profile_sha256: profile.sha256,
    base_file: base.path,
    base_sha256: base.sha256,
    base: base.content,
    deltas: profile.content,
    runtime_overrides: {
      source: input.source,
      origin: input.source === 'file' && input.origin ? show(input.origin) : (input.origin ?? null),
      values: input.values,
    },
    runtime_adjustments: overridden.adjustments,
    applied_sha256: appliedProfileSha256(overridden.applied),
    // Only a profile quoted by another strategy says so (the profile quoter's provenance is as before).
    ...(quoter.kind !== 'profile' ? { quoter } : {}),
  };
  return { name, applied: overridden.applied, quoter, provenance, markers: overridden.markers };
}

/** Records a run-time change (e.g. auto-tune) in a resolved profile, keeping the provenance hash in step. */
export function withAdjustment(resolved: ResolvedProfile, adjustment: RuntimeAdjustment): ResolvedProfile {
  const applied = { ...resolved.applied, [adjustment.field]: adjustment.to };
  return {
    ...resolved,
    applied,
    provenance: {
      ...resolved.provenance,
      runtime_adjustments: [...resolved.provenance.runtime_adjustments, adjustment],
      applied_sha256: appliedProfileSha256(applied),
    },
  };
}

/** `x/applied_profile.json` -> `x/applied_profile.provenance.json`. */
export function provenancePathFor(appliedPath: string): string {
  const name = basename(appliedPath).replace(/\.json$/, '');
  return join(dirname(appliedPath), `${name}.provenance.json`);
}

/** Writes the applied profile and its provenance together, atomically. */
export function saveAppliedProfile(path: string, resolved: Pick<ResolvedProfile, 'applied' | 'provenance'>): void {
  writeFilesAtomic([
    { path, content: canonicalJson(resolved.applied) },
    { path: provenancePathFor(path), content: canonicalJson(resolved.provenance) },
  ]);
}

export function profileAppliedMarker(name: string): string {
  return marker('profile_apply', 'OK', `PROFILE=${name}`);
}

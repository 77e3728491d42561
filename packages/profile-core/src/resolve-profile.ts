/**
 * The whole path from a profile name to an applied profile: load base and profile, merge, validate, apply
 * runtime overrides, and build the provenance. Nothing is written here; `saveAppliedProfile` does that.
 */
import { join, relative, isAbsolute, dirname, basename } from 'node:path';
import { appliedViolations, mergeProfile } from './apply-profile.js';
import { writeFilesAtomic } from './atomic-write.js';
import { canonicalJson } from './canonical-json.js';
import { ProfileError, loadBase, loadProfileFile } from './load-profile.js';
import { marker } from './markers.js';
import { BASE_PROFILE_NAME, assertProfileName } from './profile-name.js';
import type { AppliedProfile, ProfileFile } from './profile-schemas.js';
import { appliedProfileSha256, type Provenance } from './provenance.js';
import {
  RUNTIME_OVERRIDES_FILE,
  applyRuntimeOverrides,
  readRuntimeOverrides,
  type RuntimeAdjustment,
} from './runtime-overrides.js';

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
  const baseLabel = base.path;
  let deltas: ProfileFile = {};
  let profileLabel: string | null = null;
  let profileSha: string | null = null;
  if (options.name !== BASE_PROFILE_NAME) {
    const file = loadProfileFile(options.name, configDir, show);
    deltas = file.content;
    profileLabel = file.path;
    profileSha = file.sha256;
  }
  const merge = mergeProfile(base.content, deltas);
  const problems = appliedViolations(merge, profileLabel ?? baseLabel);
  if (problems.length) throw new ProfileError(problems);

  const overridesFile = options.overridesFile ?? join(root, DEFAULT_SOAK_DIR, RUNTIME_OVERRIDES_FILE);
  const input = options.ignoreRuntimeOverrides
    ? { source: 'none' as const, values: {} }
    : readRuntimeOverrides(options.env ?? process.env, overridesFile);
  const overridden = applyRuntimeOverrides(merge.applied, input);
  const provenance: Provenance = {
    profile: options.name,
    profile_file: profileLabel,
    profile_sha256: profileSha,
    base_file: baseLabel,
    base_sha256: base.sha256,
    base: base.content,
    deltas,
    runtime_overrides: {
      source: input.source,
      origin: input.source === 'file' && input.origin ? show(input.origin) : (input.origin ?? null),
      values: input.values,
    },
    runtime_adjustments: overridden.adjustments,
    applied_sha256: appliedProfileSha256(overridden.applied),
  };
  return { name: options.name, applied: overridden.applied, provenance, markers: overridden.markers };
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

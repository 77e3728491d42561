/**
 * profile-core: quoting profiles as reviewed deltas over a base. Load and validate them, merge exactly,
 * apply runtime overrides within limits, and write the applied profile as a deterministic artifact.
 */

// Errors a user can act on (one line, exit 2) and the command boundary that prints them
export { UserError, isUserError, runCommand, runCli, wholeNumberFlag } from './user-error.js';
export { describeIssues } from './zod-issues.js';
export { closestKey } from './closest-key.js';

// Deterministic artifacts: exact decimals, canonical JSON, atomic writes, one writer per out-dir
export { decimalAdd, roundDecimal } from './decimal.js';
export { canonicalJson, canonicalLine, sha256Hex } from './canonical-json.js';
export { writeFileAtomic, writeFilesAtomic, replaceFilesAll, type FileMove } from './atomic-write.js';
export { lockOutDir, ensureOutDir, type OutDirLock, type LockOptions } from './out-dir-lock.js';
export { parseJsonText, readJsonFile, readTextFile } from './json-file.js';
export { marker } from './markers.js';

// Where things live in a workspace
export { findWorkspaceRoot, workspacePaths, type WorkspacePaths } from './workspace-root.js';

// Profiles: the fields, the files, their names
export { PROFILE_FIELDS, DELTA_SUFFIX, PROFILE_FILE_KEYS, type ProfileField } from './profile-fields.js';
export { profileFileSchema, type AppliedProfile, type ProfileFile } from './profile-schemas.js';
export { BASE_PROFILE_NAME, assertProfileName, profileFileName } from './profile-name.js';
export { ProfileError, loadBase, loadProfileFile, type LoadedFile, type PathLabel } from './load-profile.js';
export { mergeProfile, appliedViolations, type MergeResult } from './apply-profile.js';
export { listProfileNames, diffAppliedProfiles, type FieldDiff } from './profile-catalog.js';

// A profile resolved (base + deltas + runtime overrides) with its provenance, and what changes it during a run
export {
  resolveProfile,
  resolveProfileDeltas,
  withAdjustment,
  saveAppliedProfile,
  profileAppliedMarker,
  DEFAULT_CONFIG_DIR,
  DEFAULT_SOAK_DIR,
  APPLIED_PROFILE_FILE,
  type ResolveOptions,
  type ResolvedProfile,
} from './resolve-profile.js';
export type { RuntimeAdjustment } from './internal/runtime-overrides.js';
export type { Provenance, ProfileSwitch } from './internal/provenance.js';

// Who quotes a profile: its `quoter` key
export { quoterSpecSchema, GLFT_PARAMS, DEFAULT_QUOTER, type QuoterSpec, type GlftQuoterSpec } from './quoter-spec.js';

// summary.json: the soak result's contract, written by soak-runner, read by the advisor, the report and ci-gate
export {
  BLOCK_REASONS,
  soakSummarySchema,
  soakRunSummarySchema,
  soakSeedsSummarySchema,
  type BlockReason,
  type BlockCounts,
  type SoakSummary,
  type SoakRunSummary,
  type SoakSeedsSummary,
} from './soak-summary.js';

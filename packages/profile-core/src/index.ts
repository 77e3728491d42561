/**
 * profile-core: quoting profiles as reviewed deltas over a base. Load and validate them, merge exactly,
 * apply runtime overrides within limits, and write the applied profile as a deterministic artifact.
 */
export { UserError, isUserError, runCommand, runCli, wholeNumberFlag, fileSystemErrorMessage } from './user-error.js';
export { decimalAdd, decimalSub, roundDecimal } from './decimal.js';
export { canonicalJson, canonicalLine, sha256Hex } from './canonical-json.js';
export { writeFileAtomic, writeFilesAtomic, replaceFilesAll, type FileMove } from './atomic-write.js';
export { lockOutDir, ensureOutDir, processAlive, LOCK_FILE, type OutDirLock, type LockHolder, type LockOptions } from './out-dir-lock.js';
export { closestKey } from './closest-key.js';
export { parseJsonText, readJsonFile, readTextFile, positionOf } from './json-file.js';
export { describeIssues } from './zod-issues.js';
export { findWorkspaceRoot, workspacePaths, type WorkspacePaths } from './workspace-root.js';
export { marker } from './markers.js';
export {
  PROFILE_FIELDS,
  FIELD_RULES,
  DELTA_SUFFIX,
  PROFILE_FILE_KEYS,
  isProfileField,
  fieldViolation,
  type ProfileField,
  type FieldRule,
} from './profile-fields.js';
export {
  baseProfileSchema,
  profileFileSchema,
  appliedProfileSchema,
  type AppliedProfile,
  type ProfileFile,
} from './profile-schemas.js';
export {
  PROFILE_NAME_PATTERN,
  BASE_PROFILE_NAME,
  assertProfileName,
  profileFileName,
  profileNameOf,
} from './profile-name.js';
export { ProfileError, loadBase, loadProfileFile, BASE_FILE_NAME, type LoadedFile, type PathLabel } from './load-profile.js';
export { mergeProfile, appliedViolations, describeOrigin, type MergeResult, type FieldOrigin } from './apply-profile.js';
export {
  RUNTIME_OVERRIDES_ENV,
  RUNTIME_OVERRIDES_FILE,
  RUNTIME_OVERRIDE_LIMITS,
  readRuntimeOverrides,
  applyRuntimeOverrides,
  type RuntimeAdjustment,
  type RuntimeOverridesInput,
  type RuntimeOverrideKey,
  type OverrideResult,
} from './runtime-overrides.js';
export { appliedProfileSha256, type Provenance, type ProfileSwitch } from './provenance.js';
export { listProfileNames, diffAppliedProfiles, type FieldDiff } from './profile-catalog.js';
export {
  resolveProfile,
  resolveProfileDeltas,
  withAdjustment,
  saveAppliedProfile,
  provenancePathFor,
  profileAppliedMarker,
  DEFAULT_CONFIG_DIR,
  DEFAULT_SOAK_DIR,
  APPLIED_PROFILE_FILE,
  type ResolveOptions,
  type ResolvedProfile,
} from './resolve-profile.js';
export {
  BLOCK_REASONS,
  blockCountsSchema,
  soakMetricsSchema,
  soakSummarySchema,
  soakRunSummarySchema,
  soakSeedsSummarySchema,
  soakMarketSchema,
  runMetricsSchema,
  gateResultSchema,
  samplesSchema,
  intervalSchema,
  type BlockReason,
  type BlockCounts,
  type SoakMetrics,
  type SoakSummary,
  type SoakRunSummary,
  type SoakSeedsSummary,
  type SoakMarket,
  type RunMetrics,
  type GateResultRecord,
} from './soak-summary.js';
export {
  quoterSpecSchema,
  glftQuoterSpecSchema,
  profileQuoterSpecSchema,
  QUOTER_KINDS,
  GLFT_PARAMS,
  DEFAULT_QUOTER,
  type QuoterSpec,
  type GlftQuoterSpec,
  type ProfileQuoterSpec,
} from './quoter-spec.js';

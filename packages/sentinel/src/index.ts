/**
 * sentinel: what blocks an order action and why, counting it, tuning `min_interval_ms` from the counts,
 * switching to a safer profile when edge decays, and advising the next profile from a soak result.
 */
export { EdgeSentinel, type EdgeSentinelOptions } from './edge-sentinel.js';
export { OrderGuard, type ActionKind, type Side, type GuardLimits } from './order-guard.js';
export {
  tuneMinInterval,
  minIntervalAdjustMarker,
  AUTO_TUNE_BLOCK_RATE,
  AUTO_TUNE_MAX_MS,
  AUTO_TUNE_STEP_MS,
  DEFAULT_AUTO_TUNE,
  type AutoTuneConfig,
  type TunerState,
  type MinIntervalTune,
} from './min-interval-tuner.js';
export { EdgePolicy, policyStep, emaUpdate, type EdgeDecision, type EdgeSample, type PolicyState } from './edge-policy.js';
export { advise, type Advice } from './advisor.js';
export {
  loadSentinelConfig,
  sentinelConfigSchema,
  DEFAULT_SENTINEL_CONFIG,
  DEFAULT_SENTINEL_CONFIG_PATH,
  workspaceSentinelConfig,
  type SentinelConfig,
  type EdgePolicyConfig,
  type AdvisorConfig,
  autoTuneConfigSchema,
} from './sentinel-config.js';

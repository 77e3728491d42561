/**
 * sentinel: what blocks an order action and why, counting it, tuning `min_interval_ms` from the counts,
 * switching to a safer profile when edge decays, and advising the next profile from a soak result.
 */

// The engine's guard: the order-action checks, block counters, min_interval auto-tune and profile switches
export { EdgeSentinel, type EdgeSentinelOptions } from './edge-sentinel.js';
export { OrderGuard, type ActionKind, type Side, type GuardLimits } from './order-guard.js';
export type { AutoTuneConfig } from './internal/min-interval-tuner.js';

// The edge policy: when decaying edge switches to the fallback profile (the soak and mm watch run it)
export { EdgePolicy, type EdgeDecision, type EdgeSample } from './edge-policy.js';

// The advisor: the next profile from a soak's summary
export { advise, type Advice } from './advisor.js';

// config/sentinel.json: edge-policy thresholds, fallback profile, advisor rules
export {
  workspaceSentinelConfig,
  DEFAULT_SENTINEL_CONFIG,
  type SentinelConfig,
  type EdgePolicyConfig,
  type AdvisorConfig,
} from './sentinel-config.js';

/**
 * soak-runner: the engine loop, the ledger and metrics, the soak run with its artifacts, gates and verdict.
 */

// A soak: one run (runSoak, its market and its parts, swappable: e.g. your own quoter) or one per seed
export {
  runSoak,
  soakParts,
  venueOf,
  type SoakOptions,
  type SoakParts,
  type SoakResult,
  type SoakProgress,
  type MarketSpec,
  type LatencyFlags,
} from './soak-run.js';
export { runSoakSeeds, type SeedsOptions, type SeedsResult } from './soak-seeds.js';
export { marketSpec, replayVenue, MAX_SEED, type MarketChoice } from './market-spec.js';
export { ReplayCache } from './replay-cache.js';

// The engine (what a soak runs per event) and its markout horizons
export { Engine, MARKOUT_HORIZONS_S, type EngineOptions } from './engine.js';

// Metrics, samples and 95% intervals of a run
export { METRIC_NAMES, meanMetrics } from './soak-metrics.js';
export { intervalsOf, sampledMetricNames, windowSamples } from './soak-samples.js';
export {
  meanInterval,
  ratioInterval,
  pairedInterval,
  samplesNeeded,
  sampleMean,
  sampleStdev,
  roundInterval,
  formatInterval,
  type Interval,
} from './confidence.js';

// Gates and the verdict
export {
  gatesSchema,
  loadGates,
  evaluateGates,
  verdictOf,
  gateMarker,
  unknownGateMetrics,
  type Gate,
  type GateSet,
  type GateResult,
  type Verdict,
} from './gates.js';

// The audit chain: written by a soak, verified by mm audit and ci-gate
export { AuditLog, AUDIT_MODES, verifyAudit, type AuditVerification } from './audit-log.js';

// The soak page's artifacts: timeseries.json and fills.json
export {
  sampleStepS,
  LATENCY_EDGES_MS,
  LATENCY_LEGS,
  MAX_SERIES_POINTS,
  MAX_FILL_ROWS,
  TIMESERIES_FILE,
  FILLS_FILE,
  type TimeseriesFile,
  type FillsFile,
} from './timeseries-sampler.js';

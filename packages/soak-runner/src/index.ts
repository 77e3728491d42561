/**
 * soak-runner: the engine loop, the ledger and metrics, the soak run with its artifacts, gates and verdict.
 */
export { Engine, MARKOUT_HORIZONS_S, type EngineOptions, type EngineCounters, type EngineSamples } from './engine.js';
export { Ledger, type EdgeAmounts } from './ledger.js';
export { computeMetrics, edgeBps, METRIC_NAMES, meanMetrics, subtractCounts, type SoakMetricsRecord, type MetricsInput } from './soak-metrics.js';
export { percentile } from './percentile.js';
export { QuantileSketch, SKETCH_ALPHA } from './quantile-sketch.js';
export { AuditLog, AUDIT_MODES, verifyAudit, verifyAuditFile, GENESIS, type AuditMode, type AuditRecord, type AuditTotals, type AuditType, type AuditVerification } from './audit-log.js';
export {
  gatesSchema,
  loadGates,
  evaluateGates,
  verdictOf,
  gateMarker,
  unknownGateMetrics,
  type Gate,
  type GateConfig,
  type GateSet,
  type GateResult,
  type GateStatus,
  type Verdict,
} from './gates.js';
export {
  CONFIDENCE,
  meanInterval,
  ratioInterval,
  pairedInterval,
  samplesNeeded,
  tCritical,
  sampleMean,
  sampleStdev,
  roundInterval,
  formatInterval,
  type Interval,
} from './confidence.js';
export { intervalsOf, sampledMetricNames, windowSamples, type SampleUnit } from './soak-samples.js';
export { runSoakSeeds, type SeedsOptions, type SeedsResult } from './soak-seeds.js';
export { scenarioPath, venuePath, replayVenue, marketSpec, readScenarioFile, MAX_SEED, MAX_FEED_LATENCY_MS, type MarketChoice } from './market-spec.js';
export { buildExchange, type ExchangeParts, type BuiltExchange } from './build-exchange.js';
export { runSoak, soakParts, venueOf, latencySpecs, METRICS_FILE, AUDIT_FILE, type SoakParts, type SoakOptions, type SoakResult, type SoakProgress, type MarketSpec, type LatencyFlags } from './soak-run.js';
export { TimeQueue } from './time-queue.js';
export { RunDir, type RunDirOptions } from './run-dir.js';
export { ReplayCache, decodeReplay, replayDecoded, MAX_DECODED_EVENTS, type DecodedReplay, type ReplaySource } from './replay-cache.js';
export { renderEdgeReport, renderSoakResults } from './soak-reports.js';
export {
  TimeseriesSampler,
  sampleStepS,
  latencyBin,
  LATENCY_EDGES_MS,
  LATENCY_LEGS,
  type LatencyLeg,
  MAX_SERIES_POINTS,
  MAX_FILL_ROWS,
  TIMESERIES_FILE,
  FILLS_FILE,
  type EngineRecorder,
  type TimeseriesFile,
  type FillsFile,
  type FillVia,
} from './timeseries-sampler.js';

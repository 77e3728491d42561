/**
 * soak-runner: the engine loop, the ledger and metrics, the soak run with its artifacts, gates and verdict.
 */
export { Engine, MARKOUT_HORIZONS_S, type EngineOptions, type EngineCounters, type EngineSamples } from './engine.js';
export { Ledger, type EdgeAmounts } from './ledger.js';
export { computeMetrics, edgeBps, meanMetrics, subtractCounts, type SoakMetricsRecord, type MetricsInput } from './soak-metrics.js';
export { percentile } from './percentile.js';
export { AuditLog, verifyAudit, verifyAuditFile, GENESIS, type AuditRecord, type AuditType, type AuditVerification } from './audit-log.js';
export { gatesSchema, loadGates, evaluateGates, verdictOf, type Gate, type GateConfig, type GateSet, type GateResult } from './gates.js';
export { scenarioPath, marketSpec, type MarketChoice } from './market-spec.js';
export { runSoak, type SoakOptions, type SoakResult, type SoakProgress, type MarketSpec } from './soak-run.js';
export { renderEdgeReport, renderSoakResults } from './soak-reports.js';
export {
  sweepGridSchema,
  parseSweepGrid,
  loadSweepGrid,
  expandGrid,
  cellDeltas,
  type SweepGrid,
  type SweepCell,
  type LoadedSweep,
} from './sweep-grid.js';
export { runSweepCell, type SweepCellTask, type SweepCellRun } from './sweep-cell.js';
export { analyzeSweep, cellResult, type SweepAnalysis, type SweepCellResult, type FieldWindow, type Heatmap } from './sweep-analysis.js';
export { renderSweepMarkdown, renderSweepSvg } from './sweep-reports.js';
export { runSweep, startingValues, SWEEP_FILES, type SweepOptions, type SweepProgress, type SweepResult } from './sweep-run.js';

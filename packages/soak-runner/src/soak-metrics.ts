/**
 * The metrics of SPEC 8 for a window or a whole run, from the engine's counters, the ledger's amounts, the
 * guard's block counts and the window's samples. Pure; exported numbers rounded to 6 decimals.
 */
import { BLOCK_REASONS, roundDecimal, type BlockCounts } from '@mm-profiles/profile-core';
import type { EngineCounters, EngineSamples } from './engine.js';
import { MARKOUT_HORIZONS_S } from './engine.js';
import type { EdgeAmounts } from './internal/ledger.js';
import { percentile } from './internal/percentile.js';
import { QuantileSketch } from './internal/quantile-sketch.js';

/** Samples for a percentile: a window's own (exact selection) or a run's sketch (relative error bound). */
export type SampleSet = ArrayLike<number> | QuantileSketch;

const pct = (x: SampleSet, q: number): number => (x instanceof QuantileSketch ? x.quantile(q) : percentile(x, q));

/** What the metrics read of the samples: a window's (EngineSamples) or a whole run's (RunSamples). */
export interface MetricSamples {
  latencyMs: SampleSet;
  feedLatencyMs: SampleSet;
  adverseBps: SampleSet;
  slippageBps: SampleSet;
  orderAgeMs: SampleSet;
  markoutWeighted: readonly number[];
  markoutNotional: readonly number[];
  fillNotional: number;
  realisedWeighted: number;
  instantWeighted: number;
  maxAbsPosition: number;
  maxDrawdown: number;
}

export interface MetricsInput {
  counters: EngineCounters;
  amounts: EdgeAmounts;
  blocked: BlockCounts;
  samples: MetricSamples;
  durationUs: number;
  maxAbsPosition: number;
  maxDrawdown: number;
  minIntervalMs: number;
}

export type SoakMetricsRecord = Record<string, number | Record<string, number>>;

const r6 = (x: number) => roundDecimal(Number.isFinite(x) ? x : 0, 6);
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Turns currency amounts into bps of turnover. */
export function edgeBps(a: EdgeAmounts): { gross_bps: number; fees_eff_bps: number; slippage_bps: number; inventory_bps: number; net_bps: number } {
  const bps = (x: number) => (a.turnover > 0 ? (x / a.turnover) * 1e4 : 0);
  const gross = bps(a.gross);
  const fees = bps(a.fees);
  const slip = bps(a.slippage);
  const inv = bps(a.inventory);
  return { gross_bps: gross, fees_eff_bps: fees, slippage_bps: slip, inventory_bps: inv, net_bps: gross + fees + slip + inv };
}

export function computeMetrics(m: MetricsInput): SoakMetricsRecord {
  const c = m.counters;
  const a = m.amounts;
  const e = edgeBps(a);
  const blockedTotal = BLOCK_REASONS.reduce((s, k) => s + m.blocked[k], 0);
  const markout: Record<string, number> = {};
  MARKOUT_HORIZONS_S.forEach((h, i) => {
    markout[`${h}s`] = r6(ratio(m.samples.markoutWeighted[i]!, m.samples.markoutNotional[i]!));
  });
  const blockRatio: Record<string, number> = {};
  for (const k of BLOCK_REASONS) blockRatio[k] = r6(ratio(m.blocked[k], c.attempts));
  return {
    duration_s: r6(m.durationUs / 1e6),
    fills: a.fills,
    volume: r6(a.volume),
    turnover: r6(a.turnover),
    attempts: c.attempts,
    executed: c.executed,
    places: c.places,
    replaces: c.replaces,
    cancels: c.cancels,
    tail_age_refreshes: c.tailAgeRefreshes,
    rejects: c.rejects,
    post_only_rejects: c.postOnlyRejects,
    hit_ratio: r6(ratio(c.executed, c.attempts)),
    fill_ratio: r6(ratio(a.fills, c.places + c.replaces)),
    cancel_ratio: r6(ratio(c.cancels + c.replaces, c.executed)),
    order_to_trade: r6(ratio(c.executed, a.fills)),
    blocked: blockedTotal,
    blocked_by: { ...m.blocked },
    block_ratio: blockRatio,
    gross: r6(a.gross),
    fees: r6(a.fees),
    slippage: r6(a.slippage),
    inventory: r6(a.inventory),
    pnl: r6(a.gross + a.fees + a.slippage + a.inventory),
    gross_bps: r6(e.gross_bps),
    fees_eff_bps: r6(e.fees_eff_bps),
    slippage_bps: r6(e.slippage_bps),
    inventory_bps: r6(e.inventory_bps),
    net_bps: r6(e.net_bps),
    realised_spread_bps: r6(ratio(m.samples.realisedWeighted, m.samples.fillNotional)),
    instant_move_bps: r6(ratio(m.samples.instantWeighted, m.samples.fillNotional)),
    adverse_bps: markout['1s']!,
    markout_bps: markout,
    adverse_bps_p95: r6(pct(m.samples.adverseBps, 0.95)),
    slippage_bps_p95: r6(pct(m.samples.slippageBps, 0.95)),
    latency_p50_ms: r6(pct(m.samples.latencyMs, 0.5)),
    latency_p95_ms: r6(pct(m.samples.latencyMs, 0.95)),
    latency_p99_ms: r6(pct(m.samples.latencyMs, 0.99)),
    feed_latency_p50_ms: r6(pct(m.samples.feedLatencyMs, 0.5)),
    feed_latency_p95_ms: r6(pct(m.samples.feedLatencyMs, 0.95)),
    feed_latency_p99_ms: r6(pct(m.samples.feedLatencyMs, 0.99)),
    order_age_p95_ms: r6(pct(m.samples.orderAgeMs, 0.95)),
    quote_presence: r6(ratio(c.presenceUs, m.durationUs)),
    max_abs_position: r6(m.maxAbsPosition),
    mean_abs_position: r6(ratio(c.absPositionUs, m.durationUs)),
    max_drawdown: r6(m.maxDrawdown),
    min_interval_ms: m.minIntervalMs,
  };
}

/** a - b, field by field: what a window added to counters that only grow (engine, ledger, guard). */
export function subtractCounts<T extends { [K in keyof T]: number }>(a: T, b: T): T {
  const out = { ...a };
  for (const k of Object.keys(out) as Array<keyof T>) out[k] = (a[k] - b[k]) as T[keyof T];
  return out;
}

/**
 * A run's samples without keeping them: each window's sums added, its sample sets folded into sketches (memory
 * bounded by the values' range, not the run's length). The sums are added window by window from zero, the
 * same floating-point steps as mergeSamples.
 */
export class RunSamples implements MetricSamples {
  readonly latencyMs = new QuantileSketch();
  readonly feedLatencyMs = new QuantileSketch();
  readonly adverseBps = new QuantileSketch();
  readonly slippageBps = new QuantileSketch();
  readonly orderAgeMs = new QuantileSketch();
  readonly markoutWeighted = MARKOUT_HORIZONS_S.map(() => 0);
  readonly markoutNotional = MARKOUT_HORIZONS_S.map(() => 0);
  fillNotional = 0;
  realisedWeighted = 0;
  instantWeighted = 0;
  maxAbsPosition = 0;
  maxDrawdown = 0;

  add(w: EngineSamples): void {
    this.latencyMs.addAll(w.latencyMs);
    this.feedLatencyMs.addAll(w.feedLatencyMs);
    this.adverseBps.addAll(w.adverseBps);
    this.slippageBps.addAll(w.slippageBps);
    this.orderAgeMs.addAll(w.orderAgeMs);
    for (let i = 0; i < MARKOUT_HORIZONS_S.length; i++) {
      this.markoutWeighted[i]! += w.markoutWeighted[i]!;
      this.markoutNotional[i]! += w.markoutNotional[i]!;
    }
    this.fillNotional += w.fillNotional;
    this.realisedWeighted += w.realisedWeighted;
    this.instantWeighted += w.instantWeighted;
    this.maxAbsPosition = Math.max(this.maxAbsPosition, w.maxAbsPosition);
    this.maxDrawdown = Math.max(this.maxDrawdown, w.maxDrawdown);
  }
}

/** All windows' samples in one set (kept whole: exact percentiles; tests and METRIC_NAMES). */
export function mergeSamples(all: EngineSamples[]): EngineSamples {
  return {
    latencyMs: all.flatMap((s) => s.latencyMs),
    feedLatencyMs: all.flatMap((s) => s.feedLatencyMs),
    adverseBps: all.flatMap((s) => s.adverseBps),
    slippageBps: all.flatMap((s) => s.slippageBps),
    orderAgeMs: all.flatMap((s) => s.orderAgeMs),
    markoutWeighted: MARKOUT_HORIZONS_S.map((_, i) => all.reduce((s, x) => s + x.markoutWeighted[i]!, 0)),
    markoutNotional: MARKOUT_HORIZONS_S.map((_, i) => all.reduce((s, x) => s + x.markoutNotional[i]!, 0)),
    fillNotional: all.reduce((s, x) => s + x.fillNotional, 0),
    realisedWeighted: all.reduce((s, x) => s + x.realisedWeighted, 0),
    instantWeighted: all.reduce((s, x) => s + x.instantWeighted, 0),
    maxAbsPosition: all.reduce((s, x) => Math.max(s, x.maxAbsPosition), 0),
    maxDrawdown: all.reduce((s, x) => Math.max(s, x.maxDrawdown), 0),
  };
}

/**
 * Means over several runs (seeds) of every top-level numeric metric present in all of them, rounded to 6
 * decimals: what a comparison or a sweep cell is judged on.
 */
export function meanMetrics(runs: readonly Record<string, unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (runs.length === 0) return out;
  for (const k of Object.keys(runs[0]!)) {
    const xs = runs.map((m) => m[k]);
    if (xs.every((x) => typeof x === 'number' && Number.isFinite(x))) out[k] = r6((xs as number[]).reduce((a, b) => a + b, 0) / xs.length);
  }
  return out;
}

/** The names of the numeric metrics a run exports (what a gate or a sweep constraint may name). */
export const METRIC_NAMES: readonly string[] = Object.entries(
  // Every counter, amount and block count reads 0 (whatever fields they grow); samples are an empty merge.
  computeMetrics({
    counters: new Proxy({}, { get: () => 0 }) as EngineCounters,
    amounts: new Proxy({}, { get: () => 0 }) as EdgeAmounts,
    blocked: new Proxy({}, { get: () => 0 }) as BlockCounts,
    samples: mergeSamples([]),
    durationUs: 0,
    maxAbsPosition: 0,
    maxDrawdown: 0,
    minIntervalMs: 0,
  }),
)
  .filter(([, v]) => typeof v === 'number')
  .map(([k]) => k)
  .sort();

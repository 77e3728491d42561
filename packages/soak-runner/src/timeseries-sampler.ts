/**
 * The soak's compact time series for pictures (issue 15): the engine hands it its state on market time and
 * it keeps one point per step (1 s, coarser for long runs so a 72 h soak stays small), a fills table and a
 * latency histogram per leg (the latencies the engine applied: feed per market event, entry per request sent,
 * response per report the exchange sent, request to ack as the strategy saw it). Written as columnar canonical JSON (`timeseries.json`, `fills.json`) beside the summary.
 * Market time only, so the same inputs give the same bytes.
 */
import { BLOCK_REASONS, type BlockCounts } from '@mm-profiles/profile-core';
import type { EngineCounters } from './engine.js';
import { FillLog } from './internal/fill-log.js';
import type { Ledger } from './internal/ledger.js';

export const TIMESERIES_FILE = 'timeseries.json';
export const FILLS_FILE = 'fills.json';
/** At most this many points per run: the step grows (nice steps only) to stay under it. */
export const MAX_SERIES_POINTS = 20_000;
/** The fills table keeps every fill up to this many, else every k-th (k stated in the file). */
export const MAX_FILL_ROWS = 20_000;
/** Candidate steps, seconds. */
const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** Latency histogram bin edges, ms: 0.5 ms wide to 20 ms, 2 ms to 100, 10 ms to 1 s, then one open bin. */
export const LATENCY_EDGES_MS: readonly number[] = [
  ...Array.from({ length: 40 }, (_, i) => i * 0.5),
  ...Array.from({ length: 40 }, (_, i) => 20 + i * 2),
  ...Array.from({ length: 91 }, (_, i) => 100 + i * 10),
];

/**
 * The latency legs, each counted where the engine applies it: `feed` per market event (exchange time to when the
 * strategy sees it), `entry` per request sent (send to arrival at the exchange), `response` per report the
 * exchange sends (ack, reject, fill: exchange time to when the strategy learns it), `request_ack` per request
 * acknowledged or rejected, as the strategy saw it (sent to learned: entry + response).
 */
export const LATENCY_LEGS = ['feed', 'entry', 'response', 'request_ack'] as const;
export type LatencyLeg = (typeof LATENCY_LEGS)[number];

/** Markout blocks: at least this long (twice the longest horizon, so few markouts reach past the next block). */
export const MARKOUT_BLOCK_MIN_S = 60;
/** At most about this many markout blocks per run: longer runs take longer blocks (nice steps). */
const MAX_MARKOUT_BLOCKS = 1500;

/** The smallest nice step (seconds) that keeps a span of `spanUs` within `maxPoints` points. */
export function sampleStepS(spanUs: number, maxPoints = MAX_SERIES_POINTS): number {
  for (const s of NICE_STEPS_S) if (spanUs / (s * 1e6) <= maxPoints - 1) return s;
  return Math.ceil(spanUs / 1e6 / (maxPoints - 1) / 3600) * 3600;
}

/** The bin of `ms` in `edges` (last bin open-ended): the largest i with edges[i] <= ms. */
export function latencyBin(ms: number, edges: readonly number[] = LATENCY_EDGES_MS): number {
  if (edges === LATENCY_EDGES_MS) return latencyBinFast(ms);
  let lo = 0;
  let hi = edges.length - 1;
  if (ms >= edges[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= ms) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * latencyBin on LATENCY_EDGES_MS by arithmetic (the feed leg bins every market event: no search). Each edge is a
 * multiple of 0.5 ms, exact in binary, so the divisions land on the same side of an edge as the comparisons.
 */
function latencyBinFast(ms: number): number {
  if (!(ms >= 0)) return 0;
  if (ms < 20) return Math.floor(ms * 2);
  if (ms < 100) return 40 + Math.floor((ms - 20) / 2);
  if (ms < 1000) return 80 + Math.floor((ms - 100) / 10);
  return 170;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const r10 = (x: number) => Math.round(x * 1e10) / 1e10;

export type FillVia = 'cross' | 'trade_through' | 'queue';
const VIAS: readonly FillVia[] = ['cross', 'trade_through', 'queue'];

/** The state a sample reads: the PnL amounts, the position in quantity units and the mid as traded. */
export interface RecordedState {
  readonly amounts: Ledger['amounts'];
  readonly position: number;
  readonly mid: number;
  /** The quoter's inventory skew at its last decision, bps of fair (negative when long). */
  readonly reservationBps?: number;
}

/** What the engine calls: `due` is read on every event, the rest only when something happens. */
export interface EngineRecorder {
  /** Market time (µs) of the next grid point; an event at or after it calls `sample` first. */
  readonly dueUs: number;
  sample(ts: number, ledger: RecordedState, counters: EngineCounters, bidPx: number | null, askPx: number | null): void;
  finish(ts: number, ledger: RecordedState, counters: EngineCounters, bidPx: number | null, askPx: number | null): void;
  onFill(ts: number, side: 1 | -1, px: number, qty: number, mid: number, via: FillVia): void;
  /** One latency the engine applied on `leg`, µs. */
  onLatency(leg: LatencyLeg, latencyUs: number): void;
  /** A fill's markout at horizon `h` (index into the engine's horizons) as the run measured it, and its notional. */
  onMarkout(h: number, fillTs: number, markoutBps: number, notional: number): void;
}

export interface TimeseriesFile {
  version: 1;
  start_us: number;
  step_s: number;
  max_position: number;
  /** One entry per grid point: t_s is market time in seconds; the rest is the state just before it. */
  columns: {
    t_s: number[];
    equity: number[];
    gross: number[];
    slippage: number[];
    fees: number[];
    inventory: number[];
    position: number[];
    mid: (number | null)[];
    bid: (number | null)[];
    ask: (number | null)[];
    /** Share of the step with both our quotes live, 0..1. */
    presence: number[];
    /** The quoter's inventory skew: where its quotes were centred against fair, bps (negative when long). */
    skew_bps: number[];
    /** Blocks in the step, by reason. */
    blocks: Record<string, number[]>;
  };
  /** Per leg (LATENCY_LEGS): counts per bin of `edges_ms` (lower edges; the last bin open) and their total. */
  latency: { edges_ms: number[]; counts: Record<string, number[]>; n: Record<string, number> };
  /**
   * The fills' markouts by block of market time (the block a fill happened in), per horizon: Σ markout × notional
   * (bps × quote) and Σ notional. Their ratio over all blocks is the run's turnover-weighted markout; the blocks
   * are the samples of its interval (markouts of nearby fills overlap in time, so single fills are not).
   */
  markout_blocks: { block_s: number; horizons_s: number[]; weighted: number[][]; notional: number[][] };
}

export interface FillsFile {
  version: 1;
  total: number;
  /** Every `stride`-th fill is listed (1 = all). */
  stride: number;
  columns: { t_s: number[]; side: number[]; px: number[]; qty: number[]; mid: number[]; via: number[] };
  /** `via` codes: the index into this list. */
  vias: FillVia[];
}

const zeros = () => LATENCY_EDGES_MS.map(() => 0);

export class TimeseriesSampler implements EngineRecorder {
  dueUs = Infinity;
  private stepUs = 1e6;
  private startUs = 0;
  private readonly c: TimeseriesFile['columns'];
  private readonly blocks0: BlockCounts;
  private presence0 = 0;
  private lastSampleUs = 0;
  /** Every fill, off the heap (a scratch file when given): fills.json's stride is known only at the end. */
  private readonly fills: FillLog;
  private blockUs = MARKOUT_BLOCK_MIN_S * 1e6;
  private readonly mkWeighted: number[][] = [];
  private readonly mkNotional: number[][] = [];
  /** Every leg from the start (a run with no orders still says its entry leg counted none). */
  private readonly latency: Record<LatencyLeg, number[]> = { feed: zeros(), entry: zeros(), response: zeros(), request_ack: zeros() };

  constructor(
    private readonly maxPosition: number,
    /** The guard's block counters (they only grow). */
    private readonly blockedBy: Readonly<BlockCounts>,
    /** The markout horizons, seconds (the engine's). */
    private readonly horizonsS: readonly number[],
    /** Where full chunks of fill rows go until fillsTable (removed by close); default: kept in memory. */
    fillsScratch?: string,
  ) {
    this.fills = new FillLog(fillsScratch);
    for (let h = 0; h < horizonsS.length; h++) {
      this.mkWeighted.push([]);
      this.mkNotional.push([]);
    }
    this.blocks0 = { ...blockedBy };
    const blocks: Record<string, number[]> = {};
    for (const k of BLOCK_REASONS) blocks[k] = [];
    this.c = { t_s: [], equity: [], gross: [], slippage: [], fees: [], inventory: [], position: [], mid: [], bid: [], ask: [], presence: [], skew_bps: [], blocks };
  }

  /** The run's market time starts at `startUs` and spans `spanUs`: sets the grid. */
  begin(startUs: number, spanUs: number): void {
    this.startUs = startUs;
    this.stepUs = sampleStepS(spanUs) * 1e6;
    this.blockUs = Math.max(MARKOUT_BLOCK_MIN_S, sampleStepS(spanUs, MAX_MARKOUT_BLOCKS)) * 1e6;
    this.dueUs = startUs;
    this.lastSampleUs = startUs;
  }

  /** Every grid point up to `ts` gets the current state (it held since the last event). */
  sample(ts: number, ledger: RecordedState, counters: EngineCounters, bidPx: number | null, askPx: number | null): void {
    while (this.dueUs <= ts) {
      this.push(this.dueUs, ledger, counters, bidPx, askPx);
      this.dueUs += this.stepUs;
    }
  }

  /** The run's last point, at its end (off the grid when the run ends between two points). */
  finish(endUs: number, ledger: RecordedState, counters: EngineCounters, bidPx: number | null, askPx: number | null): void {
    this.sample(endUs, ledger, counters, bidPx, askPx);
    const last = this.c.t_s[this.c.t_s.length - 1];
    if (last === undefined || last * 1e6 < endUs) this.push(endUs, ledger, counters, bidPx, askPx);
    this.dueUs = Infinity;
  }

  private push(t: number, ledger: RecordedState, counters: EngineCounters, bidPx: number | null, askPx: number | null): void {
    const c = this.c;
    const a = ledger.amounts;
    const mid = ledger.mid === ledger.mid ? ledger.mid : null;
    c.t_s.push(r6(t / 1e6));
    c.equity.push(r6(a.gross + a.slippage + a.fees + a.inventory));
    c.gross.push(r6(a.gross));
    c.slippage.push(r6(a.slippage));
    c.fees.push(r6(a.fees));
    c.inventory.push(r6(a.inventory));
    c.position.push(r10(ledger.position));
    c.mid.push(mid === null ? null : r10(mid));
    c.bid.push(bidPx === null ? null : r10(bidPx));
    c.ask.push(askPx === null ? null : r10(askPx));
    const dt = t - this.lastSampleUs;
    c.presence.push(dt > 0 ? r6(Math.min(1, (counters.presenceUs - this.presence0) / dt)) : bidPx !== null && askPx !== null ? 1 : 0);
    this.presence0 = counters.presenceUs;
    this.lastSampleUs = t;
    c.skew_bps.push(r6(ledger.reservationBps ?? 0));
    for (const k of BLOCK_REASONS) {
      c.blocks[k]!.push(this.blockedBy[k] - this.blocks0[k]);
      this.blocks0[k] = this.blockedBy[k];
    }
  }

  onFill(ts: number, side: 1 | -1, px: number, qty: number, mid: number, via: FillVia): void {
    this.fills.add(ts, side, px, qty, mid, VIAS.indexOf(via));
  }

  onLatency(leg: LatencyLeg, latencyUs: number): void {
    this.latency[leg][latencyBinFast(latencyUs / 1000)]! += 1;
  }

  onMarkout(h: number, fillTs: number, markoutBps: number, notional: number): void {
    const b = Math.max(0, Math.floor((fillTs - this.startUs) / this.blockUs));
    const w = this.mkWeighted[h]!;
    const n = this.mkNotional[h]!;
    while (w.length <= b) {
      w.push(0);
      n.push(0);
    }
    w[b]! += markoutBps * notional;
    n[b]! += notional;
  }

  timeseries(): TimeseriesFile {
    const counts: Record<string, number[]> = {};
    const n: Record<string, number> = {};
    for (const leg of LATENCY_LEGS) {
      counts[leg] = this.latency[leg];
      n[leg] = this.latency[leg].reduce((s, x) => s + x, 0);
    }
    return {
      version: 1,
      start_us: this.startUs,
      step_s: this.stepUs / 1e6,
      max_position: this.maxPosition,
      columns: this.c,
      latency: { edges_ms: [...LATENCY_EDGES_MS], counts, n },
      markout_blocks: this.markoutBlocks(),
    };
  }

  /** Every horizon over the same blocks (to the last with a fill), rounded for the file. */
  private markoutBlocks(): TimeseriesFile['markout_blocks'] {
    const len = Math.max(0, ...this.mkNotional.map((n) => n.length));
    const pad = (xs: number[]) => Array.from({ length: len }, (_, i) => r6(xs[i] ?? 0));
    return { block_s: this.blockUs / 1e6, horizons_s: [...this.horizonsS], weighted: this.mkWeighted.map(pad), notional: this.mkNotional.map(pad) };
  }

  fillsTable(maxRows = MAX_FILL_ROWS): FillsFile {
    const total = this.fills.length;
    const stride = Math.max(1, Math.ceil(total / maxRows));
    const rows = this.fills.every(stride);
    return {
      version: 1,
      total,
      stride,
      columns: {
        t_s: rows.map((f) => r6(f.t / 1e6)),
        side: rows.map((f) => f.side),
        px: rows.map((f) => r10(f.px)),
        qty: rows.map((f) => r10(f.qty)),
        mid: rows.map((f) => r10(f.mid)),
        via: rows.map((f) => f.via),
      },
      vias: [...VIAS],
    };
  }

  /** Drops the fills' scratch file: call once fills.json is written. */
  close(): void {
    this.fills.close();
  }
}

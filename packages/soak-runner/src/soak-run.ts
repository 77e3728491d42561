/**
 * A soak run: a profile against a market (synthetic or replayed) for N iterations (windows of market time),
 * auto-tune between them, the edge policy fed per window, metrics appended per window, then the reports, the
 * gates and the verdict. Deterministic: market time only, seeded randomness, canonical JSON.
 */
import {
  APPLIED_PROFILE_FILE,
  canonicalJson,
  canonicalLine,
  marker,
  roundDecimal,
  saveAppliedProfile,
  soakRunSummarySchema,
  UserError,
  type ResolvedProfile,
  type SoakRunSummary,
} from '@mm-profiles/profile-core';
import {
  SyntheticMarket,
  openReplay,
  type EventStream,
  type MarketEvent,
  type ReplayStats,
  type ModelChoice,
  tardisOverlapWarning,
  type LatencySpec,
  type LatencySpecs,
  type Scenario,
  type Venue,
  venueFromScenario,
} from '@mm-profiles/market-sim';
import { EdgePolicy, EdgeSentinel, type AutoTuneConfig, type EdgeDecision, type EdgePolicyConfig } from '@mm-profiles/sentinel';
import { quoterFromProfile, type QuoterFactory } from '@mm-profiles/quoter';
import { buildExchange, type BuiltExchange } from './internal/build-exchange.js';
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AuditLog, type AuditMode } from './audit-log.js';
import { decodeReplay, firstMarketTs, replayDecoded, type ReplayCache, type ReplaySource } from './replay-cache.js';
import { Engine, MARKOUT_HORIZONS_S } from './engine.js';
import { evaluateGates, verdictOf, type GateResult, type GateSet, type Verdict } from './gates.js';
import type { Interval } from './confidence.js';
import { intervalsOf, sampledMetricNames, windowSamples as samplesOfWindows } from './soak-samples.js';
import type { EdgeAmounts } from './internal/ledger.js';
import { computeMetrics, RunSamples, subtractCounts, type SoakMetricsRecord } from './soak-metrics.js';
import { renderEdgeReport, renderSoakResults } from './internal/soak-reports.js';
import { RunDir } from './internal/run-dir.js';
import { FILLS_FILE, TIMESERIES_FILE, TimeseriesSampler } from './timeseries-sampler.js';

export const METRICS_FILE = 'metrics.jsonl';
export const AUDIT_FILE = 'audit.jsonl';
/** The fill rows' scratch file in the staging folder (never swapped in). */
const FILLS_SCRATCH = '.fills.scratch';
/** The shortest replay window --iterations may cut (a window is a unit of auto-tune and of the interval). */
export const MIN_REPLAY_WINDOW_US = 1000;

/** The venue a run trades on (the mock: the scenario's own unless one is named; a replay: its symbol's). */
interface OnVenue {
  /** Default: the scenario's own venue (`venueFromScenario`). */
  venue?: Venue;
  venueName?: string;
  /** `--queue-model` / `--exchange-model`: win over the venue's and the scenario's. */
  models?: ModelChoice;
  /** `--latency-model` (the entry and response legs) and `--feed-latency-ms` (extra feed delay): win over the scenario's. */
  latency?: LatencyFlags;
}

export interface LatencyFlags {
  order?: LatencySpec;
  feedExtraMs?: number;
}

/** The legs' specs in force: the flag's order legs, else the scenario's; the scenario's feed leg. */
export function latencySpecs(s: Scenario, flags?: LatencyFlags): LatencySpecs {
  const order = flags?.order;
  return { feed: s.feed_latency, entry: order ?? s.latency, response: order ?? s.response_latency };
}

export type MarketSpec =
  | ({ kind: 'mock'; scenario: Scenario; scenarioName: string; seed: number } & OnVenue)
  | ({
      kind: 'replay';
      file: string;
      format: string;
      skipBadLines: boolean;
      /** Read the capture's depth into the exchange's L2 book (`--depth on|off`); default on. */
      depth?: boolean;
      /** Tardis: replay to the end of the longer file (`--until-last`); default: stop where one file ends. */
      untilLast?: boolean;
      scenario: Scenario;
      scenarioName: string;
      seed: number;
    } & OnVenue);

/** The parts a run trades with, built outside the run so a caller can inject its own. */
export interface SoakParts {
  venue: Venue;
  /** The simulated exchange, built from the venue, latency, queue, exchange and fee models (`buildExchange`). */
  exchange: BuiltExchange;
  /** The strategy: built once per run (quoters keep state) from the live profile and the venue. */
  quoter: QuoterFactory;
}

/** The default parts of a market: its venue, the exchange of its models and seed, the quoter the profile names. */
export function soakParts(market: MarketSpec): SoakParts {
  const venue = venueOf(market);
  const s = market.scenario;
  const exchange = buildExchange({
    venue,
    latency: latencySpecs(s, market.latency),
    feedExtraMs: market.latency?.feedExtraMs,
    seed: market.seed,
    models: market.models,
    scenarioModels: s,
  });
  return { venue, exchange, quoter: quoterFromProfile };
}

export interface SoakOptions {
  profile: ResolvedProfile;
  market: MarketSpec;
  /**
   * Builds the run's parts from its market (called once per run: a multi-seed soak calls it per seed, with that
   * seed's market); default `soakParts`.
   */
  parts?: (market: MarketSpec) => SoakParts;
  iterations: number;
  /** Window length, market seconds; default: the scenario's (mock) or the replay's span / iterations. */
  windowS?: number;
  /** Where the artifacts go; without it nothing is written (a sweep cell keeps only the returned metrics). */
  outDir?: string;
  /** How much of the order flow audit.jsonl keeps (default full; AUDIT_MODES). */
  audit?: AuditMode;
  /**
   * A replay decoded once for many runs (a sweep worker's cells and seeds). With it the run's replay stats are
   * the whole capture's even when its windows end before the capture does.
   */
  replayCache?: ReplayCache;
  metricsPath?: string;
  autoTune: boolean;
  gates: GateSet;
  edgePolicy: EdgePolicyConfig;
  /**
   * The edge policy's fallback, resolved: when given, a SWITCH quotes it from the next window and BACK returns
   * to the primary; without it the policy's decisions are only reported (reviews compare profiles as written).
   */
  fallbackProfile?: ResolvedProfile;
  /** Bounds of the min_interval auto-tune (default: the sentinel's). */
  autoTuneConfig?: AutoTuneConfig;
  /** Marker lines and progress, as they happen. */
  log?: (line: string) => void;
  onProgress?: (p: SoakProgress) => void;
  /** Set to stop after the current batch (Ctrl-C). */
  shouldStop?: () => boolean;
  /** Root for relative paths shown in artifacts. */
  root: string;
  /** Who holds the out-dir lock, shown to a second run (default "mm soak"). */
  command?: string;
  /** How the out-dir appears in messages. */
  outDirLabel?: string;
  /** Warnings (a stale lock taken over); default `log`. */
  warn?: (line: string) => void;
  /**
   * Called with the staging folder once every artifact is written there, before the swap: files it adds there
   * (e.g. the report page) join the run's all-or-nothing swap; if it throws, nothing is swapped in.
   */
  beforeCommit?: (stagingDir: string) => void;
}

export interface SoakProgress {
  iteration: number;
  iterations: number;
  marketUs: number;
  totalUs: number;
  events: number;
}

export interface SoakResult {
  verdict: Verdict;
  /** summary.json as written (parsed through its schema). */
  summary: SoakRunSummary;
  metrics: SoakMetricsRecord;
  iterations: SoakMetricsRecord[];
  gates: GateResult[];
  /** 95% intervals over the run's samples (replay: its windows with fills); empty on a synthetic run. */
  intervals: Record<string, Interval>;
  durationUs: number;
}

/** Tolerance of the PnL identity: float rounding over the run's turnover. */
function identityTolerance(turnover: number): number {
  return 1e-9 * Math.max(1, turnover) + 1e-9;
}

/**
 * A replay with fixed windows needs no span: it starts at its first event, read as the run reads the rest (one
 * pass). Returns that first event's time and the stream from it on.
 */
async function replayFromFirst(src: ReplaySource): Promise<{ first: number; events: EventStream; stats: ReplayStats }> {
  const replay = openReplay(src.file, src.format, { skipBadLines: src.skipBadLines, includeDepth: src.includeDepth, untilLast: src.untilLast });
  const it = replay.events[Symbol.asyncIterator]();
  // The run starts at the first quote or trade (depth before it only builds the book), as the span pass had it.
  const head: MarketEvent[][] = [];
  let first = NaN;
  while (first !== first) {
    const r = await it.next();
    if (r.done) throw new UserError(`${src.file}: no market events to replay`);
    head.push(r.value);
    first = firstMarketTs(r.value);
  }
  const events: EventStream = {
    async *[Symbol.asyncIterator]() {
      try {
        for (const b of head) yield b;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      } finally {
        // Stopped early (the last window closed): the reader closes its file.
        await it.return?.();
      }
    },
  };
  return { first, events, stats: replay.stats };
}

/** What the run made of depth: `off` (not read), `none` (read, the capture has none: L1 rules), `l2` (an L2 book). */
export function depthUse(asked: boolean, stats: ReplayStats | undefined): 'off' | 'none' | 'l2' {
  if (!asked) return 'off';
  return stats && stats.depth > 0 ? 'l2' : 'none';
}

/** The venue a market trades on: its own, else its scenario's. */
export function venueOf(m: MarketSpec): Venue {
  return m.venue ?? venueFromScenario(m.scenario);
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => undefined);
  const parts = (o.parts ?? soakParts)(o.market);
  const sentinel = new EdgeSentinel({ resolved: o.profile, root: o.root, maxPosition: parts.venue.max_position, log, autoTune: o.autoTuneConfig });
  const outDir = o.outDir;
  // Everything is written into a staging folder and swapped in at the end: a run that fails changes nothing.
  const run = outDir !== undefined ? RunDir.open(outDir, { command: o.command ?? 'mm soak', label: o.outDirLabel, warn: o.warn ?? log }) : undefined;
  try {
    return await soakInto(o, run, sentinel, parts, log);
  } catch (error) {
    run?.abort();
    throw error;
  }
}

async function soakInto(o: SoakOptions, run: RunDir | undefined, sentinel: EdgeSentinel, parts: SoakParts, log: (line: string) => void): Promise<SoakResult> {
  const built = parts.exchange;
  const s = o.market.scenario;
  const outDir = o.outDir;
  const metricsPath = run ? run.path(METRICS_FILE) : undefined;
  const metricsTarget = outDir !== undefined ? (o.metricsPath ?? join(outDir, METRICS_FILE)) : undefined;
  const metricsHash = createHash('sha256');
  const audit = new AuditLog(run ? run.path(AUDIT_FILE) : null, o.audit ?? 'full');
  if (metricsPath !== undefined) writeFileSync(metricsPath, '');
  const appliedPath = run ? run.path(APPLIED_PROFILE_FILE) : undefined;
  if (appliedPath) saveAppliedProfile(appliedPath, sentinel.resolvedProfile);

  // The fills go to a scratch file in the staging folder (memory flat in the run's length), gone before the swap.
  const sampler = run ? new TimeseriesSampler(s.max_position, sentinel.blockedBy, MARKOUT_HORIZONS_S, run.path(FILLS_SCRATCH)) : undefined;
  const engine = new Engine({
    sentinel,
    emulator: built.emulator,
    // The quoter reads the sentinel's profile on every decision: auto-tune and edge-policy switches included.
    quoter: parts.quoter(sentinel, built.quoterVenue),
    maxPosition: built.venue.max_position,
    lotSize: built.venue.lot_size,
    minQty: built.venue.min_qty,
    asset: built.asset,
    audit,
    recorder: sampler,
    feed: built.feed,
    response: built.response,
  });

  let startUs: number;
  let windowUs: number;
  let events: EventStream;
  let replayStats: ReplayStats | undefined;
  if (o.market.kind === 'mock') {
    startUs = 0;
    windowUs = Math.round((o.windowS ?? s.window_s) * 1e6);
    events = new SyntheticMarket(s, o.market.seed).stream(startUs + o.iterations * windowUs);
  } else {
    const src: ReplaySource = { file: o.market.file, format: o.market.format, skipBadLines: o.market.skipBadLines, includeDepth: o.market.depth !== false, untilLast: o.market.untilLast };
    // Fixed windows need no span (a Binance capture: a Tardis pair's overlap is known only once both are read).
    if (o.windowS && !o.replayCache && src.format === 'binance-ws') {
      const r = await replayFromFirst(src);
      startUs = r.first;
      windowUs = Math.round(o.windowS * 1e6);
      events = r.events;
      replayStats = r.stats;
    } else {
    // The span (for the windows) from one pass that also decodes the capture; the run replays what it decoded.
    const span = o.replayCache ? await o.replayCache.get(src, o.shouldStop) : await decodeReplay(src, o.shouldStop);
    const overlap = tardisOverlapWarning(span.stats.tardis);
    if (overlap) (o.warn ?? log)(overlap);
    startUs = span.first;
    windowUs = o.windowS ? Math.round(o.windowS * 1e6) : Math.ceil((span.last + 1 - span.first) / o.iterations);
    if (o.iterations > 1 && windowUs < MIN_REPLAY_WINDOW_US) {
      throw new UserError(`${o.market.file}: ${o.iterations} iterations split the replay's ${((span.last + 1 - span.first) / 1e6).toFixed(3)} s into windows under ${MIN_REPLAY_WINDOW_US / 1000} ms; use fewer iterations`);
    }
    if (span.decoded) {
      events = replayDecoded(span.decoded);
      replayStats = structuredClone(span.decoded.stats);
    } else {
      // Too large to keep: read again.
      const replay = openReplay(src.file, src.format, src);
      events = replay.events;
      replayStats = replay.stats;
    }
    }
  }
  const totalUs = o.iterations * windowUs;
  sampler?.begin(startUs, totalUs);
  const policy = new EdgePolicy(o.profile.name, o.edgePolicy);
  const decisions: EdgeDecision[] = [];
  const iterations: SoakMetricsRecord[] = [];
  // The run's samples folded window by window (sketches for its percentiles): memory flat in the run's length.
  const runSamples = new RunSamples();

  let iter = 0;
  let windowEnd = startUs + windowUs;
  let counters0 = { ...engine.counters };
  let amounts0: EdgeAmounts = { ...engine.ledger.amounts };
  let blocked0 = { ...sentinel.blockedBy };
  let stopped = false;

  const closeWindow = (endUs: number, complete: boolean) => {
    // What the strategy saw and learned before the window's end belongs to this window.
    engine.strategyUntil(endUs - 1);
    iter += 1;
    const counters = subtractCounts(engine.counters, counters0);
    const amounts = subtractCounts(engine.ledger.amounts, amounts0);
    const blocked = subtractCounts(sentinel.blockedBy, blocked0);
    const samples = engine.takeSamples();
    runSamples.add(samples);
    const durationUs = endUs - (startUs + (iter - 1) * windowUs);
    const m = computeMetrics({
      counters,
      amounts,
      blocked,
      samples,
      durationUs,
      // Per window: this window's own extremes (the run's are in the summary).
      maxAbsPosition: samples.maxAbsPosition,
      maxDrawdown: samples.maxDrawdown,
      minIntervalMs: sentinel.appliedProfile.min_interval_ms,
    });
    audit.closeWindow(iter, endUs);
    const record: SoakMetricsRecord = { iteration: iter, ts: endUs, complete: complete ? 1 : 0, ...m };
    iterations.push(record);
    // One write of a whole line: a killed run leaves only whole lines.
    if (metricsPath !== undefined) {
      const line = canonicalLine(record) + '\n';
      appendFileSync(metricsPath, line);
      metricsHash.update(line);
    }
    log(marker('soak_iter', complete ? 'OK' : 'PARTIAL', `ITER=${iter}/${o.iterations} NET_BPS=${m['net_bps']} FILLS=${m['fills']} HIT=${m['hit_ratio']} P95_MS=${m['latency_p95_ms']} BLOCKS=${m['blocked']}`));
    const d = policy.observe({ ts: endUs, net_bps: m['net_bps'] as number, duration_s: durationUs / 1e6 });
    decisions.push(d);
    if (d.marker) log(d.marker);
    if (o.autoTune && complete) sentinel.checkAndAdjustMinInterval(endUs);
    // From the next window: after the last one there is none to quote.
    if (complete && iter < o.iterations && o.fallbackProfile && (d.action === 'SWITCH' || d.action === 'BACK')) {
      const to = d.active === o.profile.name ? o.profile : o.fallbackProfile;
      const why = d.action === 'SWITCH' ? 'edge_policy_switch' : 'edge_policy_back';
      const sw = sentinel.switchProfile(to, endUs, why);
      audit.append({ ts: endUs, type: 'SWITCH', side: null, order_id: null, px: null, qty: null, reason: `${sw.from}->${sw.to}:${why}` });
    }
    counters0 = { ...engine.counters };
    amounts0 = { ...engine.ledger.amounts };
    blocked0 = { ...sentinel.blockedBy };
  };

  outer: for await (const batch of events) {
    for (let i = 0; i < batch.length; i++) {
      const e: MarketEvent = batch[i]!;
      while (e.ts >= windowEnd && iter < o.iterations) {
        closeWindow(windowEnd, true);
        windowEnd += windowUs;
      }
      if (iter >= o.iterations) break outer;
      engine.onEvent(e);
    }
    o.onProgress?.({ iteration: iter + 1, iterations: o.iterations, marketUs: engine.now - startUs, totalUs, events: engine.events });
    // Synthetic batches resolve as microtasks: let signals (Ctrl-C, SIGTERM) run after every batch.
    await yieldToEventLoop();
    if (o.shouldStop?.()) {
      stopped = true;
      break;
    }
  }
  engine.finish();
  if (stopped) {
    if (iter < o.iterations) closeWindow(Math.max(engine.now, startUs + iter * windowUs), false);
  } else {
    while (iter < o.iterations) {
      closeWindow(windowEnd, true);
      windowEnd += windowUs;
    }
  }
  const complete = !stopped;
  const durationUs = iterations.length ? (iterations[iterations.length - 1]!['ts'] as number) - startUs : 0;
  engine.record(startUs + durationUs, true);

  const gap = engine.ledger.identityGap();
  if (gap > identityTolerance(engine.ledger.amounts.turnover)) {
    throw new Error(`PnL identity broken: decomposition and equity differ by ${gap} (a bookkeeping bug)`);
  }
  const metrics = computeMetrics({
    counters: engine.counters,
    amounts: engine.ledger.amounts,
    blocked: sentinel.blockedBy,
    samples: runSamples,
    durationUs,
    maxAbsPosition: engine.maxAbsPosition,
    maxDrawdown: engine.maxDrawdown,
    minIntervalMs: sentinel.appliedProfile.min_interval_ms,
  });
  // On a replay the windows are the samples (a synthetic run's samples are its seeds: soak-seeds).
  const samples = o.market.kind === 'replay' ? samplesOfWindows(iterations) : [];
  const intervals = samples.length >= 2 ? intervalsOf(samples, sampledMetricNames(o.gates)) : {};
  const gates = evaluateGates(metrics, o.gates, intervals);
  const verdict = verdictOf(gates, complete);
  const adjustments = sentinel.runtimeAdjustments;
  const metricsSha256 = metricsHash.digest('hex');
  // The audit's last line binds it to the run: its totals and the metrics file's hash.
  audit.close(iterations.length ? (iterations[iterations.length - 1]!['ts'] as number) : startUs, {
    complete,
    iterations: iterations.length,
    fills: metrics['fills'] as number,
    places: metrics['places'] as number,
    replaces: metrics['replaces'] as number,
    cancels: metrics['cancels'] as number,
    rejects: metrics['rejects'] as number,
    net_bps: metrics['net_bps'] as number,
    metrics_sha256: metricsSha256,
  });
  if (appliedPath && (sentinel.profileSwitches.length > 0 || adjustments.some((a) => a.reason.startsWith('auto_min_interval')))) {
    saveAppliedProfile(appliedPath, sentinel.resolvedProfile);
  }

  const market =
    o.market.kind === 'mock'
      ? { kind: 'mock', scenario: o.market.scenarioName, seed: o.market.seed, venue: o.market.venueName ?? o.market.scenarioName, queue_model: built.models.queue, exchange_model: built.models.exchange, latency: built.latency }
      : { kind: 'replay', file: o.market.file, format: o.market.format, venue: o.market.venueName ?? o.market.scenarioName, latency_scenario: o.market.scenarioName, queue_model: built.models.queue, exchange_model: built.models.exchange, latency: built.latency, depth: depthUse(o.market.depth !== false, replayStats), stats: replayStats };
  // Written through its schema: a field the readers do not know, or one missing, is a bug caught here.
  const summary = soakRunSummarySchema.parse({
    profile: o.profile.name,
    verdict,
    complete,
    iterations: iterations.length,
    iterations_planned: o.iterations,
    window_s: windowUs / 1e6,
    market,
    metrics,
    samples: o.market.kind === 'replay' ? { unit: 'window', n: samples.length } : { unit: 'seed', n: 1 },
    intervals,
    gates,
    edge_policy: decisions.map((d) => ({ ts: d.ts, action: d.action, active: d.active, ema_fast: roundDecimal(d.ema_fast, 6), ema_slow: roundDecimal(d.ema_slow, 6) })),
    runtime_adjustments: adjustments,
    profile_switches: sentinel.profileSwitches,
    applied_profile: sentinel.appliedProfile,
    // Named only when another strategy than SPEC 5's quoted (a profile quoter's summary is as before).
    ...(o.profile.quoter.kind !== 'profile' ? { quoter: o.profile.quoter } : {}),
    pnl_identity_gap: Number(gap.toExponential(3)),
    audit: audit.record,
    metrics_sha256: metricsSha256,
  });
  const edgeReport = {
    total: pickEdge(metrics),
    iterations: iterations.map((it) => ({ iteration: it['iteration'], ts: it['ts'], ...pickEdge(it) })),
  };
  if (run) {
    const files = [
      { path: run.path('EDGE_REPORT.json'), content: canonicalJson(edgeReport) },
      { path: run.path('EDGE_REPORT.md'), content: renderEdgeReport(o.profile.name, edgeReport) },
      { path: run.path('summary.json'), content: canonicalJson(summary) },
      { path: run.path('SOAK_RESULTS.md'), content: renderSoakResults(summary, iterations) },
      { path: run.path(TIMESERIES_FILE), content: canonicalJson(sampler!.timeseries()) },
      { path: run.path(FILLS_FILE), content: canonicalJson(sampler!.fillsTable()) },
    ];
    for (const f of files) writeFileSync(f.path, f.content);
    sampler!.close();
    o.beforeCommit?.(run.staging);
    run.commit(metricsTarget !== undefined ? { [METRICS_FILE]: metricsTarget } : {}, audit.mode === 'off' ? [AUDIT_FILE] : []);
  }
  return { verdict, summary, metrics, iterations, gates, intervals, durationUs };
}

const EDGE_KEYS = ['gross_bps', 'fees_eff_bps', 'slippage_bps', 'inventory_bps', 'net_bps', 'realised_spread_bps', 'instant_move_bps', 'adverse_bps', 'markout_bps', 'fills', 'turnover', 'pnl'] as const;

function pickEdge(m: SoakMetricsRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of EDGE_KEYS) out[k] = m[k];
  return out;
}

/** Hand-made soak artifacts (summary.json, metrics.jsonl, audit.jsonl) for gate tests. */
import { canonicalJson, canonicalLine, sha256Hex } from '@mm-profiles/profile-core';
import { AuditLog } from '@mm-profiles/soak-runner';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The latency legs as a soak records them (market.latency). */
const LATENCY = { feed: 'from-data', entry: 'lognormal:12,45', response: 'constant:0', feed_extra_ms: 0 };

export const GOOD_METRICS = {
  net_bps: 0.5,
  hit_ratio: 0.8,
  latency_p95_ms: 40,
  cancel_ratio: 0.4,
  adverse_bps_p95: 1,
  slippage_bps_p95: 1,
  order_age_p95_ms: 200,
  attempts: 100,
  executed: 80,
  blocked_by: { risk: 0, min_interval: 10, concurrency: 10, throttle: 0 },
};

export interface FixtureOptions {
  metrics?: Record<string, unknown>;
  complete?: boolean;
  iterations?: number;
  auditLines?: number;
  /** summary.json's intervals (what a replay soak claims for its windows; the gate rebuilds them). */
  intervals?: Record<string, unknown>;
  /**
   * A replay soak's windows: one per value, each with one fill and this net_bps (gross carries it, turnover
   * 1e6), so the gate's samples are these values. Overrides `iterations`; the summary's net_bps is their mean.
   */
  windowNets?: number[];
  /** The run's --audit mode (default full). */
  auditMode?: 'full' | 'fills' | 'off';
}

/**
 * Splits run totals into `iterations` equal windows the way the soak writes them: counts and currency amounts per
 * window (turnover 1e6 each, gross carrying the whole net edge), so the gate's rebuild of the totals holds.
 */
function windowsOf(metrics: Record<string, unknown>, iterations: number): { windows: Record<string, unknown>[]; totals: Record<string, unknown> } {
  const attempts = typeof metrics['attempts'] === 'number' ? metrics['attempts'] : 100;
  const executed = typeof metrics['hit_ratio'] === 'number' ? Math.round(metrics['hit_ratio'] * attempts) : (metrics['executed'] as number);
  const net = typeof metrics['net_bps'] === 'number' ? metrics['net_bps'] : 0;
  const fills = 0;
  const turnover = 1e6;
  const window = { fills: fills / iterations, attempts: attempts / iterations, executed: executed / iterations, turnover, gross: (net * turnover) / 1e4, fees: 0, slippage: 0, inventory: 0 };
  const totals = { ...metrics, fills, attempts, executed, turnover: turnover * iterations, gross: (net * turnover * iterations) / 1e4, fees: 0, slippage: 0, inventory: 0 };
  return { windows: Array.from({ length: iterations }, () => ({ ...window })), totals };
}

/** Windows of one fill each with the given net edges (bps of a 1e6 turnover, all in gross). */
function replayWindowsOf(metrics: Record<string, unknown>, nets: number[]): { windows: Record<string, unknown>[]; totals: Record<string, unknown> } {
  const turnover = 1e6;
  const windows = nets.map((net) => ({ fills: 1, attempts: 10, executed: 8, turnover, gross: (net * turnover) / 1e4, fees: 0, slippage: 0, inventory: 0, net_bps: net }));
  const gross = windows.reduce((a, w) => a + w.gross, 0);
  const n = nets.length;
  const totals = { ...metrics, fills: n, attempts: 10 * n, executed: 8 * n, hit_ratio: 0.8, turnover: turnover * n, gross, fees: 0, slippage: 0, inventory: 0, net_bps: Math.round(((gross / (turnover * n)) * 1e4) * 1e6) / 1e6 };
  return { windows, totals };
}

export function soakFixture(o: FixtureOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ci-gate-'));
  const iterations = o.windowNets?.length ?? o.iterations ?? 2;
  const complete = o.complete ?? true;
  const { windows, totals } = o.windowNets ? replayWindowsOf(o.metrics ?? GOOD_METRICS, o.windowNets) : windowsOf(o.metrics ?? GOOD_METRICS, iterations);
  const lines = windows.map((w, k) => canonicalLine({ iteration: k + 1, ts: (k + 1) * 1_800_000_000, complete: complete || k < iterations - 1 ? 1 : 0, ...w }));
  const metricsText = lines.join('\n') + '\n';
  writeFileSync(join(dir, 'metrics.jsonl'), metricsText);
  const metricsSha256 = sha256Hex(metricsText);
  const audit = new AuditLog(join(dir, 'audit.jsonl'), o.auditMode ?? 'full');
  for (let i = 0; i < (o.auditLines ?? 3); i++) {
    audit.append({ ts: i * 1000, type: 'PLACE', side: i % 2 ? 'ask' : 'bid', order_id: i + 1, px: 100, qty: 0.01, reason: null });
  }
  const fills = totals['fills'] as number;
  for (let i = 0; i < fills; i++) audit.append({ ts: 10_000 + i, type: 'FILL', side: 'bid', order_id: 1, px: 100, qty: 0.01, reason: null });
  audit.close(iterations * 1_800_000_000, {
    complete,
    iterations,
    fills,
    places: o.auditLines ?? 3,
    replaces: 0,
    cancels: 0,
    rejects: 0,
    net_bps: totals['net_bps'] as number,
    metrics_sha256: metricsSha256,
  });
  // Every key of the summary's schema (profile-core soakRunSummarySchema), as the soak writes them.
  const summary = {
    profile: 'S1',
    verdict: complete ? 'PASS' : 'INCOMPLETE',
    complete,
    iterations,
    iterations_planned: complete ? iterations : iterations + 1,
    window_s: 1800,
    market: o.windowNets
      ? { kind: 'replay', file: 'capture.gz', format: 'binance-ws', venue: 'config/venues/binance-usdm-btcusdt.json', latency_scenario: 'config/scenarios/default.json', queue_model: 'risk-averse', exchange_model: 'partial-fill', latency: LATENCY, depth: 'l2' }
      : { kind: 'mock', scenario: 'default', seed: 1, venue: 'default', queue_model: 'risk-averse', exchange_model: 'partial-fill', latency: LATENCY },
    metrics: { ...totals, places: o.auditLines ?? 3, replaces: 0, cancels: 0, rejects: 0 },
    samples: o.windowNets ? { unit: 'window', n: o.windowNets.length } : { unit: 'seed', n: 1 },
    intervals: o.intervals ?? {},
    gates: [],
    edge_policy: [],
    runtime_adjustments: [],
    profile_switches: [],
    applied_profile: {},
    pnl_identity_gap: 0,
    audit: audit.record,
    metrics_sha256: metricsSha256,
  };
  writeFileSync(join(dir, 'summary.json'), canonicalJson(summary));
  return dir;
}

/** Hand-made soak artifacts (summary.json, metrics.jsonl, audit.jsonl) for gate tests. */
import { canonicalJson, canonicalLine, sha256Hex } from '@mm-profiles/profile-core';
import { AuditLog } from '@mm-profiles/soak-runner';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  /** summary.json's intervals (a replay soak's windows). */
  intervals?: Record<string, unknown>;
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

export function soakFixture(o: FixtureOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ci-gate-'));
  const iterations = o.iterations ?? 2;
  const complete = o.complete ?? true;
  const { windows, totals } = windowsOf(o.metrics ?? GOOD_METRICS, iterations);
  const lines = windows.map((w, k) => canonicalLine({ iteration: k + 1, ts: (k + 1) * 1_800_000_000, complete: complete || k < iterations - 1 ? 1 : 0, ...w }));
  const metricsText = lines.join('\n') + '\n';
  writeFileSync(join(dir, 'metrics.jsonl'), metricsText);
  const metricsSha256 = sha256Hex(metricsText);
  const audit = new AuditLog(join(dir, 'audit.jsonl'));
  for (let i = 0; i < (o.auditLines ?? 3); i++) {
    audit.append({ ts: i * 1000, type: 'PLACE', side: i % 2 ? 'ask' : 'bid', order_id: i + 1, px: 100, qty: 0.01, reason: null });
  }
  audit.close(iterations * 1_800_000_000, {
    complete,
    iterations,
    fills: 0,
    places: o.auditLines ?? 3,
    replaces: 0,
    cancels: 0,
    rejects: 0,
    net_bps: totals['net_bps'] as number,
    metrics_sha256: metricsSha256,
  });
  const summary = {
    profile: 'S1',
    verdict: complete ? 'PASS' : 'INCOMPLETE',
    complete,
    iterations,
    iterations_planned: complete ? iterations : iterations + 1,
    metrics: totals,
    ...(o.intervals ? { intervals: o.intervals } : {}),
    audit: { lines: audit.count, head: audit.head },
    metrics_sha256: metricsSha256,
  };
  writeFileSync(join(dir, 'summary.json'), canonicalJson(summary));
  return dir;
}

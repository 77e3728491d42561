/** Hand-made soak artifacts (summary.json, metrics.jsonl, audit.jsonl) for gate tests. */
import { canonicalJson, canonicalLine } from '@mm-profiles/profile-core';
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

export function soakFixture(o: FixtureOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ci-gate-'));
  const iterations = o.iterations ?? 2;
  const complete = o.complete ?? true;
  const audit = new AuditLog(join(dir, 'audit.jsonl'));
  for (let i = 0; i < (o.auditLines ?? 3); i++) {
    audit.append({ ts: i * 1000, type: 'PLACE', side: i % 2 ? 'ask' : 'bid', order_id: i + 1, px: 100, qty: 0.01, reason: null });
  }
  audit.flush();
  const metrics = o.metrics ?? GOOD_METRICS;
  const lines = Array.from({ length: iterations }, (_, k) =>
    canonicalLine({ iteration: k + 1, ts: (k + 1) * 1_800_000_000, complete: complete || k < iterations - 1 ? 1 : 0, ...metrics }),
  );
  writeFileSync(join(dir, 'metrics.jsonl'), lines.join('\n') + '\n');
  const summary = {
    profile: 'S1',
    verdict: complete ? 'PASS' : 'INCOMPLETE',
    complete,
    iterations,
    iterations_planned: complete ? iterations : iterations + 1,
    metrics,
    ...(o.intervals ? { intervals: o.intervals } : {}),
    audit: { lines: audit.count, head: audit.head },
  };
  writeFileSync(join(dir, 'summary.json'), canonicalJson(summary));
  return dir;
}

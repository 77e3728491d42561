/**
 * Binds a soak's three artifacts together so an edited one is refused (exit 2), not judged: summary.json must
 * carry the audit record (length and head) and the sha256 of metrics.jsonl; the audit must end with the run's
 * END line, whose totals match the audit's own lines, the summary and the metrics file's hash; and the summary's
 * metrics must be what metrics.jsonl's windows add up to. Without a secret key this is a consistency proof, not
 * a signature: it stops an edited number, not a forger who re-runs the writer. A run with --audit off (audit
 * null, allowed by the caller) binds only the summary to metrics.jsonl; --audit fills binds like full (its
 * BLOCKS counts are not totals the END record carries), and the mode the summary names must be the END record's.
 */
import { UserError, sha256Hex, type SoakRunSummary } from '@mm-profiles/profile-core';
import type { AuditVerification } from '@mm-profiles/soak-runner';
import { describeMismatch, metricMismatches, missingWindowField } from './recompute-metrics.js';

export interface BindInput {
  /** Parsed through its schema: the audit record and metrics_sha256 are there (a summary without them is refused). */
  summary: SoakRunSummary;
  summaryLabel: string;
  metricsText: string;
  metricsLabel: string;
  iterations: Record<string, unknown>[];
  /** Null: the run kept no audit (--audit off). */
  audit: AuditVerification | null;
  auditLabel: string;
}

/** The audit line types counted by each END total, and the summary metric it equals. */
const TOTALS_BY_TYPE = { fills: 'FILL', places: 'PLACE', replaces: 'REPLACE', cancels: 'CANCEL', rejects: 'REJECT' } as const;

export function bindArtifacts(b: BindInput): void {
  const { summary, audit } = b;
  const fail = (what: string) => {
    throw new UserError(what);
  };
  const claimed = summary.audit;
  const metricsSha = sha256Hex(b.metricsText);
  if (summary.metrics_sha256 !== metricsSha) fail(`${b.metricsLabel}: its sha256 is not the one ${b.summaryLabel} recorded; the metrics were edited or are from another run`);
  if (audit === null) {
    if (claimed.mode !== 'off') fail(`${b.summaryLabel}: the run's audit is missing, but its summary does not say --audit off`);
    bindMetrics(b, summary.metrics);
    return;
  }
  // The chain alone cannot tell a log cut at a line boundary: the summary records its length and head.
  if (claimed.lines !== audit.lines || claimed.head !== audit.head) {
    fail(`${b.auditLabel}: ${audit.lines} line(s) ending in ${audit.lines > 0 ? audit.head!.slice(0, 12) : 'nothing'}, but ${b.summaryLabel} recorded ${String(claimed.lines)} ending in ${String(claimed.head).slice(0, 12)}; the audit log was cut, extended or swapped`);
  }

  const end = audit.last;
  const totals = end?.['totals'] as Record<string, unknown> | undefined;
  if (!end || end['type'] !== 'END' || !totals || typeof totals !== 'object') fail(`${b.auditLabel}: the last line is not the run's END record; the audit log was cut`);
  const endMode = totals!['audit_mode'] ?? 'full';
  if (endMode !== (claimed.mode ?? 'full')) fail(`${b.auditLabel}: the END record says --audit ${String(endMode)}, ${b.summaryLabel} says ${claimed.mode ?? 'full'}`);
  if (totals!['metrics_sha256'] !== metricsSha) fail(`${b.auditLabel}: the END record names another metrics file than ${b.metricsLabel}`);
  if (totals!['iterations'] !== summary.iterations) fail(`${b.auditLabel}: the END record says ${String(totals!['iterations'])} iteration(s), ${b.summaryLabel} says ${summary.iterations}`);
  const metrics = summary.metrics;
  for (const [total, type] of Object.entries(TOTALS_BY_TYPE)) {
    const lines = audit.counts?.[type] ?? 0;
    if (totals![total] !== lines) fail(`${b.auditLabel}: the END record counts ${String(totals![total])} ${total}, the log has ${lines} ${type} line(s)`);
    // The schema requires each total among the metrics: none is skipped.
    if (metrics[total] !== lines) fail(`${b.summaryLabel}: metrics.${total} is ${String(metrics[total])}, the audit log has ${lines} ${type} line(s)`);
  }
  if (totals!['net_bps'] !== metrics.net_bps) fail(`${b.summaryLabel}: metrics.net_bps is ${metrics.net_bps}, the audit's END record says ${String(totals!['net_bps'])}`);
  bindMetrics(b, metrics);
}

/** The summary's run totals against what metrics.jsonl's windows add up to. */
function bindMetrics(b: BindInput, metrics: Record<string, unknown>): void {
  const fail = (what: string) => {
    throw new UserError(what);
  };
  const missing = missingWindowField(b.iterations);
  if (missing) fail(`${b.metricsLabel}:${missing.index + 1}: no "${missing.field}"; the gate rebuilds the run's metrics from these lines`);
  const mismatches = metricMismatches(metrics, b.iterations);
  if (mismatches.length) fail(`${b.summaryLabel}: ${mismatches.slice(0, 3).map(describeMismatch).join('; ')}${mismatches.length > 3 ? ` (and ${mismatches.length - 3} more)` : ''}; the summary was edited or is from another run`);
}

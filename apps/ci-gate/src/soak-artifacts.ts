/**
 * Reads a soak's artifacts and refuses to judge what cannot be trusted: a missing or corrupt summary, metrics
 * lines that do not add up, a broken audit chain, or an incomplete (interrupted) run are user errors (exit 2).
 */
import { UserError, parseJsonText, readTextFile, soakRunSummarySchema, describeIssues, type SoakRunSummary, type SoakSummary } from '@mm-profiles/profile-core';
import { sampledMetricNames, verifyAudit, windowSamples, type GateSet, type Interval } from '@mm-profiles/soak-runner';
import { bindArtifacts } from './bind-artifacts.js';
import { rebuildIntervals } from './rebuild-intervals.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface SoakArtifacts {
  dir: string;
  /** What the gates judge: the run's summary, or a multi-seed folder's means and intervals. */
  summary: SoakSummary;
  /** The 95% intervals the gates judge on, rebuilt from the samples (never the summary's word). */
  intervals: Record<string, Interval>;
  /** The metrics.jsonl records, one per iteration (of every seed, for a multi-seed folder). */
  iterations: Record<string, unknown>[];
  auditLines: number;
  /** The run's --audit mode (its summary's audit.mode; full when absent). */
  auditMode: 'full' | 'fills' | 'off';
  /** A multi-seed folder's seeds. */
  seeds?: number[];
}

function readText(path: string, label: string, hint: string): string {
  return readTextFile(path, label, `not found (${hint})`);
}

const HINT = 'run a soak first, e.g. npx nx run soak-runner:mini';

/** summary.json of a soak folder, parsed but not yet checked. */
export function readSummaryJson(dir: string, label: (p: string) => string): unknown {
  const summaryPath = join(dir, 'summary.json');
  return parseJsonText(readText(summaryPath, label(summaryPath), HINT), label(summaryPath));
}

/** A single run's artifacts: its summary as the schema gives it. */
export interface RunArtifacts extends SoakArtifacts {
  summary: SoakRunSummary;
}

/**
 * A single run's summary.json through its one schema (profile-core): a missing, mistyped or unknown key is a
 * user error naming the key (exit 2), never a check skipped.
 */
export function parseRunSummary(raw: unknown, where: string): SoakRunSummary {
  const parsed = soakRunSummarySchema.safeParse(raw);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, where, raw, Object.keys(soakRunSummarySchema.shape)).join('; '));
  return parsed.data;
}

/** What the gate says when a run kept no audit and the caller did not allow that. */
export function noAuditRefusal(summaryLabel: string): string {
  return `${summaryLabel}: the run kept no audit (mm soak --audit off), so the gate cannot bind its counts to an order log; re-run with --audit full or fills, or pass --allow-no-audit to judge on summary.json and metrics.jsonl alone`;
}

/**
 * `label(path)` shows a path in messages. `gates`: intervals are rebuilt for their hard-gated metrics (and for
 * every metric the summary claims one for); without it, for the claimed ones only.
 */
export function readSoakArtifacts(
  dir: string,
  label: (p: string) => string,
  metricsPath = join(dir, 'metrics.jsonl'),
  gates?: GateSet,
  raw = readSummaryJson(dir, label),
  allowNoAudit = false,
): RunArtifacts {
  const hint = HINT;
  const summaryPath = join(dir, 'summary.json');
  const summary = parseRunSummary(raw, label(summaryPath));
  const planned = summary.iterations_planned;
  const done = summary.iterations;
  if (summary.verdict === 'INCOMPLETE' || !summary.complete) {
    throw new UserError(`${label(summaryPath)}: the soak run is incomplete (${done} of ${planned} iterations); gates judge whole runs only`);
  }

  const metricsText = readText(metricsPath, label(metricsPath), hint);
  const iterations: Record<string, unknown>[] = [];
  metricsText.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new UserError(`${label(metricsPath)}:${i + 1}: not a JSON line`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new UserError(`${label(metricsPath)}:${i + 1}: not a metrics record`);
    const r = record as Record<string, unknown>;
    if (r['complete'] !== 1) throw new UserError(`${label(metricsPath)}:${i + 1}: iteration ${String(r['iteration'])} is incomplete`);
    iterations.push(r);
  });
  if (iterations.length !== done) {
    throw new UserError(`${label(metricsPath)}: ${iterations.length} iteration line(s), but ${label(summaryPath)} says ${done}; the artifacts are from different runs`);
  }

  const auditPath = join(dir, 'audit.jsonl');
  // The schema checked the mode; absent, full (as every run before the modes).
  const auditMode = summary.audit.mode ?? 'full';
  // --audit off: nothing binds the counts to an order log; judged only when the caller says so, never silently.
  if (auditMode === 'off' && !allowNoAudit) throw new UserError(noAuditRefusal(label(summaryPath)));
  // A run with --audit off leaves no audit.jsonl (an earlier run's is removed): one there means an edited mode.
  if (auditMode === 'off' && existsSync(auditPath)) throw new UserError(`${label(summaryPath)}: says --audit off, but ${label(auditPath)} is there; the summary was edited or is from another run`);
  const audit = auditMode === 'off' ? null : verifyAudit(readText(auditPath, label(auditPath), hint));
  if (audit && !audit.ok) throw new UserError(`${label(auditPath)}:${audit.brokenAt}: audit chain broken (${audit.reason})`);
  bindArtifacts({ summary, summaryLabel: label(summaryPath), metricsText, metricsLabel: label(metricsPath), iterations, audit, auditLabel: label(auditPath) });
  // A replay's samples are its windows with fills (metrics.jsonl, bound above); a synthetic run alone has none.
  const intervals = rebuildIntervals(summary.samples.unit === 'window' ? windowSamples(iterations) : [], gates ? sampledMetricNames(gates) : [], summary.intervals, {
    summaryLabel: label(summaryPath),
    samplesLabel: `the windows with fills in ${label(metricsPath)}`,
  });
  return { dir, summary, intervals, iterations, auditLines: audit?.lines ?? 0, auditMode };
}

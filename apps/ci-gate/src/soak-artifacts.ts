/**
 * Reads a soak's artifacts and refuses to judge what cannot be trusted: a missing or corrupt summary, metrics
 * lines that do not add up, a broken audit chain, or an incomplete (interrupted) run are user errors (exit 2).
 */
import { UserError, parseJsonText, readTextFile, soakSummarySchema, describeIssues, type SoakSummary } from '@mm-profiles/profile-core';
import { verifyAudit } from '@mm-profiles/soak-runner';
import { bindArtifacts } from './bind-artifacts.js';
import { join } from 'node:path';

export interface SoakArtifacts {
  dir: string;
  summary: SoakSummary;
  /** The metrics.jsonl records, one per iteration. */
  iterations: Record<string, unknown>[];
  auditLines: number;
}

function readText(path: string, label: string, hint: string): string {
  return readTextFile(path, label, `not found (${hint})`);
}

/** `label(path)` shows a path in messages. */
export function readSoakArtifacts(dir: string, label: (p: string) => string, metricsPath = join(dir, 'metrics.jsonl')): SoakArtifacts {
  const hint = 'run a soak first, e.g. npx nx run soak-runner:mini';
  const summaryPath = join(dir, 'summary.json');
  const summaryText = readText(summaryPath, label(summaryPath), hint);
  const raw = parseJsonText(summaryText, label(summaryPath));
  const parsed = soakSummarySchema.safeParse(raw);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, label(summaryPath), raw, []).join('; '));
  const summary = parsed.data;
  const planned = summary['iterations_planned'];
  const done = summary['iterations'];
  if (summary.verdict === 'INCOMPLETE' || summary['complete'] !== true) {
    throw new UserError(`${label(summaryPath)}: the soak run is incomplete (${done ?? '?'} of ${planned ?? '?'} iterations); gates judge whole runs only`);
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
  if (typeof done === 'number' && iterations.length !== done) {
    throw new UserError(`${label(metricsPath)}: ${iterations.length} iteration line(s), but ${label(summaryPath)} says ${done}; the artifacts are from different runs`);
  }

  const auditPath = join(dir, 'audit.jsonl');
  const audit = verifyAudit(readText(auditPath, label(auditPath), hint));
  if (!audit.ok) throw new UserError(`${label(auditPath)}:${audit.brokenAt}: audit chain broken (${audit.reason})`);
  bindArtifacts({ summary, summaryLabel: label(summaryPath), metricsText, metricsLabel: label(metricsPath), iterations, audit, auditLabel: label(auditPath) });
  return { dir, summary, iterations, auditLines: audit.lines };
}

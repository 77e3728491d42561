/** `ci-gate check`: the gates of a gates file over one soak's artifacts, and the report a reviewer reads. */
import { UserError } from '@mm-profiles/profile-core';
import { evaluateGates, verdictOf, type GateSet } from '@mm-profiles/soak-runner';
import { join } from 'node:path';
import type { GateReport } from './gate-report.js';
import type { SoakArtifacts } from './soak-artifacts.js';

/**
 * Re-evaluates the gates (the given file, not the ones the soak used) over the summary's metrics (bound to
 * metrics.jsonl), and over the intervals rebuilt from the samples where the soak had them (replay windows; the
 * seeds of a multi-seed folder).
 */
export function checkGates(artifacts: SoakArtifacts, gates: GateSet, subject: Record<string, unknown>, label: (p: string) => string = (p) => p): GateReport {
  // A gated metric the summary lacks is an error in the artifacts (exit 2), not a gate that quietly fails.
  const metrics = artifacts.summary.metrics as Record<string, unknown>;
  for (const g of [...gates.hard, ...(gates.soft ?? [])]) {
    if (typeof metrics[g.metric] !== 'number') {
      throw new UserError(`${label(join(artifacts.dir, 'summary.json'))}: metrics.${g.metric} is missing (gate ${g.metric} ${g.op} ${g.value}); the summary is from another version or was edited`);
    }
  }
  const results = evaluateGates(artifacts.summary.metrics, gates, artifacts.intervals);
  const v = verdictOf(results, true);
  const verdict = v === 'INCOMPLETE' ? 'FAIL' : v;
  const reasons = results
    .filter((g) => g.kind === 'hard' && !g.pass)
    .map((g) => `hard gate ${g.metric} ${g.op} ${g.value} ${g.status === 'INCONCLUSIVE' ? 'is undecided' : 'fails'}: ${g.finding}`);
  return {
    command: 'check',
    verdict,
    reasons,
    subject: { profile: artifacts.summary.profile, ...subject, ...(artifacts.seeds ? { seeds: artifacts.seeds } : {}), iterations: artifacts.iterations.length, audit_lines: artifacts.auditLines, ...(artifacts.auditMode !== 'full' ? { audit_mode: artifacts.auditMode } : {}) },
    gates: results,
  };
}

/** `ci-gate check`: the gates of a gates file over one soak's artifacts, and the report a reviewer reads. */
import { evaluateGates, verdictOf, type GateSet } from '@mm-profiles/soak-runner';
import type { GateReport } from './gate-report.js';
import type { SoakArtifacts } from './soak-artifacts.js';

/**
 * Re-evaluates the gates (the given file, not the ones the soak used) over the summary's metrics (bound to
 * metrics.jsonl), and over the intervals rebuilt from the samples where the soak had them (replay windows; the
 * seeds of a multi-seed folder).
 */
export function checkGates(artifacts: SoakArtifacts, gates: GateSet, subject: Record<string, unknown>): GateReport {
  const results = evaluateGates(artifacts.summary.metrics, gates, artifacts.intervals);
  const v = verdictOf(results, true);
  const verdict = v === 'INCOMPLETE' ? 'FAIL' : v;
  const reasons = results
    .filter((g) => g.kind === 'hard' && !g.pass)
    .map((g) =>
      g.actual === null
        ? `hard gate ${g.metric} ${g.op} ${g.value}: metric missing from summary.json`
        : `hard gate ${g.metric} ${g.op} ${g.value} ${g.status === 'INCONCLUSIVE' ? 'is undecided' : 'fails'}: ${g.finding}`,
    );
  return {
    command: 'check',
    verdict,
    reasons,
    subject: { profile: artifacts.summary.profile, ...subject, ...(artifacts.seeds ? { seeds: artifacts.seeds } : {}), iterations: artifacts.iterations.length, audit_lines: artifacts.auditLines, ...(artifacts.auditMode !== 'full' ? { audit_mode: artifacts.auditMode } : {}) },
    gates: results,
  };
}

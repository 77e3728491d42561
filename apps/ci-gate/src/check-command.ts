/**
 * `ci-gate check`: judge one soak's artifacts (a single run, or a multi-seed folder of `mm soak --seeds`), print
 * the table and the kpi_gate marker, write the reports.
 */
import { loadGates } from '@mm-profiles/soak-runner';
import { existsSync } from 'node:fs';
import { UserError } from '@mm-profiles/profile-core';
import { checkGates } from './check-gates.js';
import { fromRoot, shown } from './gate-context.js';
import { printReport, writeGateReports } from './gate-report.js';
import { isSeedsSummary, readSeedsArtifacts } from './seeds-artifacts.js';
import { readSoakArtifacts, readSummaryJson } from './soak-artifacts.js';

export interface CheckOptions {
  artifacts: string;
  metrics?: string;
  gates: string;
  outDir: string;
  allowNoAudit?: boolean;
}

export function checkCommand(o: CheckOptions): number {
  const dir = fromRoot(o.artifacts);
  if (!existsSync(dir)) throw new UserError(`${o.artifacts}: artifacts folder not found (run a soak first, e.g. npx nx run soak-runner:mini)`);
  const gatesFile = fromRoot(o.gates);
  const gates = loadGates(gatesFile, shown(gatesFile));
  const raw = readSummaryJson(dir, shown);
  let artifacts;
  if (isSeedsSummary(raw)) {
    if (o.metrics) throw new UserError(`--metrics names one run's metrics file, but ${o.artifacts} is a soak over seeds (each seed-<s>/ has its own); leave it out`);
    artifacts = readSeedsArtifacts(dir, raw, gates, shown, o.allowNoAudit);
  } else {
    artifacts = readSoakArtifacts(dir, shown, o.metrics ? fromRoot(o.metrics) : undefined, gates, raw, o.allowNoAudit);
  }
  const report = checkGates(artifacts, gates, { artifacts: shown(dir), gates: shown(gatesFile) }, shown);
  const out = (l: string) => process.stdout.write(l + '\n');
  if (artifacts.auditMode === 'off') out(`audit: none (the run used --audit off; allowed by --allow-no-audit): summary.json is bound to metrics.jsonl only, no order or fill count is checked against an order log`);
  printReport(report, out);
  const written = writeGateReports(fromRoot(o.outDir), report);
  out(`reports: ${written.map(shown).join(', ')}`);
  return { PASS: 0, FAIL: 1, INCONCLUSIVE: 3 }[report.verdict];
}

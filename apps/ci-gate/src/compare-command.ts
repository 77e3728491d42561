/**
 * `ci-gate compare`: soak the baseline and the candidate on the same market and seeds, then judge the
 * candidate against the baseline (compare-runs) and write the reports.
 */
import { UserError, resolveProfile, wholeNumberFlag, type ResolvedProfile } from '@mm-profiles/profile-core';
import { workspaceSentinelConfig } from '@mm-profiles/sentinel';
import { loadGates, marketSpec, runSoak } from '@mm-profiles/soak-runner';
import { join } from 'node:path';
import { compareRuns } from './compare-runs.js';
import { fromRoot, root, shown } from './gate-context.js';
import { printReport, writeGateReports } from './gate-report.js';

export interface CompareOptions {
  baseline: string;
  candidate: string;
  scenario?: string;
  replay?: string;
  format?: string;
  skipBadLines?: boolean;
  seeds: string;
  firstSeed: string;
  iterations: string;
  gates: string;
  marginBps?: string;
  outDir: string;
  configDir: string;
}

export async function compareCommand(o: CompareOptions): Promise<number> {
  const seeds = wholeNumberFlag(o.seeds, '--seeds', 1);
  const firstSeed = wholeNumberFlag(o.firstSeed, '--first-seed', 0);
  const iterations = wholeNumberFlag(o.iterations, '--iterations', 1);
  const gatesFile = fromRoot(o.gates);
  const gates = loadGates(gatesFile, shown(gatesFile));
  let marginBps = gates.compare.net_bps_margin;
  if (o.marginBps !== undefined) {
    marginBps = Number(o.marginBps);
    if (!(marginBps >= 0)) throw new UserError(`--margin-bps must be a number >= 0, got "${o.marginBps}"`);
  }
  const configDir = fromRoot(o.configDir);
  // Reviewed profiles are compared as written: runtime overrides belong to a live run, not to a review.
  const profiles: [string, ResolvedProfile][] = [o.baseline, o.candidate].map((name) => [
    name,
    resolveProfile({ name, configDir, root, ignoreRuntimeOverrides: true }),
  ]);
  // One market, loaded and checked once, on each seed.
  const market0 = marketSpec(root, { scenario: o.scenario, replay: o.replay, format: o.format, skipBadLines: o.skipBadLines, seed: firstSeed });
  const markets = Array.from({ length: seeds }, (_, k) => ({ ...market0, seed: firstSeed + k }));
  const edgePolicy = workspaceSentinelConfig(root).edge_policy;
  const outDir = fromRoot(o.outDir);
  const metrics: Record<string, Record<string, unknown>[]> = { baseline: [], candidate: [] };
  const total = seeds * 2;
  let done = 0;
  for (const market of markets) {
    for (const [role, [name, profile]] of [['baseline', profiles[0]!], ['candidate', profiles[1]!]] as const) {
      const runDir = join(outDir, `${role}-${name}`, `seed-${market.seed}`);
      const result = await runSoak({
        profile,
        market,
        iterations,
        outDir: runDir,
        autoTune: true,
        gates,
        edgePolicy,
        root,
      });
      metrics[role]!.push(result.metrics);
      done += 1;
      process.stderr.write(`compare: ${done}/${total} ${role} ${name} seed ${market.seed}: net_bps ${result.metrics['net_bps']} (${result.verdict})\n`);
    }
  }
  const report = compareRuns({
    baselineName: o.baseline,
    candidateName: o.candidate,
    baseline: metrics['baseline']!,
    candidate: metrics['candidate']!,
    gates,
    marginBps,
    subject: {
      market: market0.kind === 'mock' ? `mock ${market0.scenarioName}` : `replay ${shown(market0.file)} (${market0.format})`,
      first_seed: firstSeed,
      iterations,
      gates: shown(gatesFile),
    },
  });
  const out = (l: string) => process.stdout.write(l + '\n');
  out('| metric | baseline | candidate | delta (mean) | delta min..max | stdev |');
  for (const c of report.comparison ?? []) out(`| ${c.metric} | ${c.baseline_mean} | ${c.candidate_mean} | ${c.delta_mean} | ${c.delta_min}..${c.delta_max} | ${c.delta_stdev} |`);
  printReport(report, out);
  const written = writeGateReports(outDir, report);
  out(`reports: ${written.map(shown).join(', ')}`);
  return report.verdict === 'PASS' ? 0 : 1;
}

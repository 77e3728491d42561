/**
 * `ci-gate compare`: soak the baseline and the candidate on the same market and seeds, then judge the
 * candidate against the baseline (compare-runs) and write the reports.
 */
import { UserError, resolveProfile, wholeNumberFlag, type ResolvedProfile } from '@mm-profiles/profile-core';
import { workspaceSentinelConfig } from '@mm-profiles/sentinel';
import { loadGates, marketSpec, runSoak, windowSamples } from '@mm-profiles/soak-runner';
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
  /** The market models, as `mm soak` takes them (marketSpec checks each). */
  depth?: string;
  venue?: string;
  queueModel?: string;
  exchangeModel?: string;
  latencyModel?: string;
  feedLatencyMs?: string;
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
  const market0 = marketSpec(root, {
    scenario: o.scenario,
    replay: o.replay,
    format: o.format,
    skipBadLines: o.skipBadLines,
    depth: o.depth,
    venue: o.venue,
    queueModel: o.queueModel,
    exchangeModel: o.exchangeModel,
    latencyModel: o.latencyModel,
    feedLatencyMs: o.feedLatencyMs,
    seed: firstSeed,
  });
  const markets = Array.from({ length: seeds }, (_, k) => ({ ...market0, seed: firstSeed + k }));
  const edgePolicy = workspaceSentinelConfig(root).edge_policy;
  const outDir = fromRoot(o.outDir);
  // Samples, paired: a seed's whole run on a synthetic market; on a replay each window of each seed (the
  // capture is one path), kept only where both sides filled in it (no turnover, no net edge).
  const metrics: Record<string, Record<string, unknown>[]> = { baseline: [], candidate: [] };
  const replay = market0.kind === 'replay';
  const total = seeds * 2;
  let done = 0;
  for (const market of markets) {
    const windows: Record<string, Record<string, unknown>[]> = {};
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
      if (replay) windows[role] = result.iterations;
      else metrics[role]!.push(result.metrics);
      done += 1;
      process.stderr.write(`compare: ${done}/${total} ${role} ${name} seed ${market.seed}: net_bps ${result.metrics['net_bps']} (${result.verdict})\n`);
    }
    if (replay) {
      const both = new Set(windowSamples(windows['baseline']!).map((w) => w['iteration']));
      for (const w of windowSamples(windows['candidate']!)) {
        if (!both.has(w['iteration'])) continue;
        metrics['candidate']!.push(w);
        metrics['baseline']!.push(windows['baseline']!.find((x) => x['iteration'] === w['iteration'])!);
      }
    }
  }
  if (metrics['baseline']!.length === 0) throw new UserError('compare: no window in which both profiles filled; nothing to compare (more iterations or a longer capture)');
  const report = compareRuns({
    baselineName: o.baseline,
    candidateName: o.candidate,
    baseline: metrics['baseline']!,
    candidate: metrics['candidate']!,
    gates,
    marginBps,
    unit: replay ? 'window' : 'seed',
    subject: {
      seeds,
      market: market0.kind === 'mock' ? `mock ${market0.scenarioName}` : `replay ${shown(market0.file)} (${market0.format})`,
      first_seed: firstSeed,
      iterations,
      gates: shown(gatesFile),
    },
  });
  const out = (l: string) => process.stdout.write(l + '\n');
  out('| metric | baseline | candidate | delta (mean) | delta 95% CI | delta min..max | stdev |');
  for (const c of report.comparison ?? []) out(`| ${c.metric} | ${c.baseline_mean} | ${c.candidate_mean} | ${c.delta_mean} | [${c.delta_lo}, ${c.delta_hi}] | ${c.delta_min}..${c.delta_max} | ${c.delta_stdev} |`);
  printReport(report, out);
  const written = writeGateReports(outDir, report);
  out(`reports: ${written.map(shown).join(', ')}`);
  const page = await import('@mm-profiles/report');
  out(`report: ${page.pageLink(page.writeCompareReport(outDir, shown), shown)}`);
  return { PASS: 0, FAIL: 1, INCONCLUSIVE: 3 }[report.verdict];
}

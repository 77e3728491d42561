/**
 * `ci-gate check` on a multi-seed soak folder (`mm soak --seeds N`): each `seed-<s>/` is read and bound like a
 * single run (summary, metrics and audit), then the folder's own summary is rebuilt from them — the mean of
 * every metric over the seeds and the 95% intervals over the samples (one per seed on a synthetic market; every
 * window with fills, of every seed, on a replay) — and refused (exit 2) where it says otherwise. The gates then
 * judge the rebuilt means and intervals, as the soak did.
 */
import { UserError, describeIssues, soakSeedsSummarySchema, type SoakSeedsSummary, type SoakSummary } from '@mm-profiles/profile-core';
import { meanMetrics, sampledMetricNames, windowSamples, type GateSet } from '@mm-profiles/soak-runner';
import { join } from 'node:path';
import { rebuildIntervals } from './rebuild-intervals.js';
import { readSoakArtifacts, type SoakArtifacts } from './soak-artifacts.js';

/** The writer rounds every mean to 6 decimals. */
const TOLERANCE = 1e-6;

/** Whether a parsed summary.json is a multi-seed soak's (it lists its runs). */
export function isSeedsSummary(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Array.isArray((raw as Record<string, unknown>)['runs']);
}

/** A multi-seed summary.json through its one schema (profile-core): the first wrong key named, exit 2. */
function seedsSummaryOf(raw: unknown, where: string): SoakSeedsSummary {
  const parsed = soakSeedsSummarySchema.safeParse(raw);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, where, raw, Object.keys(soakSeedsSummarySchema.shape)).join('; '));
  return parsed.data;
}

export function readSeedsArtifacts(dir: string, raw: unknown, gates: GateSet, label: (p: string) => string, allowNoAudit = false): SoakArtifacts {
  const summaryPath = join(dir, 'summary.json');
  const where = label(summaryPath);
  const summary = seedsSummaryOf(raw, where);
  const seeds = summary.runs.map((r) => r.seed);
  if (summary.verdict === 'INCOMPLETE' || !summary.complete) {
    throw new UserError(`${where}: the soak over seeds ${seeds.join(', ')} is incomplete; gates judge whole runs only`);
  }
  if (new Set(seeds).size !== seeds.length) throw new UserError(`${where}: runs list a seed twice`);
  const planned = summary.seeds_planned;
  if (planned !== seeds.length) throw new UserError(`${where}: ${seeds.length} run(s) listed, ${planned} planned`);
  const runs = summary.runs.map((r) => {
    if (r.dir !== `seed-${r.seed}`) throw new UserError(`${where}: the run of seed ${r.seed} is in ${r.dir}, expected seed-${r.seed}`);
    const run = readSoakArtifacts(join(dir, r.dir), label, undefined, gates, undefined, allowNoAudit);
    const s = run.summary;
    if (s.profile !== summary.profile) throw new UserError(`${label(join(dir, r.dir, 'summary.json'))}: profile ${s.profile}, but ${where} is a soak of ${summary.profile}`);
    const market = s.market;
    // A replay's summary has no seed of its own (its seed drives the latency model only).
    if (market.kind === 'mock' && market.seed !== r.seed) throw new UserError(`${label(join(dir, r.dir, 'summary.json'))}: a run of seed ${market.seed}, listed as seed ${r.seed}`);
    const claimedNet = r.net_bps;
    if (claimedNet !== s.metrics.net_bps) throw new UserError(`${where}: runs list seed ${r.seed} at net_bps ${String(claimedNet)}, its folder says ${s.metrics.net_bps}`);
    return run;
  });

  // The means: every metric the seeds' (bound) summaries carry as a number.
  const metrics = meanMetrics(runs.map((r) => r.summary.metrics as Record<string, unknown>));
  const claimedMetrics = summary.metrics;
  for (const [k, v] of Object.entries(metrics)) {
    const c = claimedMetrics[k];
    if (typeof c !== 'number' || !(Math.abs(c - v) <= TOLERANCE)) {
      throw new UserError(`${where}: metrics.${k} is ${String(c)}, but the mean over seeds ${seeds.join(', ')} is ${v}; the summary was edited or is from another run`);
    }
  }

  const unit = summary.samples.unit;
  const samples = unit === 'seed' ? runs.map((r) => r.summary.metrics as Record<string, unknown>) : runs.flatMap((r) => windowSamples(r.iterations));
  const intervals = rebuildIntervals(samples, sampledMetricNames(gates), summary.intervals, {
    summaryLabel: where,
    samplesLabel: unit === 'seed' ? `the ${runs.length} seeds` : `the windows with fills of the ${runs.length} seeds`,
  });
  return {
    dir,
    // The gates read the means (numbers only: a mean of block counts by reason is not kept).
    summary: { profile: summary.profile, verdict: summary.verdict, metrics: metrics as unknown as SoakSummary['metrics'], intervals },
    intervals,
    iterations: runs.flatMap((r) => r.iterations),
    auditLines: runs.reduce((a, r) => a + r.auditLines, 0),
    // Off if any seed's is: the weakest binding is the folder's.
    auditMode: runs.some((r) => r.auditMode === 'off') ? 'off' : runs.some((r) => r.auditMode === 'fills') ? 'fills' : 'full',
    seeds,
  };
}

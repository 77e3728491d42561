/**
 * `ci-gate check` on a multi-seed soak folder (`mm soak --seeds N`): each `seed-<s>/` is read and bound like a
 * single run (summary, metrics and audit), then the folder's own summary is rebuilt from them — the mean of
 * every metric over the seeds and the 95% intervals over the samples (one per seed on a synthetic market; every
 * window with fills, of every seed, on a replay) — and refused (exit 2) where it says otherwise. The gates then
 * judge the rebuilt means and intervals, as the soak did.
 */
import { UserError, type SoakSummary } from '@mm-profiles/profile-core';
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

interface SeedsSummary {
  profile: string;
  verdict: 'PASS' | 'FAIL' | 'INCONCLUSIVE' | 'INCOMPLETE';
  complete: unknown;
  metrics: Record<string, unknown>;
  runs: { seed: number; dir: string; net_bps?: unknown }[];
  [key: string]: unknown;
}

/** The fields of a multi-seed summary.json the gate reads, checked; the first wrong one named. */
function seedsSummaryOf(raw: unknown, where: string): SeedsSummary {
  const s = raw as Record<string, unknown>;
  const bad = (key: string, expected: string, got: unknown) => new UserError(`${where}: key "${key}" must be ${expected}, got ${JSON.stringify(got) ?? 'nothing'}`);
  if (typeof s['profile'] !== 'string') throw bad('profile', 'a string', s['profile']);
  if (!['PASS', 'FAIL', 'INCONCLUSIVE', 'INCOMPLETE'].includes(s['verdict'] as string)) throw bad('verdict', 'PASS, FAIL, INCONCLUSIVE or INCOMPLETE', s['verdict']);
  const metrics = s['metrics'];
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) throw bad('metrics', 'an object', metrics);
  const runs = s['runs'] as unknown[];
  if (runs.length === 0) throw bad('runs', 'a non-empty list', runs);
  runs.forEach((r, i) => {
    const run = r as Record<string, unknown> | null;
    if (run === null || typeof run !== 'object' || !Number.isSafeInteger(run['seed'])) throw bad(`runs.${i}.seed`, 'a whole number', run?.['seed']);
    if (typeof run['dir'] !== 'string') throw bad(`runs.${i}.dir`, 'a string', run['dir']);
  });
  return s as SeedsSummary;
}

export function readSeedsArtifacts(dir: string, raw: unknown, gates: GateSet, label: (p: string) => string, allowNoAudit = false): SoakArtifacts {
  const summaryPath = join(dir, 'summary.json');
  const where = label(summaryPath);
  const summary = seedsSummaryOf(raw, where);
  const seeds = summary.runs.map((r) => r.seed);
  if (summary.verdict === 'INCOMPLETE' || summary['complete'] !== true) {
    throw new UserError(`${where}: the soak over seeds ${seeds.join(', ')} is incomplete; gates judge whole runs only`);
  }
  if (new Set(seeds).size !== seeds.length) throw new UserError(`${where}: runs list a seed twice`);
  const planned = summary['seeds_planned'];
  if (planned !== seeds.length) throw new UserError(`${where}: ${seeds.length} run(s) listed, ${String(planned)} planned`);
  const runs = summary.runs.map((r) => {
    if (r.dir !== `seed-${r.seed}`) throw new UserError(`${where}: the run of seed ${r.seed} is in ${r.dir}, expected seed-${r.seed}`);
    const run = readSoakArtifacts(join(dir, r.dir), label, undefined, gates, undefined, allowNoAudit);
    const s = run.summary;
    if (s.profile !== summary.profile) throw new UserError(`${label(join(dir, r.dir, 'summary.json'))}: profile ${s.profile}, but ${where} is a soak of ${summary.profile}`);
    const market = s['market'] as { seed?: unknown } | undefined;
    if (market?.seed !== undefined && market.seed !== r.seed) throw new UserError(`${label(join(dir, r.dir, 'summary.json'))}: a run of seed ${String(market.seed)}, listed as seed ${r.seed}`);
    const claimedNet = (r as Record<string, unknown>)['net_bps'];
    if (claimedNet !== undefined && claimedNet !== s.metrics.net_bps) throw new UserError(`${where}: runs list seed ${r.seed} at net_bps ${String(claimedNet)}, its folder says ${s.metrics.net_bps}`);
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

  const samplesInfo = summary['samples'] as { unit?: unknown } | undefined;
  const unit = samplesInfo?.unit;
  if (unit !== 'seed' && unit !== 'window') throw new UserError(`${where}: samples.unit must be "seed" or "window", got ${JSON.stringify(unit)}`);
  const samples = unit === 'seed' ? runs.map((r) => r.summary.metrics as Record<string, unknown>) : runs.flatMap((r) => windowSamples(r.iterations));
  const intervals = rebuildIntervals(samples, sampledMetricNames(gates), summary['intervals'] as Record<string, Record<string, unknown>> | undefined, {
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

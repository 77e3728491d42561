/**
 * A soak over several seeds: one run per seed (each with its own artifacts in `<outDir>/seed-<s>/`), then the
 * samples (synthetic: one per seed; replay: every window with fills of every seed), their 95% intervals, the
 * gates judged on them and one verdict. Writes `<outDir>/summary.json` and `SOAK_RESULTS.md` for the whole.
 * Like a single run, the whole folder changes all-or-nothing: it is locked for the run, every seed's folder and
 * the top-level files are written into one staging folder and swapped in together at the end.
 */
import { canonicalJson, roundDecimal, soakSeedsSummarySchema, type SoakSeedsSummary } from '@mm-profiles/profile-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interval } from './confidence.js';
import { formatInterval } from './confidence.js';
import { evaluateGates, verdictOf, type GateResult, type Verdict } from './gates.js';
import { meanMetrics } from './soak-metrics.js';
import { RunDir } from './internal/run-dir.js';
import { AUDIT_FILE, runSoak, type SoakOptions, type SoakResult } from './soak-run.js';
import { intervalsOf, sampledMetricNames, windowSamples, type SampleUnit } from './soak-samples.js';

export interface SeedsResult {
  verdict: Verdict;
  /** Means over the seeds of every numeric metric. */
  metrics: Record<string, number>;
  intervals: Record<string, Interval>;
  gates: GateResult[];
  runs: { seed: number; result: SoakResult }[];
  unit: SampleUnit;
  samples: number;
  /** summary.json as written (parsed through its schema). */
  summary: SoakSeedsSummary;
  durationUs: number;
}

export interface SeedsOptions extends Omit<SoakOptions, 'metricsPath'> {
  seeds: readonly number[];
  /** After each seed's run. */
  onSeed?: (seed: number, result: SoakResult) => void;
}

export async function runSoakSeeds(o: SeedsOptions): Promise<SeedsResult> {
  const run = o.outDir !== undefined ? RunDir.open(o.outDir, { command: o.command ?? 'mm soak --seeds', label: o.outDirLabel, warn: o.warn ?? o.log }) : undefined;
  try {
    return await seedsInto(o, run);
  } catch (error) {
    run?.abort();
    throw error;
  }
}

async function seedsInto(o: SeedsOptions, run: RunDir | undefined): Promise<SeedsResult> {
  const runs: { seed: number; result: SoakResult }[] = [];
  let complete = true;
  const label = o.outDirLabel ?? o.outDir;
  for (const seed of o.seeds) {
    const dir = `seed-${seed}`;
    // Stopped between seeds, or while the next seed read its replay: the finished seeds are kept, INCOMPLETE.
    if (runs.length && o.shouldStop?.()) {
      complete = false;
      break;
    }
    let result: SoakResult;
    try {
      // Each seed's run is staged and swapped into the whole run's staging folder; the page is written once for all.
      result = await runSoak({
        ...o,
        market: { ...o.market, seed },
        outDir: run ? run.path(dir) : undefined,
        outDirLabel: label !== undefined ? join(label, dir) : undefined,
        beforeCommit: undefined,
      });
    } catch (error) {
      if (runs.length && o.shouldStop?.()) {
        complete = false;
        break;
      }
      throw error;
    }
    runs.push({ seed, result });
    o.onSeed?.(seed, result);
    if (result.verdict === 'INCOMPLETE') {
      complete = false;
      break;
    }
  }
  const unit: SampleUnit = o.market.kind === 'replay' ? 'window' : 'seed';
  const done = runs.filter((r) => r.result.verdict !== 'INCOMPLETE');
  const samples = unit === 'seed' ? done.map((r) => r.result.metrics) : done.flatMap((r) => windowSamples(r.result.iterations));
  const intervals = intervalsOf(samples, sampledMetricNames(o.gates));
  const metrics = meanMetrics(done.map((r) => r.result.metrics));
  const gates = evaluateGates(metrics, o.gates, intervals);
  const verdict = verdictOf(gates, complete);
  const durationUs = runs.reduce((a, r) => a + r.result.durationUs, 0);
  // Written through its schema: a field the readers do not know, or one missing, is a bug caught here.
  const summary = soakSeedsSummarySchema.parse({
    profile: o.profile.name,
    verdict,
    complete,
    seeds: runs.map((r) => r.seed),
    seeds_planned: o.seeds.length,
    samples: { unit, n: samples.length },
    market: runs[0]?.result.summary['market'],
    iterations_per_seed: o.iterations,
    metrics,
    intervals,
    gates,
    runs: runs.map((r) => ({ seed: r.seed, verdict: r.result.verdict, net_bps: r.result.metrics['net_bps'], dir: `seed-${r.seed}` })),
  });
  if (run) {
    writeFileSync(run.path('summary.json'), canonicalJson(summary));
    writeFileSync(run.path('SOAK_RESULTS.md'), renderSeedsResults(summary, intervals, gates));
    o.beforeCommit?.(run.staging);
    // --audit off: an earlier run's seed audits must not stay beside this run's summaries.
    run.commit({}, o.audit === 'off' ? runs.map((r) => join(`seed-${r.seed}`, AUDIT_FILE)) : []);
  }
  return { verdict, metrics, intervals, gates, runs, unit, samples: samples.length, summary, durationUs };
}

function renderSeedsResults(s: SoakSeedsSummary, intervals: Record<string, Interval>, gates: GateResult[]): string {
  const lines = [
    `# Soak results: ${s.profile} over ${s.seeds.length} seed(s) — ${s.verdict}`,
    '',
    `Samples: ${s.samples.n} (${s.samples.unit === 'seed' ? 'one per seed' : 'windows with fills, of every seed'}). Intervals are 95% Student t intervals of the mean.`,
    '',
    '## Gates',
    '',
    '| gate | kind | actual | 95% interval | result |',
    '|---|---|---:|---|---|',
    ...gates.map((g) => `| ${g.metric} ${g.op} ${g.value} | ${g.kind} | ${g.actual ?? 'missing'} | ${g.interval ? `[${g.interval.lo}, ${g.interval.hi}] n=${g.interval.n}` : '-'} | ${g.status}${g.finding ? `: ${g.finding}` : ''} |`),
    '',
    '## Intervals',
    '',
    ...Object.entries(intervals).map(([k, i]) => `- ${k}: ${formatInterval(i, 4)}, stdev ${roundDecimal(i.stdev, 6)}`),
    '',
    '## Seeds',
    '',
    '| seed | net_bps | verdict of the seed alone |',
    '|---:|---:|---|',
    ...s.runs.map((r) => `| ${r.seed} | ${String(r.net_bps)} | ${r.verdict} |`),
    '',
  ];
  return lines.join('\n');
}

/**
 * A soak over several seeds: one run per seed (each with its own artifacts in `<outDir>/seed-<s>/`), then the
 * samples (synthetic: one per seed; replay: every window with fills of every seed), their 95% intervals, the
 * gates judged on them and one verdict. Writes `<outDir>/summary.json` and `SOAK_RESULTS.md` for the whole.
 */
import { canonicalJson, roundDecimal, writeFilesAtomic } from '@mm-profiles/profile-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Interval } from './confidence.js';
import { formatInterval } from './confidence.js';
import { evaluateGates, verdictOf, type GateResult, type Verdict } from './gates.js';
import { meanMetrics } from './soak-metrics.js';
import { runSoak, type SoakOptions, type SoakResult } from './soak-run.js';
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
  summary: Record<string, unknown>;
  durationUs: number;
}

export interface SeedsOptions extends Omit<SoakOptions, 'metricsPath'> {
  seeds: readonly number[];
  /** After each seed's run. */
  onSeed?: (seed: number, result: SoakResult) => void;
}

export async function runSoakSeeds(o: SeedsOptions): Promise<SeedsResult> {
  const runs: { seed: number; result: SoakResult }[] = [];
  let complete = true;
  for (const seed of o.seeds) {
    const result = await runSoak({ ...o, market: { ...o.market, seed }, outDir: o.outDir !== undefined ? join(o.outDir, `seed-${seed}`) : undefined });
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
  const summary = {
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
  };
  if (o.outDir !== undefined) {
    mkdirSync(o.outDir, { recursive: true });
    writeFilesAtomic([
      { path: join(o.outDir, 'summary.json'), content: canonicalJson(summary) },
      { path: join(o.outDir, 'SOAK_RESULTS.md'), content: renderSeedsResults(summary, intervals, gates) },
    ]);
  }
  return { verdict, metrics, intervals, gates, runs, unit, samples: samples.length, summary, durationUs };
}

function renderSeedsResults(summary: Record<string, unknown>, intervals: Record<string, Interval>, gates: GateResult[]): string {
  const s = summary as { profile: string; verdict: string; seeds: number[]; samples: { unit: string; n: number }; runs: { seed: number; verdict: string; net_bps: unknown }[] };
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

/**
 * Candidate vs baseline over the same seeds: per-metric means and the spread of the per-seed deltas, and the
 * decision. The candidate fails when its mean net_bps is below the baseline's by more than the margin, or when
 * its mean metrics break a hard gate.
 */
import { roundDecimal } from '@mm-profiles/profile-core';
import { evaluateGates, meanMetrics, type GateSet } from '@mm-profiles/soak-runner';
import type { GateReport, MetricComparison } from './gate-report.js';

export const COMPARED_METRICS = [
  'net_bps',
  'gross_bps',
  'fees_eff_bps',
  'slippage_bps',
  'inventory_bps',
  'adverse_bps',
  'hit_ratio',
  'latency_p95_ms',
  'cancel_ratio',
  'fills',
  'turnover',
  'quote_presence',
  'max_abs_position',
  'adverse_bps_p95',
  'slippage_bps_p95',
  'order_age_p95_ms',
] as const;

type Metrics = Record<string, unknown>;

const r6 = (x: number) => roundDecimal(x, 6);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n - 1); 0 for a single seed. */
function stdev(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

function valuesOf(runs: Metrics[], metric: string): number[] | null {
  const xs = runs.map((m) => m[metric]);
  return xs.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (xs as number[]) : null;
}

export function compareMetrics(baseline: Metrics[], candidate: Metrics[]): MetricComparison[] {
  if (baseline.length !== candidate.length || baseline.length === 0) throw new Error('compare needs the same non-zero number of runs on each side');
  const out: MetricComparison[] = [];
  for (const metric of COMPARED_METRICS) {
    const b = valuesOf(baseline, metric);
    const c = valuesOf(candidate, metric);
    if (!b || !c) continue;
    const d = c.map((x, i) => x - b[i]!);
    out.push({
      metric,
      baseline_mean: r6(mean(b)),
      candidate_mean: r6(mean(c)),
      delta_mean: r6(mean(d)),
      delta_min: r6(Math.min(...d)),
      delta_max: r6(Math.max(...d)),
      delta_stdev: r6(stdev(d)),
    });
  }
  return out;
}

export interface CompareInput {
  baselineName: string;
  candidateName: string;
  /** Per-seed metrics, same seeds in the same order on both sides. */
  baseline: Metrics[];
  candidate: Metrics[];
  gates: GateSet;
  marginBps: number;
  subject: Record<string, unknown>;
}

export function compareRuns(i: CompareInput): GateReport {
  const comparison = compareMetrics(i.baseline, i.candidate);
  const candidateMeans = meanMetrics(i.candidate);
  const gates = evaluateGates(candidateMeans, i.gates);
  const reasons: string[] = [];
  const net = comparison.find((c) => c.metric === 'net_bps');
  if (!net) reasons.push('net_bps missing from the soak metrics');
  else if (net.delta_mean < -i.marginBps) {
    reasons.push(
      `candidate ${i.candidateName} is worse than the baseline ${i.baselineName} on net_bps by ${r6(-net.delta_mean)} bps ` +
        `(mean over ${i.baseline.length} seed(s): ${net.candidate_mean} vs ${net.baseline_mean}; margin ${i.marginBps})`,
    );
  }
  for (const g of gates) {
    if (g.kind === 'hard' && !g.pass) {
      reasons.push(`candidate ${i.candidateName} breaks hard gate ${g.metric} ${g.op} ${g.value} (mean over seeds: ${g.actual ?? 'missing'})`);
    }
  }
  return {
    command: 'compare',
    verdict: reasons.length ? 'FAIL' : 'PASS',
    reasons,
    subject: { baseline: i.baselineName, candidate: i.candidateName, seeds: i.baseline.length, margin_bps: i.marginBps, ...i.subject },
    gates,
    comparison,
  };
}

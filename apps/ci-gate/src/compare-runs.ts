/**
 * Candidate vs baseline, paired over the same samples (seeds; on replay, the same windows of the same seeds):
 * per-metric means, the per-sample deltas and their 95% interval, and the decision. On net edge the candidate
 * FAILs only when it is worse by more than the margin with confidence (the delta's upper bound below
 * −margin), PASSes when the delta's lower bound is at or above −margin (with margin 0: better with
 * confidence), and is otherwise INCONCLUSIVE, with the number of samples the observed spread would need. Its
 * hard gates are judged on its own intervals the same way.
 */
import { roundDecimal } from '@mm-profiles/profile-core';
import {
  evaluateGates,
  formatInterval,
  intervalsOf,
  meanMetrics,
  pairedInterval,
  roundInterval,
  sampleMean,
  sampledMetricNames,
  samplesNeeded,
  sampleStdev,
  type GateSet,
  type Interval,
} from '@mm-profiles/soak-runner';
import type { GateReport, MetricComparison, PairedDecision } from './gate-report.js';

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
    const iv = pairedInterval(b, c);
    out.push({
      metric,
      baseline_mean: r6(sampleMean(b)),
      candidate_mean: r6(sampleMean(c)),
      delta_mean: r6(sampleMean(d)),
      delta_min: r6(Math.min(...d)),
      delta_max: r6(Math.max(...d)),
      delta_stdev: r6(sampleStdev(d)),
      delta_lo: r6(iv.lo),
      delta_hi: r6(iv.hi),
    });
  }
  return out;
}

/** The paired decision on one metric where higher is better, against the allowed regression `margin`. */
export function pairedDecision(baseline: number[], candidate: number[], margin: number): PairedDecision {
  const delta = pairedInterval(baseline, candidate);
  const threshold = -margin;
  let decision: PairedDecision['decision'];
  if (delta.hi < threshold) decision = 'FAIL';
  else if (delta.lo >= threshold) decision = 'PASS';
  else decision = 'INCONCLUSIVE';
  const needed = decision === 'INCONCLUSIVE' ? samplesNeeded(delta.stdev, delta.mean - threshold) : null;
  return {
    delta: roundInterval(delta),
    margin,
    decision,
    samples_needed: needed === null || needed === Infinity ? null : needed,
  };
}

export interface CompareInput {
  baselineName: string;
  candidateName: string;
  /** Per-sample metrics (seeds, or windows of seeds on replay), the same samples in the same order on both sides. */
  baseline: Metrics[];
  candidate: Metrics[];
  gates: GateSet;
  marginBps: number;
  /** What a sample is, for messages: 'seed' or 'window'. */
  unit?: string;
  subject: Record<string, unknown>;
}

export function compareRuns(i: CompareInput): GateReport {
  const unit = i.unit ?? 'seed';
  const comparison = compareMetrics(i.baseline, i.candidate);
  const candidateMeans = meanMetrics(i.candidate);
  const intervals: Record<string, Interval> = intervalsOf(i.candidate, sampledMetricNames(i.gates));
  const gates = evaluateGates(candidateMeans, i.gates, intervals);
  const reasons: string[] = [];
  let undecided = false;
  const b = valuesOf(i.baseline, 'net_bps');
  const c = valuesOf(i.candidate, 'net_bps');
  let paired: PairedDecision | undefined;
  if (!b || !c) reasons.push('net_bps missing from the soak metrics');
  else {
    paired = pairedDecision(b, c, i.marginBps);
    const d = `paired delta ${formatInterval(paired.delta, 4)} over ${b.length} ${unit}(s)`;
    if (paired.decision === 'FAIL') {
      reasons.push(`candidate ${i.candidateName} is worse than the baseline ${i.baselineName} on net_bps with confidence: ${d} is below −${i.marginBps} (the margin)`);
    } else if (paired.decision === 'INCONCLUSIVE') {
      undecided = true;
      const need = paired.samples_needed !== null ? `; at this spread about ${paired.samples_needed} ${unit}s would decide` : '; more samples will not decide (the mean sits on the threshold)';
      reasons.push(`cannot tell whether ${i.candidateName} is better than ${i.baselineName} on net_bps: ${d} straddles −${i.marginBps}${need}`);
    }
  }
  for (const g of gates) {
    if (g.kind !== 'hard' || g.status === 'PASS') continue;
    if (g.status === 'INCONCLUSIVE') undecided = true;
    reasons.push(`candidate ${i.candidateName} ${g.status === 'FAIL' ? 'breaks' : 'may break'} hard gate ${g.metric} ${g.op} ${g.value}: ${g.finding ?? ''} (over ${i.candidate.length} ${unit}(s))`);
  }
  const failed = (paired?.decision === 'FAIL' || !paired) || gates.some((g) => g.kind === 'hard' && g.status === 'FAIL');
  return {
    command: 'compare',
    verdict: failed ? 'FAIL' : undecided ? 'INCONCLUSIVE' : 'PASS',
    reasons,
    subject: { baseline: i.baselineName, candidate: i.candidateName, samples: i.baseline.length, sample_unit: unit, margin_bps: i.marginBps, ...i.subject },
    gates,
    comparison,
    ...(paired ? { paired } : {}),
  };
}

/**
 * KPI gates (SPEC 9): hard gates decide the verdict, soft gates only warn. `config/gates/*.json`. Where a
 * metric has samples (seeds, windows), a hard gate is judged on its 95% interval: it holds when the whole
 * interval is on the good side, fails when the whole interval is on the bad side, and is INCONCLUSIVE when the
 * interval straddles the threshold.
 */
import { closestKey, describeIssues, readJsonFile, ProfileError } from '@mm-profiles/profile-core';
import { METRIC_NAMES } from './soak-metrics.js';
import { z } from 'zod';
import type { Interval } from './confidence.js';

const gateSchema = z.strictObject({
  metric: z.string().describe('a metric of the soak summary, e.g. net_bps'),
  op: z.enum(['>', '>=', '<', '<=']),
  value: z.number(),
  meaning: z.string().optional().describe('what the gate says about the run, for people reading the gates file and the reports'),
});

export const gatesSchema = z.strictObject({
  hard: z.array(gateSchema).describe('all must hold for PASS'),
  soft: z.array(gateSchema).default([]).describe('reported, never fail the run'),
  compare: z
    .strictObject({
      net_bps_margin: z
        .number()
        .nonnegative()
        .describe('ci-gate compare fails when the candidate\'s mean net_bps is below the baseline\'s by more than this'),
    })
    .default({ net_bps_margin: 0 })
    .describe('candidate vs baseline (ci-gate compare)'),
});

export type Gate = z.infer<typeof gateSchema>;
export type GateConfig = z.infer<typeof gatesSchema>;
/** The gates a run is judged by (a gates file without its compare section, or a sweep's constraints). */
export type GateSet = Pick<GateConfig, 'hard' | 'soft'>;

export type GateStatus = 'PASS' | 'FAIL' | 'WARN' | 'INCONCLUSIVE';

export interface GateResult extends Gate {
  kind: 'hard' | 'soft';
  /** The metric's value (the mean over samples where there are several). */
  actual: number | null;
  /** True only when the gate holds (with confidence, where there is an interval). */
  pass: boolean;
  /** PASS; FAIL (hard) or WARN (soft) when it does not hold; INCONCLUSIVE when a hard gate's interval straddles. */
  status: GateStatus;
  /** The 95% interval the hard gate was judged on, when the metric has two samples or more. */
  interval?: Interval;
  /** What was found, as a finding rather than the rule: `cancel_ratio 0.688 > 0.55`; absent on PASS. */
  finding?: string;
}

export function loadGates(path: string, label = path): GateConfig {
  const raw = readJsonFile(path, label);
  const parsed = gatesSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues, label, raw, ['hard', 'soft', 'compare']));
  const problems = unknownGateMetrics(parsed.data, label);
  if (problems.length) throw new ProfileError(problems);
  return parsed.data;
}

/**
 * A gate on a metric no run exports would fail every run as "metric missing": a config error (exit 2) instead,
 * naming the key and the nearest known metric.
 */
export function unknownGateMetrics(gates: GateSet, label: string): string[] {
  const problems: string[] = [];
  for (const kind of ['hard', 'soft'] as const) {
    gates[kind].forEach((g, i) => {
      if (METRIC_NAMES.includes(g.metric)) return;
      const near = closestKey(g.metric, METRIC_NAMES);
      problems.push(`${label}: ${kind}[${i}].metric: unknown metric "${g.metric}"${near ? ` (did you mean "${near}"?)` : ` (known: ${METRIC_NAMES.join(', ')})`}`);
    });
  }
  return problems;
}

function holds(actual: number, op: Gate['op'], value: number): boolean {
  switch (op) {
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
  }
}

/** The opposite of a rule, for findings: what was seen when `op` did not hold. */
const NEGATED: Record<Gate['op'], string> = { '>': '<=', '>=': '<', '<': '>=', '<=': '>' };

/** The interval's bound that must hold for the gate to hold with confidence, and the one that decides a failure. */
function bounds(i: Interval, op: Gate['op']): { sure: number; hopeful: number } {
  return op === '>' || op === '>=' ? { sure: i.lo, hopeful: i.hi } : { sure: i.hi, hopeful: i.lo };
}

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/**
 * Evaluates every gate; a missing or non-finite metric fails its gate. `intervals` (metric -> interval over the
 * samples) make hard gates judge the interval where it has n >= 2; soft gates always read the value.
 */
export function evaluateGates(metrics: Record<string, unknown>, gates: GateSet, intervals: Record<string, Interval> = {}): GateResult[] {
  const one = (kind: 'hard' | 'soft') => (g: Gate): GateResult => {
    const v = metrics[g.metric];
    const iv = kind === 'hard' ? intervals[g.metric] : undefined;
    if (iv && iv.n >= 2) {
      const actual = iv.mean;
      const base = { ...g, kind, actual };
      const { sure, hopeful } = bounds(iv, g.op);
      const range = `[${fmt(iv.lo)}, ${fmt(iv.hi)}]`;
      if (holds(sure, g.op, g.value)) return { ...base, pass: true, status: 'PASS', interval: iv };
      if (!holds(hopeful, g.op, g.value)) {
        return { ...base, pass: false, status: 'FAIL', interval: iv, finding: `${g.metric} ${fmt(actual)} ${range} ${NEGATED[g.op]} ${g.value} (n=${iv.n})` };
      }
      return { ...base, pass: false, status: 'INCONCLUSIVE', interval: iv, finding: `${g.metric} ${fmt(actual)} ${range} straddles ${g.op} ${g.value} (n=${iv.n})` };
    }
    const actual = typeof v === 'number' && Number.isFinite(v) ? v : null;
    const base = { ...g, kind, actual };
    if (actual !== null && holds(actual, g.op, g.value)) return { ...base, pass: true, status: 'PASS' };
    const finding = actual === null ? `${g.metric} missing` : `${g.metric} ${fmt(actual)} ${NEGATED[g.op]} ${g.value}`;
    return { ...base, pass: false, status: kind === 'hard' ? 'FAIL' : 'WARN', finding };
  };
  return [...gates.hard.map(one('hard')), ...gates.soft.map(one('soft'))];
}

export type Verdict = 'PASS' | 'FAIL' | 'INCONCLUSIVE' | 'INCOMPLETE';

/** INCOMPLETE for an interrupted run; else FAIL if a hard gate fails, INCONCLUSIVE if one straddles, PASS. */
export function verdictOf(results: GateResult[], complete: boolean): Verdict {
  if (!complete) return 'INCOMPLETE';
  const hard = results.filter((r) => r.kind === 'hard');
  if (hard.some((r) => r.status === 'FAIL')) return 'FAIL';
  if (hard.some((r) => r.status === 'INCONCLUSIVE')) return 'INCONCLUSIVE';
  return 'PASS';
}

/** The console line of a gate: `| kpi_gate | WARN | SOFT cancel_ratio 0.688 > 0.55 |`. */
export function gateMarker(g: GateResult): string {
  const what = g.finding ?? `${g.metric} ${g.actual ?? 'missing'}${g.interval ? ` [${fmt(g.interval.lo)}, ${fmt(g.interval.hi)}]` : ''} ${g.op} ${g.value}`;
  return `| kpi_gate | ${g.status} | ${g.kind.toUpperCase()} ${what} |`;
}

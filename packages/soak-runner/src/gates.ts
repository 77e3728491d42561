/** KPI gates (SPEC 9): hard gates decide PASS/FAIL, soft gates only warn. `config/gates/*.json`. */
import { describeIssues, readJsonFile, ProfileError } from '@mm-profiles/profile-core';
import { z } from 'zod';

const gateSchema = z.strictObject({
  metric: z.string().describe('a metric of the soak summary, e.g. net_bps'),
  op: z.enum(['>', '>=', '<', '<=']),
  value: z.number(),
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

export interface GateResult extends Gate {
  kind: 'hard' | 'soft';
  actual: number | null;
  pass: boolean;
}

export function loadGates(path: string, label = path): GateConfig {
  const raw = readJsonFile(path, label);
  const parsed = gatesSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues, label, raw, ['hard', 'soft', 'compare']));
  return parsed.data;
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

/** Evaluates every gate; a missing or non-finite metric fails its gate. */
export function evaluateGates(metrics: Record<string, unknown>, gates: GateSet): GateResult[] {
  const one = (kind: 'hard' | 'soft') => (g: Gate): GateResult => {
    const v = metrics[g.metric];
    const actual = typeof v === 'number' && Number.isFinite(v) ? v : null;
    return { ...g, kind, actual, pass: actual !== null && holds(actual, g.op, g.value) };
  };
  return [...gates.hard.map(one('hard')), ...gates.soft.map(one('soft'))];
}

export function verdictOf(results: GateResult[], complete: boolean): 'PASS' | 'FAIL' | 'INCOMPLETE' {
  if (!complete) return 'INCOMPLETE';
  return results.every((r) => r.kind === 'soft' || r.pass) ? 'PASS' : 'FAIL';
}

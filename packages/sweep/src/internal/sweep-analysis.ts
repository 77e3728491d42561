/**
 * What a sweep found, from its cells alone (pure): each cell's mean metrics, its objective's 95% interval over
 * the seeds and its safety, the best safe cell and the neighbours it does not beat with confidence (paired over
 * the same seeds),
 * the window (per field, the values that keep the objective positive and the constraints held, the other
 * fields at the best cell's values), each field's influence, and the heatmap slice over the two most
 * influential fields.
 */
import { roundDecimal } from '@mm-profiles/profile-core';
import { evaluateGates, meanInterval, meanMetrics, pairedInterval, roundInterval, type Gate, type Interval } from '@mm-profiles/soak-runner';
import type { SweepCell } from '../sweep-grid.js';

export interface SweepCellResult {
  index: number;
  params: Record<string, number>;
  /** Means over the seeds. */
  metrics: Record<string, number>;
  /** The objective on each seed: the spread behind the mean. */
  objective_by_seed: number[];
  /** The objective's mean and 95% interval over the seeds (n = 1: no spread). */
  interval: Interval | null;
  safe: boolean;
  /** Constraints the cell breaks, e.g. "hit_ratio >= 0.7 (0.61)". */
  breaks: string[];
}

export function cellResult(cell: SweepCell, runs: readonly Record<string, unknown>[], objective: string, constraints: Gate[]): SweepCellResult {
  const metrics = meanMetrics(runs);
  const checked = evaluateGates(metrics, { hard: constraints, soft: [] });
  const breaks = checked.filter((g) => !g.pass).map((g) => `${g.metric} ${g.op} ${g.value} (${g.actual ?? 'missing'})`);
  const bySeed = runs.map((m) => (typeof m[objective] === 'number' ? (m[objective] as number) : NaN));
  return {
    index: cell.index,
    params: cell.params,
    metrics,
    objective_by_seed: bySeed,
    interval: bySeed.length && bySeed.every(Number.isFinite) ? roundInterval(meanInterval(bySeed)) : null,
    safe: breaks.length === 0 && Number.isFinite(metrics[objective]),
    breaks,
  };
}

export interface FieldWindow {
  field: string;
  values: number[];
  /** Objective along the slice through the best cell (null where that cell is unsafe). */
  slice: (number | null)[];
  /** Values in the window: safe and objective > 0 on the slice. */
  window: number[];
  /** The starting profile's value of this key, and whether it lies in the window. */
  start: number;
  start_in_window: boolean;
  /** Range of the field's marginal means of the objective (mean over all cells with that value). */
  influence: number;
}

/** A cell one grid step from the best in one field, and whether the best beats it with confidence. */
export interface Neighbour {
  index: number;
  params: Record<string, number>;
  /** Best − neighbour on the objective, paired by seed: mean and 95% interval. */
  delta: Interval;
  /** The delta's lower bound is above 0. */
  beaten: boolean;
}

export interface SweepAnalysis {
  objective: string;
  cells: number;
  safe_cells: number;
  positive_safe_cells: number;
  best: SweepCellResult | null;
  /** The best cell's safe neighbours; those with `beaten: false` are as good as far as the seeds can tell. */
  neighbours: Neighbour[];
  top: SweepCellResult[];
  windows: FieldWindow[];
  heatmap: Heatmap | null;
}

export interface Heatmap {
  x: string;
  y: string;
  xValues: number[];
  yValues: number[];
  /** Fixed at the best cell's values. */
  fixed: Record<string, number>;
  /** z[yi][xi]: the objective, null for an unsafe cell. */
  z: (number | null)[][];
}

const r6 = (x: number) => roundDecimal(x, 6);

/** Best first: higher objective, then the lower index (deterministic ties). */
export function byObjective(objective: string) {
  return (a: SweepCellResult, b: SweepCellResult) => b.metrics[objective]! - a.metrics[objective]! || a.index - b.index;
}

export function analyzeSweep(
  fields: Record<string, readonly number[]>,
  results: readonly SweepCellResult[],
  objective: string,
  start: Record<string, number>,
  topN = 10,
): SweepAnalysis {
  const names = Object.keys(fields);
  // By value in the grid's field order, whatever order a cell's params object has (a resumed cell's came from JSON).
  const keyOf = (params: Record<string, number>) => names.map((n) => params[n]).join('|');
  const byParams = new Map(results.map((r) => [keyOf(r.params), r]));
  const safe = results.filter((r) => r.safe).sort(byObjective(objective));
  const best = safe[0] ?? null;
  const windows: FieldWindow[] = names.map((field) => {
    const values = [...fields[field]!];
    const slice = values.map((v) => {
      if (!best) return null;
      const r = byParams.get(keyOf({ ...best.params, [field]: v }));
      return r && r.safe ? r.metrics[objective]! : null;
    });
    const window = values.filter((_, i) => slice[i] !== null && slice[i]! > 0);
    const marginal = values.map((v) => {
      const xs = results.filter((r) => r.params[field] === v).map((r) => r.metrics[objective]!);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    });
    const s = start[field]!;
    return {
      field,
      values,
      slice,
      window,
      start: s,
      start_in_window: window.includes(s),
      influence: r6(Math.max(...marginal) - Math.min(...marginal)),
    };
  });
  const neighbours: Neighbour[] = [];
  if (best) {
    for (const field of names) {
      const values = fields[field]!;
      const at = values.indexOf(best.params[field]!);
      for (const j of [at - 1, at + 1]) {
        if (j < 0 || j >= values.length) continue;
        const r = byParams.get(keyOf({ ...best.params, [field]: values[j]! }));
        if (!r || !r.safe || r.objective_by_seed.length !== best.objective_by_seed.length) continue;
        const delta = roundInterval(pairedInterval(r.objective_by_seed, best.objective_by_seed));
        neighbours.push({ index: r.index, params: r.params, delta, beaten: delta.n >= 2 ? delta.lo > 0 : delta.mean > 0 });
      }
    }
  }
  let heatmap: Heatmap | null = null;
  if (best) {
    const ranked = [...windows].sort((a, b) => b.influence - a.influence || names.indexOf(a.field) - names.indexOf(b.field));
    const x = ranked[0]!.field;
    const y = ranked[1]?.field ?? x;
    const xValues = [...fields[x]!];
    const yValues = y === x ? [best.params[x]!] : [...fields[y]!];
    const fixed: Record<string, number> = {};
    for (const n of names) if (n !== x && n !== y) fixed[n] = best.params[n]!;
    const z = yValues.map((yv) =>
      xValues.map((xv) => {
        const r = byParams.get(keyOf({ ...best.params, [x]: xv, [y]: y === x ? xv : yv }));
        return r && r.safe ? r.metrics[objective]! : null;
      }),
    );
    heatmap = { x, y, xValues, yValues, fixed, z };
  }
  return {
    objective,
    cells: results.length,
    safe_cells: safe.length,
    positive_safe_cells: safe.filter((r) => r.metrics[objective]! > 0).length,
    best,
    neighbours,
    top: safe.slice(0, topN),
    windows,
    heatmap,
  };
}

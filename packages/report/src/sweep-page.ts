/**
 * The sweep's page (`report.html` beside PARAM_SWEEP.json): the objective as a heatmap over two fields with
 * each cell's seeds and interval on hover and unsafe cells naming the broken constraint, the window of every
 * field, the best cell and the starting profile marked. Built only from PARAM_SWEEP.json.
 */
import { UserError, describeIssues, parseJsonText, writeFileAtomic } from '@mm-profiles/profile-core';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { esc, htmlPage } from './internal/html-page.js';
import { REPORT_FILE } from './soak-page.js';
import { sweepClient, type SweepPageCell, type SweepPageData } from './internal/sweep-client.js';

const num = z.number();
const cellSchema = z.looseObject({
  index: z.number().int(),
  params: z.record(z.string(), num),
  metrics: z.record(z.string(), num),
  objective_by_seed: z.array(num.nullable()),
  safe: z.boolean(),
  breaks: z.array(z.string()),
});
export const paramSweepSchema = z.looseObject({
  grid: z.looseObject({
    profile: z.string(),
    objective: z.string(),
    fields: z.record(z.string(), z.array(num)),
    constraints: z.array(z.looseObject({ metric: z.string(), op: z.string(), value: num })),
  }),
  grid_file: z.string(),
  starting_values: z.record(z.string(), num),
  best: cellSchema.nullable(),
  windows: z.array(z.looseObject({ field: z.string(), values: z.array(num), slice: z.array(num.nullable()), window: z.array(num), start: num, influence: num })),
  summary: z.looseObject({ cells: num, safe_cells: num, positive_safe_cells: num }),
  cells: z.array(cellSchema),
});
export type ParamSweep = z.infer<typeof paramSweepSchema>;

export function readParamSweep(path: string, show: (p: string) => string = (p) => p): ParamSweep {
  const label = show(path);
  if (!existsSync(path)) throw new UserError(`${label}: not found (run mm sweep first)`);
  const raw = parseJsonText(readFileSync(path, 'utf8'), label);
  const parsed = paramSweepSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, label, raw).join('; '));
  return parsed.data;
}

/** A cell's 95% interval of the objective over its seeds, where the sweep recorded one (`interval: {lo, hi}`). */
function cellInterval(c: Record<string, unknown>): [number, number, string] | null {
  const iv = c['interval'] as { lo?: unknown; hi?: unknown } | null | undefined;
  return iv && typeof iv.lo === 'number' && typeof iv.hi === 'number' ? [iv.lo, iv.hi, '95% CI of the mean'] : null;
}

export function sweepPageData(s: ParamSweep): SweepPageData {
  const fields = Object.keys(s.grid.fields);
  const obj = s.grid.objective;
  const inOrder = (params: Record<string, number>) => fields.map((f) => params[f]!);
  const cells: SweepPageCell[] = s.cells.map((c) => ({
    index: c.index,
    p: inOrder(c.params),
    m: c.metrics[obj] ?? NaN,
    seeds: c.objective_by_seed.map((x) => x ?? NaN),
    iv: cellInterval(c),
    safe: c.safe,
    breaks: c.breaks,
  }));
  const start = inOrder(s.starting_values);
  const nearest = (vals: number[], v: number) => vals.reduce((b, x) => (Math.abs(x - v) < Math.abs(b - v) ? x : b), vals[0]!);
  // Default axes: the two most influential fields (ties: grid order).
  const ranked = fields.map((f, i) => ({ i, inf: s.windows.find((w) => w.field === f)?.influence ?? 0 })).sort((a, b) => b.inf - a.inf || a.i - b.i);
  return {
    objective: obj,
    fields,
    values: fields.map((f) => s.grid.fields[f]!),
    start,
    startOnGrid: fields.map((f, i) => s.grid.fields[f]!.includes(start[i]!)),
    startNearest: fields.map((f, i) => nearest(s.grid.fields[f]!, start[i]!)),
    best: s.best ? inOrder(s.best.params) : null,
    cells,
    windows: s.windows.map((w) => ({ field: w.field, values: w.values, slice: w.slice, window: w.window, start: w.start, influence: w.influence })),
    x: ranked[0]?.i ?? 0,
    y: ranked[1]?.i ?? ranked[0]?.i ?? 0,
  };
}

/** The starting profile at its own values: each field, whether the grid has it, and its cell where it is one. */
function startSection(s: ParamSweep): string {
  const obj = s.grid.objective;
  const fields = Object.keys(s.grid.fields);
  const rows = fields
    .map((f) => {
      const v = s.starting_values[f]!;
      const on = s.grid.fields[f]!.includes(v);
      return `<tr><td>${esc(f)}</td><td class="n">${v}</td><td>${on ? 'a grid value' : `not a grid value (grid: ${s.grid.fields[f]!.join(', ')})`}</td></tr>`;
    })
    .join('');
  const cell = s.cells.find((c) => fields.every((f) => c.params[f] === s.starting_values[f]));
  const iv = cell ? cellInterval(cell) : null;
  const measured = cell
    ? `<p>Its own cell #${cell.index}: ${esc(obj)} ${cell.metrics[obj]} (by seed ${cell.objective_by_seed.join(', ')})${iv ? `, ${iv[2]} ${iv[0]} .. ${iv[1]}` : ''}; ${cell.safe ? 'safe' : `unsafe: breaks ${esc(cell.breaks.join('; '))}`}.</p>`
    : `<p>The grid does not hold the starting profile's own values, so the sweep did not soak it: the heatmap marks where it falls between the grid's values (blue dashed lines).</p>`;
  return `<section><h2>Starting profile ${esc(s.grid.profile)}</h2><table><tr><th>field</th><th class="n">start</th><th></th></tr>${rows}</table>${measured}</section>`;
}

export function sweepPageHtml(s: ParamSweep): string {
  const obj = s.grid.objective;
  const best = s.best;
  const constraints = s.grid.constraints.map((c) => `${c.metric} ${c.op} ${c.value}`).join(', ');
  const body = [
    `<section class="wide"><h2>Heatmap of ${esc(obj)}</h2>
<p class="note">Mean over the seeds; grey × = unsafe (breaks a constraint: ${esc(constraints)}); black outline = the best safe cell, blue dashed = the starting profile ${esc(s.grid.profile)}. Hover a cell for its seeds, interval and broken constraint. The other fields are fixed at the values chosen below (the best cell's at first; a button puts them at the starting profile's).</p>
<div id="sweep-controls" class="controls"></div><div class="chart" id="sweep-heatmap"></div></section>`,
    `<section class="wide"><h2>Window per field</h2><p class="note">${esc(obj)} along each field with the others at the best cell's values; the window (green values) keeps ${esc(obj)} &gt; 0 and the constraints held; blue dashed = the starting value.</p><div id="sweep-windows"></div></section>`,
    startSection(s),
    `<section><h2>Best safe cell</h2>${
      best
        ? `<table>${Object.entries(best.params)
            .map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${v}</td><td class="n">start ${s.starting_values[k] ?? '-'}</td></tr>`)
            .join('')}<tr><td>${esc(obj)}</td><td class="n">${best.metrics[obj]}</td><td class="n">by seed ${best.objective_by_seed.join(', ')}</td></tr></table>`
        : '<p>No safe cell.</p>'
    }</section>`,
  ].join('\n');
  return htmlPage({
    title: `Sweep ${s.grid_file}`,
    subtitle: esc(`${s.summary.cells} cells, ${s.summary.safe_cells} safe, ${s.summary.positive_safe_cells} safe with ${obj} > 0 · starting profile ${s.grid.profile}`),
    body: body + `<div id="sweep-tip" style="position:absolute;display:none;background:#fff;border:1px solid #8c959f;border-radius:4px;padding:6px 8px;font-size:12px;box-shadow:0 2px 8px #0002;pointer-events:none"></div>`,
    data: sweepPageData(s),
    client: sweepClient as (d: never, u: never, k: never) => void,
  });
}

/** Builds `report.html` beside PARAM_SWEEP.json; returns its path. */
export function writeSweepReport(paramSweepPath: string, show?: (p: string) => string): string {
  const html = sweepPageHtml(readParamSweep(paramSweepPath, show));
  const path = join(dirname(paramSweepPath), REPORT_FILE);
  writeFileAtomic(path, html);
  return path;
}

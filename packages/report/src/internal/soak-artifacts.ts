/**
 * Reads what a soak left in its out-dir for its page: summary, per-window metrics, the time series, the fills
 * table and the provenance. Every file is checked with zod; a missing or malformed one is a UserError naming
 * the file (and the line or key). summary.json is read with profile-core's strict schema, the one soak-runner
 * writes it through (one contract, one place); the schemas here are for the artifacts profile-core does not define.
 */
import { UserError, describeIssues, parseJsonText, soakRunSummarySchema, type SoakRunSummary } from '@mm-profiles/profile-core';
import { FILLS_FILE, TIMESERIES_FILE, type FillsFile, type TimeseriesFile } from '@mm-profiles/soak-runner';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const num = z.number();
const nullableNums = z.array(num.nullable());

export const timeseriesSchema = z.looseObject({
  version: z.literal(1),
  start_us: num,
  step_s: num.positive(),
  max_position: num,
  columns: z.looseObject({
    t_s: z.array(num),
    equity: z.array(num),
    gross: z.array(num),
    slippage: z.array(num),
    fees: z.array(num),
    inventory: z.array(num),
    position: z.array(num),
    mid: nullableNums,
    bid: nullableNums,
    ask: nullableNums,
    presence: z.array(num),
    // Written since the quoter seam (issue 16); a page of an older run draws without it.
    skew_bps: z.array(num).optional(),
    blocks: z.record(z.string(), z.array(num)),
  }),
  latency: z.looseObject({ edges_ms: z.array(num), counts: z.record(z.string(), z.array(num)), n: z.record(z.string(), num) }),
  // Written since the per-leg histograms (issue 15); an older run's page draws the markout curve without a band.
  markout_blocks: z
    .looseObject({ block_s: num.positive(), horizons_s: z.array(num), weighted: z.array(z.array(num)), notional: z.array(z.array(num)) })
    .optional(),
});

export const fillsSchema = z.looseObject({
  version: z.literal(1),
  total: z.number().int().nonnegative(),
  stride: z.number().int().positive(),
  columns: z.looseObject({ t_s: z.array(num), side: z.array(num), px: z.array(num), qty: z.array(num), mid: z.array(num), via: z.array(num) }),
  vias: z.array(z.string()),
});

/** A gate row of a ci-gate compare report (its own artifact; a soak's gates are in its summary's schema). */
export const gateSchema = z.looseObject({ metric: z.string(), kind: z.string(), op: z.string(), value: num, actual: num.nullable().optional(), pass: z.boolean() });
const windowSchema = z.looseObject({
  iteration: z.number().int(),
  ts: num,
  blocked_by: z.record(z.string(), num),
  markout_bps: z.record(z.string(), num),
  net_bps: num,
});

export type PageSummary = SoakRunSummary;
/** What a gates table reads of a gate: a soak summary's gates and a compare report's both fit. */
export type GateRow = z.infer<typeof gateSchema>;
export type WindowMetrics = z.infer<typeof windowSchema>;

export interface SoakPageArtifacts {
  summary: PageSummary;
  windows: WindowMetrics[];
  timeseries: TimeseriesFile;
  fills: FillsFile;
  provenance: Record<string, unknown> | null;
}

/** `show(path)` turns a path into what messages print. */
export function readChecked<T>(path: string, schema: z.ZodType<T>, show: (p: string) => string): T {
  const label = show(path);
  if (!existsSync(path)) throw new UserError(`${label}: not found (the soak's artifacts are incomplete; run mm soak again)`);
  const raw = parseJsonText(readFileSync(path, 'utf8'), label);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, label, raw).join('; '));
  return parsed.data;
}

export function readSoakPageArtifacts(dir: string, show: (p: string) => string = (p) => p, metricsPath = join(dir, 'metrics.jsonl')): SoakPageArtifacts {
  const summary = readChecked(join(dir, 'summary.json'), soakRunSummarySchema, show);
  const timeseries = readChecked(join(dir, TIMESERIES_FILE), timeseriesSchema, show) as TimeseriesFile;
  const fills = readChecked(join(dir, FILLS_FILE), fillsSchema, show) as FillsFile;
  const provPath = join(dir, 'applied_profile.provenance.json');
  const provenance = existsSync(provPath) ? (readChecked(provPath, z.record(z.string(), z.unknown()), show) as Record<string, unknown>) : null;
  const label = show(metricsPath);
  if (!existsSync(metricsPath)) throw new UserError(`${label}: not found (the soak's artifacts are incomplete; run mm soak again)`);
  const windows: WindowMetrics[] = [];
  readFileSync(metricsPath, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const raw = parseJsonText(line, `${label}:${i + 1}`);
      const parsed = windowSchema.safeParse(raw);
      if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, `${label}:${i + 1}`, raw).join('; '));
      windows.push(parsed.data);
    });
  const cols = timeseries.columns;
  for (const [k, v] of Object.entries(cols)) {
    const n = Array.isArray(v) ? v.length : undefined;
    if (n !== undefined && n !== cols.t_s.length) throw new UserError(`${show(join(dir, TIMESERIES_FILE))}: column "${k}" has ${n} points, t_s has ${cols.t_s.length}`);
  }
  const lat = timeseries.latency;
  for (const [leg, counts] of Object.entries(lat.counts)) {
    if (counts.length !== lat.edges_ms.length) throw new UserError(`${show(join(dir, TIMESERIES_FILE))}: latency leg "${leg}" has ${counts.length} bins, edges_ms has ${lat.edges_ms.length}`);
  }
  return { summary, windows, timeseries, fills, provenance };
}

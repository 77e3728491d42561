/**
 * A sweep grid (`config/sweeps/*.json`): a starting profile, profile fields with the values to try (delta or
 * absolute keys, as in a profile file), the market, iterations per cell, the objective and the safety
 * constraints. Validated up front, including every value against the field's range, so a bad grid fails
 * before the first soak, naming the key. A starting profile quoted by GLFT may also sweep its parameters as
 * `quoter.<name>` keys (e.g. `quoter.gamma`).
 */
import {
  PROFILE_FILE_KEYS,
  ProfileError,
  UserError,
  canonicalJson,
  closestKey,
  describeIssues,
  loadBase,
  loadProfileFile,
  readJsonFile,
  resolveProfileDeltas,
  sha256Hex,
  BASE_PROFILE_NAME,
  DELTA_SUFFIX,
  profileFileSchema,
  quoterSpecSchema,
  DEFAULT_QUOTER,
  GLFT_PARAMS,
  type AppliedProfile,
  type QuoterSpec,
  type LoadedFile,
  type ProfileFile,
} from '@mm-profiles/profile-core';
import { REPLAY_FORMATS } from '@mm-profiles/market-sim';
import { MAX_SEED, METRIC_NAMES, gatesSchema, unknownGateMetrics } from '@mm-profiles/soak-runner';
import { z } from 'zod';

const gateSchema = gatesSchema.shape.hard.element;

export const sweepGridSchema = z.strictObject({
  profile: z.string().describe('starting profile NAME (config/profiles/market_maker_NAME.json) or "base"'),
  fields: z
    .record(z.string(), z.array(z.number()).min(1, 'needs at least one value'))
    .describe('profile file keys (e.g. min_interval_ms, base_spread_bps_delta) and the values to try; the grid is every combination'),
  market: z
    .strictObject({
      scenario: z.string().default('default').describe('scenario NAME or file (venue parameters; the synthetic market unless replay is set)'),
      seeds: z.array(z.number().int().min(0).max(MAX_SEED)).min(1).max(100).default([1]).describe('every cell runs on each seed; metrics are the means over them'),
      replay: z.string().optional().describe('a recorded file to replay instead of the synthetic market'),
      format: z.enum(REPLAY_FORMATS).optional(),
      skip_bad_lines: z.boolean().default(false),
      venue: z.string().optional().describe('venue NAME or file (config/venues); a replay without it takes the venue of its symbol'),
      depth: z.enum(['on', 'off']).optional().describe('a replay: read the capture\'s depth into an L2 book (default on; off: L1 rules, faster)'),
    })
    .describe('the same market for every cell'),
  iterations: z.number().int().min(1).default(2).describe('soak iterations (windows of the scenario) per seed'),
  window_s: z.number().positive().optional().describe('window length in market seconds (default: the scenario\'s)'),
  auto_tune: z.boolean().default(true).describe('min_interval auto-tune between iterations, as in production and the mini soak'),
  objective: z.string().default('net_bps').describe('the metric to maximise'),
  constraints: z.array(gateSchema).default([]).describe('hard gates a cell must hold to count as safe'),
});

export type SweepGrid = z.infer<typeof sweepGridSchema>;

export interface SweepCell {
  index: number;
  /** The grid's keys and this cell's values, in the grid's field order. */
  params: Record<string, number>;
}

export interface LoadedSweep {
  grid: SweepGrid;
  label: string;
  base: LoadedFile<AppliedProfile>;
  /** The starting profile's file content (empty for base). */
  start: ProfileFile;
  /** The starting profile's quoter (its `quoter` key; the profile quoter by default). */
  startQuoter: QuoterSpec;
  /** Identifies grid + base + starting profile: a resumed sweep must match it. */
  sha256: string;
}

/** A grid key naming a parameter of the starting profile's quoter: `quoter.gamma`. */
export const QUOTER_PREFIX = 'quoter.';
/** The grid keys a GLFT starting profile may sweep besides the profile fields. */
export const QUOTER_KEYS: readonly string[] = GLFT_PARAMS.map((p) => QUOTER_PREFIX + p);

/** The starting profile's deltas with the cell's values; setting `x` drops `x_delta` and the reverse. */
export function cellDeltas(start: ProfileFile, params: Record<string, number>): ProfileFile {
  const out: Record<string, number> = { ...(start as Record<string, number>) };
  for (const [k, v] of Object.entries(params)) {
    if (k.startsWith(QUOTER_PREFIX)) continue;
    const twin = k.endsWith(DELTA_SUFFIX) ? k.slice(0, -DELTA_SUFFIX.length) : k + DELTA_SUFFIX;
    delete out[twin];
    out[k] = v;
  }
  return out as ProfileFile;
}

/** The starting profile's quoter with the cell's `quoter.<name>` values (checked by the quoter's schema). */
export function cellQuoter(start: QuoterSpec, params: Record<string, number>, label: string): QuoterSpec {
  const entries = Object.entries(params).filter(([k]) => k.startsWith(QUOTER_PREFIX));
  if (entries.length === 0) return start;
  const raw = { ...start, ...Object.fromEntries(entries.map(([k, v]) => [k.slice(QUOTER_PREFIX.length), v])) };
  const parsed = quoterSpecSchema().safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues.map((i) => ({ ...i, path: ['quoter', ...i.path] })), label, { quoter: raw }));
  return parsed.data;
}

/** Every combination, the last field varying fastest; index = position in that order. */
export function expandGrid(fields: Record<string, readonly number[]>): SweepCell[] {
  const keys = Object.keys(fields);
  const cells: SweepCell[] = [];
  const total = keys.reduce((n, k) => n * fields[k]!.length, 1);
  for (let index = 0; index < total; index++) {
    const params: Record<string, number> = {};
    let rest = index;
    for (let j = keys.length - 1; j >= 0; j--) {
      const values = fields[keys[j]!]!;
      params[keys[j]!] = values[rest % values.length]!;
      rest = Math.floor(rest / values.length);
    }
    const ordered: Record<string, number> = {};
    for (const k of keys) ordered[k] = params[k]!;
    cells.push({ index, params: ordered });
  }
  return cells;
}

/** The most cells one grid may have: a sweep is a search, not a brute force over millions of soaks. */
export const MAX_GRID_CELLS = 10_000;

export function parseSweepGrid(raw: unknown, label: string): SweepGrid {
  const parsed = sweepGridSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues, label, raw, Object.keys(sweepGridSchema.shape)));
  const grid = parsed.data;
  const problems: string[] = [];
  if (Object.keys(grid.fields).length === 0) problems.push(`${label}: fields: name at least one profile field to sweep`);
  for (const [k, values] of Object.entries(grid.fields)) {
    if (!(PROFILE_FILE_KEYS as readonly string[]).includes(k) && !QUOTER_KEYS.includes(k)) {
      const hint = closestKey(k, [...PROFILE_FILE_KEYS, ...QUOTER_KEYS]);
      problems.push(`${label}: fields.${k}: not a profile field${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    if (new Set(values).size !== values.length) problems.push(`${label}: fields.${k}: a value is listed twice`);
  }
  const rawFields = (raw as { fields?: unknown }).fields;
  if (rawFields && typeof rawFields === 'object' && Object.hasOwn(rawFields, '__proto__')) problems.push(`${label}: fields.__proto__: not a profile field`);
  for (const k of Object.keys(grid.fields)) {
    if (k.endsWith(DELTA_SUFFIX) && Object.hasOwn(grid.fields, k.slice(0, -DELTA_SUFFIX.length))) {
      problems.push(`${label}: fields: both ${k.slice(0, -DELTA_SUFFIX.length)} and ${k} are swept; give one form of a field`);
    }
  }
  const cells = Object.values(grid.fields).reduce((n, v) => n * v.length, 1);
  if (cells > MAX_GRID_CELLS) problems.push(`${label}: fields: ${cells} cells; at most ${MAX_GRID_CELLS} per sweep (split the grid)`);
  if (!METRIC_NAMES.includes(grid.objective)) {
    const near = closestKey(grid.objective, METRIC_NAMES);
    problems.push(`${label}: objective: unknown metric "${grid.objective}"${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  problems.push(...unknownGateMetrics({ hard: grid.constraints, soft: [] }, label).map((p) => p.replace(': hard[', ': constraints[')));
  if (grid.market.replay && !grid.market.format) problems.push(`${label}: market.format: a replay needs its format (${REPLAY_FORMATS.join(' or ')})`);
  if (problems.length) throw new ProfileError(problems);
  return grid;
}

/**
 * Loads and checks a grid: the starting profile exists, and each value of each field, set alone on the
 * starting profile, gives a valid applied profile (so no cell fails half-way through a sweep).
 */
export function loadSweepGrid(path: string, label: string, configDir: string): LoadedSweep {
  const grid = parseSweepGrid(readJsonFile(path, label), label);
  const base = loadBase(configDir);
  const startFile = grid.profile === BASE_PROFILE_NAME ? null : loadProfileFile(grid.profile, configDir);
  const start = startFile?.content ?? {};
  const startQuoter = startFile?.quoter ?? DEFAULT_QUOTER;
  const problems: string[] = [];
  for (const [k, values] of Object.entries(grid.fields)) {
    if (k.startsWith(QUOTER_PREFIX) && startQuoter.kind !== 'glft') {
      problems.push(`${label}: fields.${k}: ${grid.profile} is quoted by the ${startQuoter.kind} quoter, which has no ${k.slice(QUOTER_PREFIX.length)}`);
      continue;
    }
    values.forEach((v, i) => {
      try {
        if (k.startsWith(QUOTER_PREFIX)) {
          cellQuoter(startQuoter, { [k]: v }, label);
          return;
        }
        const deltas = cellDeltas(start, { [k]: v });
        const asFile = profileFileSchema.safeParse(deltas);
        if (!asFile.success) throw new ProfileError(describeIssues(asFile.error.issues, label, deltas));
        resolveProfileDeltas(grid.profile, base, deltas, label);
      } catch (error) {
        const why = error instanceof ProfileError ? error.problems.map((p) => p.replace(`${label}: `, '')).join('; ') : String(error);
        problems.push(`${label}: fields.${k}[${i}]: ${v} is out of range (${why})`);
      }
    });
  }
  if (problems.length) throw new ProfileError(problems);
  // The quoter joins the identity only when it is not the default (a profile-quoter sweep's hash is as before).
  const sha256 = sha256Hex(canonicalJson({ grid, base: base.sha256, start, ...(startQuoter.kind !== 'profile' ? { quoter: startQuoter } : {}) }));
  return { grid, label, base, start, startQuoter, sha256 };
}

export function assertResumable(found: string, expected: string, file: string): void {
  if (found !== expected) {
    throw new UserError(`${file}: written by a different grid, base or starting profile; use another --out-dir or run without --resume`);
  }
}

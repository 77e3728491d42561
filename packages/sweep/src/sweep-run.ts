/**
 * A sweep: every cell of a grid soaked on the same market and seeds, on a pool of worker threads (piscina),
 * each finished cell appended to `sweep.jsonl` at once so `resume` skips it after a crash or Ctrl-C; then
 * `PARAM_SWEEP.json` (canonical, the same bytes whatever the worker count or finishing order), `.md` and `.svg`.
 */
import { canonicalJson, canonicalLine, DELTA_SUFFIX, mergeProfile, UserError, writeFilesAtomic, type ProfileFile } from '@mm-profiles/profile-core';
import type { EdgePolicyConfig } from '@mm-profiles/sentinel';
import { marketSpec } from '@mm-profiles/soak-runner';
import { setMaxListeners } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSweep, byObjective, cellResult, type SweepAnalysis, type SweepCellResult } from './internal/sweep-analysis.js';
import { fromWorkerError, runSweepCell, type SweepCellRun, type SweepCellTask } from './sweep-cell.js';
import { assertResumable, cellDeltas, cellQuoter, expandGrid, QUOTER_PREFIX, type LoadedSweep, type SweepCell } from './sweep-grid.js';
import { renderSweepMarkdown, renderSweepSvg } from './internal/sweep-reports.js';

export const SWEEP_FILES = { jsonl: 'sweep.jsonl', json: 'PARAM_SWEEP.json', md: 'PARAM_SWEEP.md', svg: 'PARAM_SWEEP.svg' } as const;

export interface SweepOptions {
  sweep: LoadedSweep;
  /** 0: run cells in this thread (tests); else the pool's size. */
  workers: number;
  /** The worker entry (a built sweep-worker.js); default: the one beside this module. */
  workerFile?: string | URL;
  outDir: string;
  resume: boolean;
  edgePolicy: EdgePolicyConfig;
  root: string;
  onProgress?: (p: SweepProgress) => void;
  /** Polled as cells finish: stop starting new cells, keep what is done (Ctrl-C). */
  shouldStop?: () => boolean;
  /** Runs the cells elsewhere instead of `workers` (mm sweep --queue: queue-coordinator). */
  executor?: SweepExecutor;
}

/**
 * Runs the cells still to do somewhere else and hands each finished cell to `finish` (any order, each once);
 * resolves whether it stopped before the end (then the journal holds what finished).
 */
export type SweepExecutor = (run: {
  gridSha256: string;
  tasks: SweepCellTask[];
  finish: (r: SweepCellRun) => void;
  shouldStop: () => boolean;
}) => Promise<boolean>;

export interface SweepProgress {
  done: number;
  total: number;
  /** Cells taken from sweep.jsonl by --resume. */
  resumed: number;
  best: SweepCellResult | null;
}

export interface SweepResult {
  complete: boolean;
  results: SweepCellResult[];
  analysis: SweepAnalysis;
  /** The best safe cell's profile in the starting profile's delta form. */
  bestDeltas: ProfileFile | null;
  files: string[];
}

interface JournalLine extends SweepCellResult {
  grid_sha256: string;
}

/** The cells already in sweep.jsonl; a torn last line (a kill mid-write) is dropped. */
function readJournal(path: string, sha: string, cells: readonly SweepCell[]): Map<number, SweepCellResult> {
  const done = new Map<number, SweepCellResult>();
  if (!existsSync(path)) return done;
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let rec: JournalLine;
    try {
      rec = JSON.parse(line) as JournalLine;
    } catch {
      if (i >= lines.length - 2) return;
      throw new UserError(`${path}:${i + 1}: not a JSON line; remove the file or run without --resume`);
    }
    assertResumable(rec.grid_sha256, sha, path);
    const cell = cells[rec.index];
    if (!cell || !rec.params || Object.keys(cell.params).some((k) => cell.params[k] !== rec.params[k])) {
      throw new UserError(`${path}:${i + 1}: cell ${rec.index} is not this grid's cell ${rec.index}`);
    }
    const { grid_sha256: _sha, ...result } = rec;
    // The grid's own params object: the same values, in the grid's field order.
    done.set(rec.index, { ...result, params: cell.params });
  });
  return done;
}

/** The value each grid key has in the starting profile (a missing delta is 0; a missing absolute the applied value). */
export function startingValues(s: LoadedSweep): Record<string, number> {
  const applied = mergeProfile(s.base.content, s.start).applied as Record<string, number>;
  const start = s.start as Record<string, number>;
  const out: Record<string, number> = {};
  const quoter = s.startQuoter as Record<string, unknown>;
  for (const k of Object.keys(s.grid.fields)) {
    if (k.startsWith(QUOTER_PREFIX)) out[k] = quoter[k.slice(QUOTER_PREFIX.length)] as number;
    else out[k] = k in start ? start[k]! : k.endsWith(DELTA_SUFFIX) ? 0 : applied[k]!;
  }
  return out;
}

export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  const { grid, sha256 } = o.sweep;
  const cells = expandGrid(grid.fields);
  // One market, loaded and checked once, on each seed.
  const market0 = marketSpec(o.root, {
    scenario: grid.market.scenario,
    replay: grid.market.replay,
    format: grid.market.format,
    skipBadLines: grid.market.skip_bad_lines,
    venue: grid.market.venue,
    depth: grid.market.depth,
    seed: grid.market.seeds[0]!,
  });
  const markets = grid.market.seeds.map((seed) => ({ ...market0, seed }));
  const constraints = { hard: grid.constraints, soft: [] };
  const createdOutDir = !existsSync(o.outDir);
  mkdirSync(o.outDir, { recursive: true });
  const journal = join(o.outDir, SWEEP_FILES.jsonl);
  // Kept to put back when the sweep fails before any cell of its own finished (a failed start changes nothing).
  const previousJournal = existsSync(journal) ? readFileSync(journal) : null;
  const done = o.resume ? readJournal(journal, sha256, cells) : new Map<number, SweepCellResult>();
  // A resumed journal keeps its whole lines only; a fresh sweep starts an empty one.
  writeFileSync(journal, [...done.values()].map((r) => canonicalLine({ ...r, grid_sha256: sha256 }) + '\n').join(''));
  const resumed = done.size;
  let best: SweepCellResult | null = null;
  const bestFirst = byObjective(grid.objective);
  const better = (r: SweepCellResult) => r.safe && (!best || bestFirst(r, best) < 0);
  for (const r of done.values()) if (better(r)) best = r;
  const progress = () => o.onProgress?.({ done: done.size, total: cells.length, resumed, best });
  progress();

  const task = (i: number): SweepCellTask => ({
    index: i,
    name: `${grid.profile}#${i}`,
    label: `${o.sweep.label} cell ${i}`,
    base: o.sweep.base,
    deltas: cellDeltas(o.sweep.start, cells[i]!.params),
    quoter: cellQuoter(o.sweep.startQuoter, cells[i]!.params, `${o.sweep.label} cell ${i}`),
    markets,
    iterations: grid.iterations,
    windowS: grid.window_s,
    autoTune: grid.auto_tune,
    constraints,
    edgePolicy: o.edgePolicy,
    root: o.root,
  });
  const finish = (run: SweepCellRun) => {
    const r = cellResult(cells[run.index]!, run.runs, grid.objective, grid.constraints);
    done.set(r.index, r);
    appendFileSync(journal, canonicalLine({ ...r, grid_sha256: sha256 }) + '\n');
    if (better(r)) best = r;
    progress();
  };
  const todo = cells.filter((c) => !done.has(c.index)).map((c) => c.index);
  let stopped = false;
  try {
    if (o.executor) {
      stopped = await o.executor({ gridSha256: sha256, tasks: todo.map(task), finish, shouldStop: () => Boolean(o.shouldStop?.()) });
    } else if (o.workers <= 0) {
      for (const i of todo) {
        if (o.shouldStop?.()) {
          stopped = true;
          break;
        }
        finish(await runSweepCell(task(i)));
      }
    } else {
      stopped = await runOnPool(o, todo.map(task), finish);
    }
  } catch (error) {
    if (done.size === resumed) {
      if (previousJournal) writeFileSync(journal, previousJournal);
      else rmSync(journal, { force: true });
      if (createdOutDir) rmSync(o.outDir, { recursive: true, force: true });
    }
    throw error;
  }

  const results = cells.filter((c) => done.has(c.index)).map((c) => done.get(c.index)!);
  const start = startingValues(o.sweep);
  const analysis = analyzeSweep(grid.fields, results, grid.objective, start);
  const bestQuoter = analysis.best ? cellQuoter(o.sweep.startQuoter, analysis.best.params, o.sweep.label) : null;
  // The best cell as a profile file: its fields, and its quoter when it is not the profile quoter (--emit-profile).
  const bestDeltas = analysis.best
    ? ({ ...cellDeltas(o.sweep.start, analysis.best.params), ...(bestQuoter!.kind !== 'profile' ? { quoter: bestQuoter } : {}) } as unknown as ProfileFile)
    : null;
  const complete = !stopped && results.length === cells.length;
  if (!complete) return { complete, results, analysis, bestDeltas, files: [journal] };

  const market = market0.kind === 'mock' ? `mock ${market0.scenarioName}` : `replay ${grid.market.replay} (${market0.format})`;
  const doc = {
    grid,
    grid_file: o.sweep.label,
    grid_sha256: sha256,
    starting_values: start,
    best: analysis.best,
    best_profile: bestDeltas,
    windows: analysis.windows,
    summary: { cells: analysis.cells, safe_cells: analysis.safe_cells, positive_safe_cells: analysis.positive_safe_cells },
    cells: results,
  };
  const ctx = {
    label: o.sweep.label,
    profile: grid.profile,
    market,
    seeds: grid.market.seeds,
    iterations: grid.iterations,
    constraints: grid.constraints.map((c) => `${c.metric} ${c.op} ${c.value}`),
  };
  const files = [
    { path: join(o.outDir, SWEEP_FILES.json), content: canonicalJson(doc) },
    { path: join(o.outDir, SWEEP_FILES.md), content: renderSweepMarkdown(ctx, analysis, results) },
    {
      path: join(o.outDir, SWEEP_FILES.svg),
      content: renderSweepSvg(`PARAM_SWEEP ${o.sweep.label}`, grid.objective, analysis.heatmap, { best: analysis.best?.params, start }),
    },
  ];
  writeFilesAtomic(files);
  return { complete, results, analysis, bestDeltas, files: [journal, ...files.map((f) => f.path)] };
}

/** Runs the tasks on a piscina pool; returns whether it was stopped before the end. */
async function runOnPool(o: SweepOptions, tasks: SweepCellTask[], finish: (r: SweepCellRun) => void): Promise<boolean> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: (o.workerFile ?? new URL('./sweep-worker.js', import.meta.url)).toString(),
    minThreads: o.workers,
    maxThreads: o.workers,
    // Cells are CPU-bound: no more queued per thread than needed to keep it busy.
    concurrentTasksPerWorker: 1,
  });
  const abort = new AbortController();
  // Every queued task listens on the one signal.
  setMaxListeners(tasks.length + 10, abort.signal);
  let stopped = false;
  const poll = setInterval(() => {
    if (!stopped && o.shouldStop?.()) {
      stopped = true;
      abort.abort();
    }
  }, 100);
  try {
    await Promise.all(
      tasks.map((t) =>
        pool.run(t, { signal: abort.signal }).then(
          // A cell that finished is kept even after a stop: the journal is what --resume starts from.
          (r: SweepCellRun) => finish(r),
          (error: unknown) => {
            if (!stopped) throw fromWorkerError(error);
          },
        ),
      ),
    );
  } finally {
    clearInterval(poll);
    await pool.destroy();
  }
  return stopped;
}

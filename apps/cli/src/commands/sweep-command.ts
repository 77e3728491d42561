/** `mm sweep`: every cell of a grid soaked for real on a worker pool; PARAM_SWEEP.json/.md/.svg; emit the best as a profile. */
import {
  assertProfileName,
  BASE_PROFILE_NAME,
  marker,
  profileFileName,
  resolveProfile,
  UserError,
  lockOutDir,
  wholeNumberFlag,
  writeFileAtomic,
} from '@mm-profiles/profile-core';
import { loadSweepGrid, QueuedCellsFailed, redactedUrl, runSweep, SWEEP_FILES, type SweepProgress } from '@mm-profiles/sweep';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fromRoot, root, shown } from '../cli-context.js';
import { sentinelSettings } from '../sentinel-settings.js';
import { cancelSweep, checkQueueFlags, sweepExecutor } from './sweep-queue.js';

export interface SweepCommandOptions {
  grid: string;
  workers?: string;
  outDir: string;
  resume?: boolean;
  emitProfile?: string;
  force?: boolean;
  configDir: string;
  quiet?: boolean;
  /** redis://HOST:PORT[/DB]: run the cells through BullMQ on `mm worker`s (sweep-queue.ts). */
  queue?: string;
  cancel?: boolean;
}

const clock = (s: number) => (s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`);

/** Profile files are written as people write them: sorted keys, two-space indent. */
function profileText(deltas: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(deltas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted, null, 2) + '\n';
}

/** The most worker threads, even with --force. */
export const MAX_WORKERS = 64;

export async function sweepCommand(o: SweepCommandOptions, workerFile: URL): Promise<number> {
  checkQueueFlags(o);
  // More threads than cores only multiplies memory (each holds a market); --force allows up to MAX_WORKERS.
  const cores = availableParallelism();
  const workers = o.workers === undefined ? cores : wholeNumberFlag(o.workers, '--workers', 0, o.force ? MAX_WORKERS : cores);
  const configDir = fromRoot(o.configDir);
  let emitPath: string | undefined;
  if (o.emitProfile !== undefined) {
    assertProfileName(o.emitProfile);
    if (o.emitProfile === BASE_PROFILE_NAME) throw new UserError(`--emit-profile ${BASE_PROFILE_NAME}: that name is the base profile; choose another NAME`);
    emitPath = join(configDir, profileFileName(o.emitProfile));
    if (existsSync(emitPath) && !o.force) throw new UserError(`${shown(emitPath)} exists; choose another --emit-profile NAME or pass --force`);
  }
  const gridFile = fromRoot(o.grid);
  if (!existsSync(gridFile)) throw new UserError(`${o.grid}: sweep grid not found`);
  const sweep = loadSweepGrid(gridFile, shown(gridFile), configDir);
  const outDir = fromRoot(o.outDir);
  const out = (l: string) => process.stdout.write(l + '\n');
  if (o.cancel) return cancelSweep(o.queue!, sweep, root, sentinelSettings(undefined).edge_policy, out);
  const objective = sweep.grid.objective;
  const cellsTotal = Object.values(sweep.grid.fields).reduce((n, v) => n * v.length, 1);
  if (!o.quiet) {
    const where = o.queue ? `mm worker processes via ${redactedUrl(o.queue)}` : `${workers || 'no'} worker thread(s)`;
    out(`sweep: ${shown(gridFile)}: ${cellsTotal} cells x ${sweep.grid.market.seeds.length} seed(s), ${where}, out ${shown(outDir)}`);
  }

  const tty = process.stderr.isTTY && !o.quiet;
  const t0 = Date.now();
  const bestText = (p: SweepProgress) => (p.best ? `${objective} ${p.best.metrics[objective]} @ #${p.best.index}` : 'none safe yet');
  let bar: { start: (total: number, value: number, p: Record<string, unknown>) => void; update: (v: number, p: Record<string, unknown>) => void; stop: () => void } | undefined;
  if (tty) {
    const { default: cp } = await import('cli-progress');
    bar = new cp.SingleBar(
      { format: 'sweep [{bar}] {value}/{total} cells | ETA {eta_formatted} | best {best}', stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cp.Presets.shades_classic,
    );
  }
  let barStarted = false;
  let lastTenth = -1;
  const onProgress = (p: SweepProgress) => {
    if (bar) {
      // Started at the first report, from the cells a resume brought, so the ETA counts only cells run now.
      if (!barStarted) bar.start(p.total, p.done, { best: bestText(p) });
      barStarted = true;
      bar.update(p.done, { best: bestText(p) });
      return;
    }
    const tenth = Math.floor((10 * p.done) / p.total);
    if (!o.quiet && tenth > lastTenth) {
      lastTenth = tenth;
      const secs = (Date.now() - t0) / 1000;
      const fresh = p.done - p.resumed;
      const eta = fresh > 0 ? clock((secs / fresh) * (p.total - p.done)) : '?';
      out(`sweep: ${p.done}/${p.total} cells${p.resumed ? ` (${p.resumed} resumed)` : ''}, ${clock(secs)} elapsed, ETA ${eta}, best ${bestText(p)}`);
    }
  };
  let stop = false;
  const onSigint = () => {
    stop = true;
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  // One sweep per out-dir: two --resume runs on one journal would run the same cells twice.
  // A queued sweep's state is in Redis (dedup by the sweep's identity); the local journal is the pool's.
  const lock = o.queue ? undefined : lockOutDir(outDir, { command: 'mm sweep', label: shown(outDir), warn: (l) => process.stderr.write(l + '\n') });
  let result;
  try {
    result = await runSweep({
      sweep,
      workers,
      workerFile,
      outDir,
      resume: Boolean(o.resume),
      edgePolicy: sentinelSettings(undefined).edge_policy,
      root,
      onProgress,
      shouldStop: () => stop,
      executor: await sweepExecutor(o, o.quiet ? undefined : (l) => (bar && barStarted ? process.stderr.write(`\n${l}\n`) : out(l))),
    });
  } catch (error) {
    if (!(error instanceof QueuedCellsFailed)) throw error;
    bar?.stop();
    process.stderr.write(`mm: error: ${error.message}\n`);
    return 1;
  } finally {
    bar?.stop();
    lock?.release();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  if (!result.complete) {
    out(`sweep: interrupted after ${result.results.length}/${cellsTotal} cells; finished cells are in ${shown(join(outDir, SWEEP_FILES.jsonl))}, continue with --resume`);
    return 130;
  }
  const a = result.analysis;
  out(`sweep: ${a.cells} cells, ${a.safe_cells} safe, ${a.positive_safe_cells} safe with ${objective} > 0 (${clock((Date.now() - t0) / 1000)})`);
  if (a.best) {
    const iv = a.best.interval && a.best.interval.n >= 2 ? ` [${a.best.interval.lo}, ${a.best.interval.hi}] (95% CI, n=${a.best.interval.n})` : '';
    out(`best: #${a.best.index} ${Object.entries(a.best.params).map(([k, v]) => `${k}=${v}`).join(' ')} ${objective}=${a.best.metrics[objective]}${iv}`);
    for (const n of a.neighbours.filter((x) => !x.beaten)) {
      out(marker('sweep_neighbour', 'NOT_BEATEN', `#${n.index} ${Object.entries(n.params).map(([k, v]) => `${k}=${v}`).join(' ')} BEST_MINUS=${n.delta.mean} [${n.delta.lo}, ${n.delta.hi}]`));
    }
  }
  for (const w of a.windows) {
    const range = w.window.length ? `${Math.min(...w.window)}..${Math.max(...w.window)}` : 'none';
    out(marker('sweep_window', w.start_in_window ? 'IN' : 'OUT', `${w.field} WINDOW=${range} START=${w.start} INFLUENCE=${w.influence}`));
  }
  out(`artifacts: ${result.files.map(shown).join(', ')}`);
  const report = await import('@mm-profiles/report');
  out(`report: ${report.pageLink(report.writeSweepReport(join(outDir, SWEEP_FILES.json), shown), shown)}`);
  if (emitPath) {
    if (!result.bestDeltas) {
      process.stderr.write(`mm: no cell meets the safety constraints; nothing to emit as ${o.emitProfile}\n`);
      return 1;
    }
    writeFileAtomic(emitPath, profileText(result.bestDeltas as Record<string, unknown>));
    // Round trip: the emitted file must load and apply like any reviewed profile.
    resolveProfile({ name: o.emitProfile!, configDir, root, ignoreRuntimeOverrides: true });
    out(marker('sweep_emit_profile', 'OK', `${shown(emitPath)} (cell #${a.best!.index})`));
  }
  return 0;
}

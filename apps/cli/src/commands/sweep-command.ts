/** `mm sweep`: every cell of a grid soaked for real on a worker pool; PARAM_SWEEP.json/.md/.svg; emit the best as a profile. */
import {
  assertProfileName,
  marker,
  profileFileName,
  resolveProfile,
  UserError,
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

export async function sweepCommand(o: SweepCommandOptions, workerFile: URL): Promise<number> {
  checkQueueFlags(o);
  const workers = o.workers === undefined ? availableParallelism() : Number(o.workers);
  if (!Number.isInteger(workers) || workers < 0) throw new UserError(`--workers must be a whole number >= 0 (0 = in this thread), got "${o.workers}"`);
  const configDir = fromRoot(o.configDir);
  let emitPath: string | undefined;
  if (o.emitProfile !== undefined) {
    assertProfileName(o.emitProfile);
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
    process.off('SIGINT', onSigint);
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

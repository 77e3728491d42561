/**
 * A soak's output folder, changed all-or-nothing. `RunDir.open` locks the folder (one run at a time) and makes a
 * fresh staging folder inside it; the run writes every artifact there (`path(name)`); `commit` moves every file
 * the staging folder holds into the output folder at once (so any new artifact joins the swap by being written
 * there), `abort` throws the staging folder away. A run that fails or is killed before `commit` leaves the
 * previous run's files exactly as they were; the staging folder of a killed run is removed by the next run.
 */
import { ensureOutDir, lockOutDir, replaceFilesAll, type OutDirLock } from '@mm-profiles/profile-core';
import { lstatSync, mkdirSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

const STAGING_PREFIX = '.staging-';

export interface RunDirOptions {
  /** Who holds the lock, shown to a second run. */
  command: string;
  /** How the folder appears in messages. */
  label?: string;
  warn?: (line: string) => void;
}

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? join(sub, e.name) : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

export class RunDir {
  private open = true;

  private constructor(
    readonly outDir: string,
    readonly staging: string,
    private readonly lock: OutDirLock,
    private readonly createdOutDir: boolean,
  ) {}

  static open(outDir: string, o: RunDirOptions): RunDir {
    const label = o.label ?? outDir;
    const existed = lstatSync(outDir, { throwIfNoEntry: false }) !== undefined;
    ensureOutDir(outDir, label);
    const lock = lockOutDir(outDir, { command: o.command, label, warn: o.warn });
    try {
      // Under the lock, any other staging folder is a killed run's.
      for (const name of readdirSync(outDir)) {
        if (name.startsWith(STAGING_PREFIX)) {
          rmSync(join(outDir, name), { recursive: true, force: true });
          o.warn?.(`warning: ${label}: removed ${name}, left by a run that did not finish (its files never replaced the previous run's)`);
        }
      }
      const staging = join(outDir, `${STAGING_PREFIX}${process.pid}`);
      mkdirSync(staging);
      return new RunDir(outDir, staging, lock, !existed);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Where the run writes artifact `name` (relative to the output folder) until it commits. */
  path(name: string): string {
    return join(this.staging, name);
  }

  /**
   * Moves every staged file into the output folder, all or nothing; `targets` sends a staged file elsewhere
   * (e.g. `metrics.jsonl` to `--export-json`'s path). `stale`: files of an earlier run this one does not write
   * (an audit.jsonl under `--audit off`), removed once the swap is done so they cannot pass for this run's.
   * Returns the paths written.
   */
  commit(targets: Readonly<Record<string, string>> = {}, stale: readonly string[] = []): string[] {
    if (!this.open) throw new Error('run folder already closed');
    try {
      const moves = filesUnder(this.staging).map((rel) => ({
        from: join(this.staging, rel),
        to: Object.hasOwn(targets, rel) ? targets[rel]! : join(this.outDir, rel),
      }));
      replaceFilesAll(moves);
      for (const name of stale) if (!moves.some((m) => m.to === join(this.outDir, name))) rmSync(join(this.outDir, name), { force: true });
      return moves.map((m) => m.to);
    } finally {
      this.close();
    }
  }

  /** Drops everything staged; the output folder is as it was (and gone again if this run created it empty). */
  abort(): void {
    if (!this.open) return;
    this.close();
    if (this.createdOutDir) {
      try {
        rmdirSync(this.outDir);
      } catch {
        // not empty: someone else's files; leave them
      }
    }
  }

  private close(): void {
    this.open = false;
    rmSync(this.staging, { recursive: true, force: true });
    this.lock.release();
  }

  /** The staged files so far, relative to the staging folder. */
  staged(): string[] {
    return filesUnder(this.staging);
  }
}

/**
 * One run per output folder: `lockOutDir` creates `<dir>/.lock` atomically (written beside it, then hard-linked
 * into place, so the lock never exists without its holder's pid and host). A second run is refused at once with a
 * user error naming the holder; the lock of a dead process on this host is taken over with a warning. The lock
 * goes when released, and at the latest when the process exits.
 */
import { hostname } from 'node:os';
import { linkSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './user-error.js';

export const LOCK_FILE = '.lock';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
}

export interface OutDirLock {
  readonly path: string;
  release(): void;
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && Number.isSafeInteger(h.pid) && h.pid > 0 && typeof h.host === 'string') {
      return { pid: h.pid, host: h.host, command: typeof h.command === 'string' ? h.command : '?' };
    }
  } catch {
    // not ours, or damaged: reported below
  }
  return null;
}

function describeHolder(h: LockHolder): string {
  return `${h.command} (pid ${h.pid} on ${h.host})`;
}

/** Makes `dir` (a folder, created when missing) where a file in the way is a user error. */
export function ensureOutDir(dir: string, label = dir): void {
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new UserError(`${label}: is a file, but the output folder must be a folder`);
  mkdirSync(dir, { recursive: true });
}

export interface LockOptions {
  /** What holds the lock, shown to a second run (e.g. "mm soak"). */
  command: string;
  /** How the folder appears in messages. */
  label?: string;
  warn?: (line: string) => void;
}

export function lockOutDir(dir: string, o: LockOptions): OutDirLock {
  const label = o.label ?? dir;
  ensureOutDir(dir, label);
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command: o.command };
  const mine = JSON.stringify(me) + '\n';
  const staged = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
  writeFileSync(staged, mine);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(staged, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        throw error;
      }
      const holder = parseHolder(text);
      if (!holder) throw new UserError(`${label}: locked by an unreadable ${LOCK_FILE} file; if no run is using the folder, delete ${join(label, LOCK_FILE)}`);
      if (holder.host !== me.host || processAlive(holder.pid)) {
        throw new UserError(`${label}: in use by ${describeHolder(holder)}; wait for it to finish or choose another --out-dir`);
      }
      // A dead holder on this host: move its lock aside under our own name, then check it is still the one we judged.
      const aside = join(dir, `${LOCK_FILE}.stale.${process.pid}`);
      try {
        renameSync(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = readFileSync(aside, 'utf8');
      rmSync(aside, { force: true });
      if (moved !== text) continue; // someone else's fresh lock went aside: retry (it is counted once)
      o.warn?.(`warning: ${label}: took over the lock of ${describeHolder(holder)}, which is no longer running`);
    }
  } finally {
    rmSync(staged, { force: true });
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === mine) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { path, release };
}

/**
 * Atomic file writes: a temp file in the same folder, then rename, so a reader never sees half a file and a
 * failure leaves the old file as it was. A group of files is replaced all-or-nothing: the old files are moved
 * aside first and put back when any rename fails, and no temp or backup file is ever left behind.
 */
import { copyFileSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

function sidePathFor(path: string, kind: 'tmp' | 'bak'): string {
  counter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.${kind}`);
}

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  writeFilesAtomic([{ path, content }]);
}

/** One file of a group move: `from` (a staged file) becomes `to`. */
export interface FileMove {
  from: string;
  to: string;
}

/** The error rename(2) would give for a file over a folder, said before anything moved. */
function isADirectory(path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`EISDIR: illegal operation on a directory, rename '${path}'`);
  error.code = 'EISDIR';
  error.path = path;
  error.syscall = 'rename';
  return error;
}

/** rename, or copy then rename when the two paths are on different file systems. */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const tmp = sidePathFor(to, 'tmp');
    try {
      copyFileSync(from, tmp);
      renameSync(tmp, to);
    } finally {
      rmSync(tmp, { force: true });
    }
    rmSync(from, { force: true });
  }
}

/**
 * Moves every staged file onto its target, all or nothing: each existing target is first renamed to a backup
 * beside it; when any step fails, the targets already replaced get their old content back (or disappear when
 * they did not exist) and the error is rethrown. The staged files are consumed either way.
 */
export function replaceFilesAll(moves: readonly FileMove[]): void {
  const done: Array<{ to: string; backup: string | null }> = [];
  try {
    for (const m of moves) {
      mkdirSync(dirname(m.to), { recursive: true });
      let backup: string | null = null;
      const existing = lstatSync(m.to, { throwIfNoEntry: false });
      if (existing?.isDirectory()) throw isADirectory(m.to);
      if (existing) {
        backup = sidePathFor(m.to, 'bak');
        renameSync(m.to, backup);
      }
      done.push({ to: m.to, backup });
      moveFile(m.from, m.to);
    }
  } catch (error) {
    for (const d of done.reverse()) {
      try {
        if (d.backup) renameSync(d.backup, d.to);
        else rmSync(d.to, { force: true });
      } catch {
        // Best effort: the original error is the one to report.
      }
    }
    for (const m of moves) rmSync(m.from, { force: true, recursive: true });
    throw error;
  }
  for (const d of done) if (d.backup) rmSync(d.backup, { force: true });
}

/**
 * Writes every file to its temp first, then moves them all into place with `replaceFilesAll`: either all files
 * change or none does (short of a crash between renames), and no temp file is left behind.
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; content: string | Uint8Array }>): void {
  const staged: FileMove[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = sidePathFor(file.path, 'tmp');
      staged.push({ from: tmp, to: file.path });
      writeFileSync(tmp, file.content);
    }
  } catch (error) {
    for (const s of staged) rmSync(s.from, { force: true });
    throw error;
  }
  replaceFilesAll(staged);
}

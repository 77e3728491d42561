/**
 * Atomic file writes: a temp file in the same folder, then rename, so a reader never sees half a file and a
 * failure leaves the old file as it was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

function tempPathFor(path: string): string {
  counter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
}

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  writeFilesAtomic([{ path, content }]);
}

/**
 * Writes every file to its temp first and renames only when all temps are written: either all files change or
 * none does (short of a crash between renames).
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; content: string | Uint8Array }>): void {
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = tempPathFor(file.path);
      staged.push({ tmp, path: file.path });
      writeFileSync(tmp, file.content);
    }
  } catch (error) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw error;
  }
  for (const s of staged) renameSync(s.tmp, s.path);
}

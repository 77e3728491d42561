/**
 * What every command shares: the workspace root (relative paths resolve against it, as `nx run` changes the
 * working directory), path display, and the error boundary that turns a user error into one line and exit 2.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { findWorkspaceRoot, isUserError } from '@mm-profiles/profile-core';

export const root = findWorkspaceRoot(process.cwd());

/** A user-given path: absolute stays, relative is taken from the workspace root. */
export function fromRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

/** How a path is shown: relative to the root when inside it. */
export function shown(path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export const debug = process.argv.includes('--debug');

/** Runs a command body; user errors print one line and exit 2, bugs keep their stack (or a hint to use --debug). */
export async function run(body: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`mm: error: ${error.message}\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`mm: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      process.stderr.write(debug ? `${(error as Error)?.stack}\n` : 'run again with --debug for the stack trace\n');
      process.exitCode = 3;
    }
  }
}

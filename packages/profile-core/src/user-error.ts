/**
 * A mistake in what the user gave us (a name, a file, a value). The CLI prints its one-line message and exits 2;
 * anything else that is thrown is a bug and keeps its stack trace.
 */
import { isAbsolute, relative } from 'node:path';

export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A user error from any of our packages: packages that do not depend on profile-core (market-sim) throw their
 * own error classes with the same `exitCode: 2` mark.
 */
export function isUserError(error: unknown): error is Error & { exitCode: 2 } {
  return error instanceof Error && (error as { exitCode?: unknown }).exitCode === 2;
}

const FS_REASONS: Record<string, string> = {
  EISDIR: 'is a folder where a file is expected',
  ENOTDIR: 'a part of this path is a file where a folder is expected',
  ENOENT: 'not found',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'already exists',
  ENOTEMPTY: 'folder not empty',
  EMFILE: 'too many open files',
  EBUSY: 'busy',
  EIO: 'input/output error',
};

/**
 * A file-system error (a folder given as a file, an output that cannot be written, a full disk) as the one line
 * a user can act on: `<path>: <what> (<syscall>)`; null for anything else.
 */
export function fileSystemErrorMessage(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const e = error as NodeJS.ErrnoException;
  if (typeof e.code !== 'string' || !Object.hasOwn(FS_REASONS, e.code)) return null;
  const raw = e.path ?? (e as { dest?: string }).dest ?? '';
  const rel = isAbsolute(raw) ? relative(process.cwd(), raw) : raw;
  const where = rel && !rel.startsWith('..') ? rel : raw;
  return `${where ? `${where}: ` : ''}${FS_REASONS[e.code]} (${e.syscall ?? 'file system'} ${e.code})`;
}

/**
 * A command's error boundary: user errors print one line (`<command>: error: ...`) and exit 2; bugs keep their
 * stack with `--debug` (else a hint) and exit 3. File-system errors (EISDIR, EACCES, ENOSPC...) are the user's
 * environment, not a bug: one line naming the path, exit 2. The body's return value is the exit code.
 */
export async function runCommand(command: string, body: () => Promise<number | void> | number | void): Promise<void> {
  const debug = process.argv.includes('--debug');
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`${command}: error: ${error.message}\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 2;
    } else if (fileSystemErrorMessage(error) !== null) {
      process.stderr.write(`${command}: error: ${fileSystemErrorMessage(error)}\n`);
      if (debug) process.stderr.write(`${(error as Error).stack}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${command}: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      process.stderr.write(debug ? `${(error as Error)?.stack}\n` : 'run again with --debug for the stack trace\n');
      process.exitCode = 3;
    }
  }
}

/**
 * A command line's top level around its argument parser (commander's `parseAsync`): help and version exit 0, a
 * usage mistake (commander's own errors, thrown with exitOverride) exits 2, and output piped into `head` and
 * closed ends the process quietly, as Unix tools do.
 */
export async function runCli(parse: () => Promise<unknown>): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await parse();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !code.startsWith('commander.')) throw error;
    process.exitCode = code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : 2;
  }
}

/**
 * A command-line flag that must be a whole number in [min, max], written in plain decimal digits (no `0x2`, no
 * `1e3`, no empty string); anything else is a one-line user error.
 */
export function wholeNumberFlag(value: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UserError(`${flag} must be a whole number ${range}, got "${value}"`);
  }
  return n;
}

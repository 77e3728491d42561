/**
 * A mistake in what the user gave us (a name, a file, a value). The CLI prints its one-line message and exits 2;
 * anything else that is thrown is a bug and keeps its stack trace.
 */
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

/**
 * A command's error boundary: user errors print one line (`<command>: error: ...`) and exit 2; bugs keep their
 * stack with `--debug` (else a hint) and exit 3. The body's return value is the exit code.
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

/** A command-line flag that must be a whole number >= `min`; anything else is a one-line user error. */
export function wholeNumberFlag(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`${flag} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

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

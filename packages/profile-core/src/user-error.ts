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

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

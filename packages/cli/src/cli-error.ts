// Errors the CLI raises itself. Their message is printed as `error: <message>`; the exit code tells scripts
// whether the command line was wrong (2) or the work failed (1).

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A command line that cannot be run as written; `command` names the help to point at. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

// Exit codes and the error a command throws when it cannot even start its work.

export const EXIT_OK = 0;
/** The input was read and refused, or it has errors. */
export const EXIT_PROBLEMS = 1;
/** The command line was wrong, or a file could not be read: nothing was checked. */
export const EXIT_USAGE = 2;
/** A bug in KFP Studio. */
export const EXIT_INTERNAL = 3;

/** A usage or I/O problem: printed as one line on standard error, never with a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

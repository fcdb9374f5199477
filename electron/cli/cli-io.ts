// Where a command writes and where it reads from: the real process, or a buffer in tests.

export interface CliIo {
  /** One line (no trailing newline) for standard output: the command's results. */
  out(line: string): void;
  /** One line for standard error: usage problems and failures of the tool itself. */
  err(line: string): void;
  /** Relative file arguments are read from here. */
  cwd: string;
  /** Print stack traces of internal errors (KFP_STUDIO_DEBUG=1). */
  debug?: boolean;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    debug: Boolean(process.env.KFP_STUDIO_DEBUG),
  };
}

/** An in-memory sink: what a command printed, for tests and for callers that embed the CLI. */
export interface BufferedIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

export function bufferIo(cwd: string): BufferedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), cwd };
}

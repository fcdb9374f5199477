// `kfp-studio`: finds the command named by the arguments and runs it. Whatever goes wrong ends as one line and an
// exit code, never a stack trace: usage and file problems exit 2, refusals 1, bugs 3 with a request to report them.
import { formatDiagnostic, isKfsError } from '../../shared/errors/codes';
import packageJson from '../../package.json';
import { installNativeGzip } from '../host/native-gzip';
import { isHelpFlag, type CliCommand } from './cli-command';
import { CliError, EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './cli-error';
import type { CliIo } from './cli-io';
import { COMMANDS } from './commands';
import { commandHelp, generalHelp, groupHelp } from './help';

export const CLI_VERSION: string = packageJson.version;

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  installNativeGzip();
  try {
    return await dispatch(argv, io, commands);
  } catch (error) {
    return report(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const first = argv[0];
  if (first === undefined) {
    generalHelp(commands, CLI_VERSION).forEach((line) => io.err(line));
    return EXIT_USAGE;
  }
  if (first === '--version') {
    io.out(`kfp-studio ${CLI_VERSION}`);
    return EXIT_OK;
  }
  if (first === 'help' || isHelpFlag(first)) {
    const topic = argv.slice(1);
    if (topic.length === 0) {
      generalHelp(commands, CLI_VERSION).forEach((line) => io.out(line));
      return EXIT_OK;
    }
    const found = findCommand(topic, commands);
    if (!found && topic.length === 1 && isGroup(topic[0] ?? '', commands)) return printGroup(topic[0] ?? '', commands, io);
    if (!found) throw unknownCommand(topic, commands);
    commandHelp(found.command).forEach((line) => io.out(line));
    return EXIT_OK;
  }
  const found = findCommand(argv, commands);
  if (!found && isGroup(first, commands) && (argv[1] === undefined || isHelpFlag(argv[1]))) {
    if (argv[1] === undefined) throw unknownCommand(argv, commands);
    return printGroup(first, commands, io);
  }
  if (!found) throw unknownCommand(argv, commands);
  const args = argv.slice(found.words);
  const end = args.indexOf('--');
  if ((end < 0 ? args : args.slice(0, end)).some(isHelpFlag)) {
    commandHelp(found.command).forEach((line) => io.out(line));
    return EXIT_OK;
  }
  return found.command.run(args, io);
}

function isGroup(word: string, commands: readonly CliCommand[]): boolean {
  return commands.some((c) => c.name.startsWith(`${word} `));
}

function printGroup(group: string, commands: readonly CliCommand[], io: CliIo): number {
  groupHelp(group, commands).forEach((line) => io.out(line));
  return EXIT_OK;
}

function findCommand(argv: readonly string[], commands: readonly CliCommand[]): { command: CliCommand; words: number } | undefined {
  let best: { command: CliCommand; words: number } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word) && (!best || words.length > best.words)) best = { command, words: words.length };
  }
  return best;
}

function unknownCommand(argv: readonly string[], commands: readonly CliCommand[]): CliError {
  const first = argv[0] ?? '';
  const group = commands.filter((c) => c.name.startsWith(`${first} `));
  if (group.length) {
    const names = group.map((c) => `"kfp-studio ${c.name}"`).join(', ');
    const what = argv[1] === undefined ? 'needs a subcommand' : `has no subcommand "${argv[1]}"`;
    return new CliError(`${first} ${what}: try ${names}.`);
  }
  if (first.startsWith('-')) return new CliError(`unknown option ${first}. Run "kfp-studio --help" to see the commands and options.`);
  return new CliError(`unknown command "${first}". Run "kfp-studio --help" to see the commands.`);
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CliError) {
    io.err(`kfp-studio: ${error.message}`);
    return error.exitCode;
  }
  if (isKfsError(error)) {
    io.out(formatDiagnostic(error.toDiagnostic()));
    return EXIT_PROBLEMS;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.err(`kfp-studio: internal error (${message}). This is a bug in KFP Studio: please report this, with the command you ran.`);
  if (io.debug && error instanceof Error && error.stack) io.err(error.stack);
  return EXIT_INTERNAL;
}

// The shape of one `kfp-studio` command, and the argument handling they share.
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';

export interface CliCommand {
  /** The words that name it, as typed: `component check`. */
  name: string;
  /** What follows the name in the usage line: `FILE...`. */
  operands: string;
  summary: string;
  /** More help lines, shown by `kfp-studio help NAME` and `NAME --help`. */
  details: readonly string[];
  /** Runs with the arguments after the name; returns the exit code. Throws CliError for usage and I/O problems. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

/** The operands, after refusing options the command does not know. `--` ends options. */
export function operandsOf(args: readonly string[], command: CliCommand): string[] {
  const operands: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
    } else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      throw new CliError(`${command.name}: unknown option ${arg}. Run "kfp-studio ${command.name} --help" for its usage.`);
    } else {
      operands.push(arg);
    }
  }
  return operands;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export type OptionSpec = { [name: string]: { type: 'string' | 'boolean'; short?: string; multiple?: boolean } };

/** Operands and `--name value` options, refusing unknown options with the command's usage hint. */
export function parseCommandArgs<T extends OptionSpec>(
  args: readonly string[],
  command: CliCommand,
  options: T,
): { operands: string[]; values: { [K in keyof T]?: T[K]['multiple'] extends true ? string[] : T[K]['type'] extends 'boolean' ? boolean : string } } {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { operands: parsed.positionals, values: parsed.values as never };
  } catch (error) {
    throw new CliError(`${command.name}: ${(error as Error).message.replace(/\. To specify.*$/s, '.')} Run "kfp-studio ${command.name} --help" for its usage.`);
  }
}

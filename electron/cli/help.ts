// The text of `kfp-studio --help`, `kfp-studio help COMMAND` and `kfp-studio help GROUP` (profile, catalog, ...).
// Every line fits in HELP_WIDTH columns: longer ones wrap at a space, continuing under their description column.
import type { CliCommand } from './cli-command';

export const HELP_WIDTH = 100;
/** Left columns wider than this put the description on the next line. */
const MAX_LEFT = 34;

function rows(entries: ReadonlyArray<[string, string]>): string[] {
  const width = Math.min(MAX_LEFT, Math.max(...entries.map(([left]) => left.length)));
  return entries.flatMap(([left, right]) =>
    left.length > width ? [`  ${left}`, `  ${' '.repeat(width)}  ${right}`] : [`  ${left.padEnd(width)}  ${right}`],
  );
}

/** Breaks a line at spaces; continuation lines start under the text after an option column, else at the line's indent. */
function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const lead = /^\s*/.exec(line)?.[0].length ?? 0;
  const column = /^(\s*\S.*?\s{2,})\S/.exec(line)?.[1]?.length ?? (lead || 2);
  const indent = ' '.repeat(Math.min(column, width / 2));
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > indent.length ? cut : rest.indexOf(' ', width);
    if (at < 0) break;
    out.push(rest.slice(0, at).trimEnd());
    rest = indent + rest.slice(at + 1).trimStart();
  }
  out.push(rest);
  return out;
}

export function wrapHelp(lines: readonly string[], width = HELP_WIDTH): string[] {
  return lines.flatMap((line) => wrapLine(line, width));
}

export function generalHelp(commands: readonly CliCommand[], version: string): string[] {
  return wrapHelp([
    `kfp-studio ${version}: build, check and compile Kubeflow pipelines`,
    '',
    'Usage: kfp-studio COMMAND [ARGUMENTS]',
    '',
    'Commands:',
    ...rows([...commands.map((c): [string, string] => [`${c.name} ${c.operands}`, c.summary]), ['help [COMMAND]', 'Show this help, or the help of one command']]),
    '',
    'Options:',
    ...rows([
      ['-h, --help', "Show help (after a command: that command's help)"],
      ['--version', 'Print the version'],
    ]),
    '',
    'Exit status: 0 success, 1 problems found in the input, 2 usage or file errors, 3 internal error.',
  ]);
}

export function commandHelp(command: CliCommand): string[] {
  return wrapHelp([`Usage: kfp-studio ${command.name} ${command.operands}`, '', command.summary + '.', '', ...command.details]);
}

/** `kfp-studio help profile`: the subcommands of a group, each with its summary. */
export function groupHelp(group: string, commands: readonly CliCommand[]): string[] {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  return wrapHelp([
    `Usage: kfp-studio ${group} SUBCOMMAND [ARGUMENTS]`,
    '',
    'Subcommands:',
    ...rows(members.map((c): [string, string] => [`${c.name} ${c.operands}`, c.summary])),
    '',
    `Run "kfp-studio help ${group} SUBCOMMAND" (or "kfp-studio ${group} SUBCOMMAND --help") for one subcommand's options.`,
  ]);
}

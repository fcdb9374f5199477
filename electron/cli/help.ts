// The text of `kfp-studio --help` and `kfp-studio help COMMAND`.
import type { CliCommand } from './cli-command';

export function generalHelp(commands: readonly CliCommand[], version: string): string[] {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.operands}`.length), 'help [COMMAND]'.length);
  const row = (left: string, right: string) => `  ${left.padEnd(width)}  ${right}`;
  return [
    `kfp-studio ${version}: build, check and compile Kubeflow pipelines`,
    '',
    'Usage: kfp-studio COMMAND [ARGUMENTS]',
    '',
    'Commands:',
    ...commands.map((c) => row(`${c.name} ${c.operands}`, c.summary)),
    row('help [COMMAND]', 'Show this help, or the help of one command'),
    '',
    'Options:',
    row('-h, --help', 'Show help (after a command: that command\'s help)'),
    row('--version', 'Print the version'),
    '',
    'Exit status: 0 success, 1 problems found in the input, 2 usage or file errors, 3 internal error.',
  ];
}

export function commandHelp(command: CliCommand): string[] {
  return [`Usage: kfp-studio ${command.name} ${command.operands}`, '', command.summary + '.', '', ...command.details];
}

// The command table: adding a command is one file under commands/ and one line here.
import type { CliCommand } from './cli-command';
import { componentCheckCommand } from './commands/component-check.command';
import { runCliCommand } from './commands/run.command';
import { validateCommand } from './commands/validate.command';

export const COMMANDS: readonly CliCommand[] = [componentCheckCommand, validateCommand, runCliCommand];

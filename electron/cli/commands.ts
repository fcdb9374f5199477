// The command table: adding a command is one file under commands/ and one line here.
import type { CliCommand } from './cli-command';
import { CATALOG_COMMANDS } from './commands/catalog.command';
import { compileCommand } from './commands/compile.command';
import { componentCheckCommand } from './commands/component-check.command';
import { IMAGE_COMMANDS } from './commands/image.command';
import { importCommand } from './commands/import.command';
import { PROFILE_COMMANDS } from './commands/profile.command';
import { runCliCommand } from './commands/run.command';
import { RUN_DETAIL_COMMANDS } from './commands/run-detail.command';
import { runsCliCommand } from './commands/runs.command';
import { runsCompareCliCommand } from './commands/runs-compare.command';
import { SCHEDULE_COMMANDS } from './commands/schedule.command';
import { submitCliCommand } from './commands/submit.command';
import { validateCommand } from './commands/validate.command';

export const COMMANDS: readonly CliCommand[] = [componentCheckCommand, validateCommand, compileCommand, importCommand, runCliCommand, submitCliCommand, runsCliCommand, ...RUN_DETAIL_COMMANDS, runsCompareCliCommand, ...SCHEDULE_COMMANDS, ...PROFILE_COMMANDS, ...CATALOG_COMMANDS, ...IMAGE_COMMANDS];

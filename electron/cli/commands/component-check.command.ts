// `kfp-studio component check FILE...`: whether each component.yaml imports, and what it declares.
import { formatLocation, isKfsError } from '../../../shared/errors/codes';
import { importComponentYaml } from '../../../shared/import/component.import';
import { operandsOf, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../cli-error';
import { readInputFile } from '../read-input-file';

export const componentCheckCommand: CliCommand = {
  name: 'component check',
  operands: 'FILE...',
  summary: 'Check that component.yaml files import, and show what each declares',
  details: [
    'Prints one line per file: "ok NAME (N inputs, M outputs) from FILE", or "error CODE: LOCATION: MESSAGE" when it is refused.',
    'Exit status: 0 if every file imports, 1 if any is refused, 2 if a file could not be read.',
  ],
  async run(args, io) {
    const files = operandsOf(args, this);
    if (files.length === 0) {
      throw new CliError('component check: give at least one component file, e.g. "kfp-studio component check component.yaml".');
    }
    let refused = 0;
    let unreadable = 0;
    for (const file of files) {
      try {
        const text = await readInputFile(file, io.cwd);
        const { component } = importComponentYaml(text, { file, source: { kind: 'file', path: file } });
        io.out(`ok ${component.name} (${plural(component.inputs.length, 'input')}, ${plural(component.outputs.length, 'output')}) from ${file}`);
      } catch (error) {
        if (error instanceof CliError) {
          unreadable += 1;
          io.out(`error KFS505: ${error.message}`);
        } else if (isKfsError(error)) {
          refused += 1;
          io.out(`error ${error.code}: ${formatLocation({ file, ...error.location })}: ${error.message}`);
        } else {
          throw error;
        }
      }
    }
    if (files.length > 1) {
      const parts = [`${files.length - refused - unreadable} ok`, `${refused} refused`];
      if (unreadable) parts.push(`${unreadable} not readable`);
      io.out(`${plural(files.length, 'file')} checked: ${parts.join(', ')}`);
    }
    if (unreadable) return EXIT_USAGE;
    return refused ? EXIT_PROBLEMS : EXIT_OK;
  },
};

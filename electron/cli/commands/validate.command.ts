// `kfp-studio validate FILE`: the diagnostics the editor would show for a saved pipeline document.
import { formatDiagnostic, isKfsError, type Diagnostic } from '../../../shared/errors/codes';
import { openPipelineFile } from '../../../shared/import/pipeline-file.open';
import { validate } from '../../../shared/validate/validate';
import { operandsOf, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK, EXIT_PROBLEMS } from '../cli-error';
import { readInputBytes } from '../read-input-file';

export const validateCommand: CliCommand = {
  name: 'validate',
  operands: 'FILE',
  summary: 'Validate a pipeline: a document (NAME.pipeline.json), a compiled IR (.yaml, .json) or an archive (.tar.gz, .zip)',
  details: [
    'Prints each problem as "CODE LOCATION: MESSAGE" (warnings end with "(warning)"), errors first, then a summary line.',
    'Exit status: 0 if there are no errors (warnings alone pass), 1 if there are errors or the document',
    'cannot be read as a pipeline, 2 if the file could not be read.',
  ],
  async run(args, io) {
    const operands = operandsOf(args, this);
    const file = operands[0];
    if (file === undefined) throw new CliError('validate: give a pipeline document, e.g. "kfp-studio validate my.pipeline.json".');
    if (operands.length > 1) throw new CliError(`validate: takes one file, got ${operands.length}. Run it once per document.`);
    const bytes = await readInputBytes(file, io.cwd);
    let diagnostics: Diagnostic[];
    try {
      diagnostics = validate(openPipelineFile(bytes, file).document);
    } catch (error) {
      if (!isKfsError(error)) throw error;
      io.out(formatDiagnostic(error.toDiagnostic()));
      io.out(`${file}: not a pipeline KFP Studio can open`);
      return EXIT_PROBLEMS;
    }
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const warnings = diagnostics.filter((d) => d.severity !== 'error');
    for (const diagnostic of [...errors, ...warnings]) io.out(diagnostic.severity === 'error' ? formatDiagnostic(diagnostic) : `${formatDiagnostic(diagnostic)} (warning)`);
    io.out(diagnostics.length ? `${file}: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}` : `${file}: no problems found`);
    return errors.length ? EXIT_PROBLEMS : EXIT_OK;
  },
};

// `kfp-studio compile DOC -o OUT`: a pipeline document to an archive Kubeflow Pipelines accepts.
// Nothing is written when the document has errors, and the output appears whole or not at all.
import { formatFromFileName, writePipelineArchive } from '../../../shared/archive';
import { compileToArgoYaml } from '../../../shared/compile/argo';
import { compileToIr } from '../../../shared/compile/ir.compile';
import { irToYamlBytes } from '../../../shared/compile/ir.yaml';
import { formatDiagnostic } from '../../../shared/errors/codes';
import { openPipelineFile } from '../../../shared/import/pipeline-file.open';
import { validate } from '../../../shared/validate/validate';
import { writeAtomic } from '../../host/documents/atomic-write';
import { parseCommandArgs, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK, EXIT_PROBLEMS } from '../cli-error';
import { readInputBytes } from '../read-input-file';
import { writeOutputFile } from '../write-output-file';

export const compileCommand: CliCommand = {
  name: 'compile',
  operands: 'FILE -o OUT',
  summary: 'Compile a pipeline to KFP v2 IR (OUT ends in .tar.gz, .zip, .yaml or .json) or to an Argo Workflow (.argo.yaml)',
  details: [
    'FILE is a pipeline document (.pipeline.json), or a compiled IR or archive (recompiled as it imports).',
    'The output format follows the extension of OUT: .argo.yaml writes an Argo Workflow (KFP v1 or plain Argo), the others KFP v2 IR.',
    'While the pipeline has errors they are printed and nothing is written.',
    'Exit status: 0 written, 1 the pipeline has errors, 2 a file could not be read or written.',
  ],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, { output: { type: 'string', short: 'o' } });
    const [file, ...extra] = operands;
    const output = values.output;
    if (file === undefined || output === undefined || extra.length) {
      throw new CliError('compile: give one pipeline and an output file, e.g. "kfp-studio compile my.pipeline.json -o my-pipeline.tar.gz".');
    }
    const argo = output.toLowerCase().endsWith('.argo.yaml');
    const format = argo ? 'yaml' : formatFromFileName(output);
    if (!format) throw new CliError(`compile: ${output} does not end in .tar.gz, .zip, .yaml, .json or .argo.yaml; name the output with the format you want.`);
    const { document } = openPipelineFile(await readInputBytes(file, io.cwd), file);
    const errors = validate(document).filter((d) => d.severity === 'error');
    if (errors.length) {
      for (const diagnostic of errors) io.out(formatDiagnostic(diagnostic));
      io.out(`${file}: ${plural(errors.length, 'error')}; fix ${errors.length === 1 ? 'it' : 'them'} and compile again (nothing was written).`);
      return EXIT_PROBLEMS;
    }
    const bytes = argo ? new TextEncoder().encode(compileToArgoYaml(document)) : writePipelineArchive(irToYamlBytes(compileToIr(document)), format);
    await writeOutputFile(output, bytes, io.cwd, writeAtomic);
    io.out(`compiled ${document.name} (${plural(Object.keys(document.graph.tasks).length, 'task')}) to ${argo ? 'an Argo Workflow in ' : ''}${output} (${bytes.length} bytes)`);
    return EXIT_OK;
  },
};

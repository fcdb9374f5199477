// `kfp-studio compile DOC -o OUT`: a pipeline document to an archive Kubeflow Pipelines accepts.
// Nothing is written when the document has errors, and the output appears whole or not at all.
import { formatFromFileName } from '../../../shared/archive';
import { openPipelineFile } from '../../../shared/import/pipeline-file.open';
import { writeAtomic } from '../../host/documents/atomic-write';
import { buildOrPrint } from '../cli-build';
import { parseCommandArgs, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
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
    const built = buildOrPrint(document, argo ? 'argo.yaml' : format, io.out, {
      prefix: '',
      advice: (errors) => `${file}: ${errors}; fix ${errors.startsWith('1 ') ? 'it' : 'them'} and compile again (nothing was written).`,
    });
    if (typeof built === 'number') return built;
    const bytes = built.output;
    await writeOutputFile(output, bytes, io.cwd, writeAtomic);
    io.out(`compiled ${document.name} (${plural(Object.keys(document.graph.tasks).length, 'task')}) to ${argo ? 'an Argo Workflow in ' : ''}${output} (${bytes.length} bytes)`);
    return EXIT_OK;
  },
};

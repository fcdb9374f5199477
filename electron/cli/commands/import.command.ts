// `kfp-studio import FILE -o DOC`: a compiled KFP pipeline (IR YAML/JSON, .tar.gz, .zip) as an editable document.
import { openPipelineFile } from '../../../shared/import/pipeline-file.open';
import { serializeDocument } from '../../../shared/model/document.parse';
import { writeAtomic } from '../../host/documents/atomic-write';
import { parseCommandArgs, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
import { readInputBytes } from '../read-input-file';
import { writeOutputFile } from '../write-output-file';

export const importCommand: CliCommand = {
  name: 'import',
  operands: 'FILE -o DOC',
  summary: 'Turn a compiled KFP pipeline (IR YAML/JSON, .tar.gz, .zip) into an editable .pipeline.json',
  details: ['Exit status: 0 written, 1 the file is not a pipeline KFP Studio can open, 2 a file could not be read or written.'],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, { output: { type: 'string', short: 'o' } });
    const [file, ...extra] = operands;
    const output = values.output;
    if (file === undefined || output === undefined || extra.length) {
      throw new CliError('import: give one compiled pipeline and an output document, e.g. "kfp-studio import pipeline.yaml -o my.pipeline.json".');
    }
    if (!output.endsWith('.pipeline.json')) throw new CliError(`import: ${output} must end in .pipeline.json, the document format KFP Studio opens.`);
    const { document, entry } = openPipelineFile(await readInputBytes(file, io.cwd), file);
    await writeOutputFile(output, new TextEncoder().encode(serializeDocument(document)), io.cwd, writeAtomic);
    const groups = Object.keys(document.graph.groups).length;
    io.out(`imported ${document.name}${entry ? ` (from ${entry})` : ''}: ${plural(Object.keys(document.graph.tasks).length, 'task')}, ${plural(groups, 'group')}, ${plural(document.graph.inputs.length, 'parameter')} → ${output}`);
    return EXIT_OK;
  },
};

// Outputs at fixed paths (v1 `fileOutputs`, the tutorial's `ContainerOp(file_outputs=...)`): KFP v2 has no such field,
// so the command is wrapped in `sh`: it runs unchanged, then each file is copied to its output's path, and the step
// ends with the command's own exit code (or 1 when the command succeeded but a file is missing). The IR importer
// recognises the wrapper and gives back the plain command with its file outputs.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { CommandArg, ComponentSpec, ContainerImplementation } from '../model/document';

/** Names the wrapper in `$0`, so the importer can tell it from a user's own `sh -c`. */
export const FILE_OUTPUTS_MARK = 'kfp-studio-file-outputs';

export const FILE_OUTPUTS_SCRIPT = [
  'n="$1"; shift',
  'i=0; while [ "$i" -lt "$n" ]; do eval "src_$i=\\$1 dst_$i=\\$2"; shift 2; i=$((i+1)); done',
  '"$@"; status=$?',
  'i=0; while [ "$i" -lt "$n" ]; do',
  '  eval "src=\\$src_$i dst=\\$dst_$i"',
  '  mkdir -p "$(dirname "$dst")" && cp -R "$src" "$dst" || { [ "$status" -ne 0 ] || status=1; echo "output file $src was not written" >&2; }',
  '  i=$((i+1))',
  'done',
  'exit "$status"',
].join('\n');

function outputPath(component: ComponentSpec, output: string, where: Location): string {
  const port = component.outputs.find((p) => p.name === output);
  if (!port) throw new KfsError('KFS422', `File output ${output} is not an output of the component.`, { ...where, port: output });
  return port.type.kind === 'artifact' ? `{{$.outputs.artifacts['${output}'].path}}` : `{{$.outputs.parameters['${output}'].output_file}}`;
}

/** The command and args to run: the container's own, or wrapped to copy its file outputs. */
export function containerCommand(impl: ContainerImplementation, component: ComponentSpec, where: Location): { command?: CommandArg[]; args?: CommandArg[] } {
  const files = Object.entries(impl.fileOutputs ?? {});
  if (!files.length) return { command: impl.command, args: impl.args };
  if (!impl.command?.length) {
    throw new KfsError('KFS422', 'A step with output files needs its command written out (the image\'s own entrypoint cannot be wrapped): set the command.', { ...where, field: 'implementation.command' });
  }
  const pairs = files.flatMap(([output, path]) => [path, outputPath(component, output, where)]);
  return { command: ['sh', '-c', FILE_OUTPUTS_SCRIPT, FILE_OUTPUTS_MARK, String(files.length), ...pairs, ...impl.command], args: impl.args };
}

/** The plain command and the file outputs of a wrapped one; undefined when `command` is not the wrapper. */
export function unwrapFileOutputs(command: readonly CommandArg[]): { command: CommandArg[]; fileOutputs: { [output: string]: string } } | undefined {
  if (command[0] !== 'sh' || command[1] !== '-c' || command[2] !== FILE_OUTPUTS_SCRIPT || command[3] !== FILE_OUTPUTS_MARK) return undefined;
  const count = Number(command[4]);
  if (!Number.isInteger(count) || count < 1 || command.length < 5 + 2 * count + 1) return undefined;
  const fileOutputs: { [output: string]: string } = {};
  for (let i = 0; i < count; i++) {
    const path = command[5 + 2 * i];
    const target = command[6 + 2 * i];
    const name = typeof target === 'string' ? /^\{\{\$\.outputs\.(?:artifacts\['([^']+)'\]\.path|parameters\['([^']+)'\]\.output_file)\}\}$/.exec(target) : null;
    if (typeof path !== 'string' || !name) return undefined;
    fileOutputs[(name[1] ?? name[2]) as string] = path;
  }
  return { command: command.slice(5 + 2 * count), fileOutputs };
}

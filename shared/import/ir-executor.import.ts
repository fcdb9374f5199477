// An IR component with an executor → a model component: a container (command/args with their structured
// placeholders read back, env) or an importer. The executor's resources belong to the task, returned apart.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import { commandArgFromIr } from '../compile/ir-placeholders';
import { resourcesFromIr } from '../compile/ir-resources';
import { unwrapFileOutputs } from '../compile/file-outputs';
import type { ComponentSpec, ContainerImplementation, EnvVar, JsonValue, Resources } from '../model/document';
import type { IrMap } from './ir-ports.import';
import { artifactType, isMap, mapAt, portsFrom, stringAt } from './ir-ports.import';
import { orderPortsByExecutor } from './ir-port-order';

const CONTAINER_FIELDS = new Set(['image', 'command', 'args', 'env', 'resources']);
const IMPORTER_FIELDS = new Set(['artifactUri', 'typeSchema', 'reimport', 'metadata', 'downloadToWorkspace']);

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

function stringList(value: unknown, field: string, where: Location): string[] {
  if (value === undefined) return [];
  if (!isStringList(value)) throw new KfsError('KFS610', `${field} must be a list of strings.`, { ...where, field });
  return value;
}

export function componentFromIr(
  key: string,
  irComponent: IrMap,
  executor: IrMap,
  where: Location,
): { component: ComponentSpec; resources?: Resources } {
  const inputs = portsFrom(irComponent.inputDefinitions, true, where);
  const outputs = portsFrom(irComponent.outputDefinitions, false, where);
  const base = { name: key, inputs, outputs, source: { kind: 'ir' as const } };
  if (isMap(executor.importer)) {
    const importer = executor.importer;
    for (const field of Object.keys(importer)) {
      if (!IMPORTER_FIELDS.has(field)) throw new KfsError('KFS612', `Importer field "${field}" is not supported.`, { ...where, field });
    }
    const uri = mapAt(importer.artifactUri, 'importer.artifactUri', where);
    const uriInput =
      typeof uri.runtimeParameter === 'string'
        ? uri.runtimeParameter
        : (inputs.find((p) => p.type.kind === 'parameter')?.name ?? 'uri');
    const component: ComponentSpec = {
      ...base,
      implementation: {
        kind: 'importer',
        uriInput,
        artifactType: artifactType(importer.typeSchema, where),
        reimport: importer.reimport === true,
        ...(isMap(importer.metadata) ? { metadata: importer.metadata as { [key: string]: JsonValue } } : {}),
        ...(importer.downloadToWorkspace === true ? { downloadToWorkspace: true } : {}),
      },
    };
    return { component };
  }
  if (!isMap(executor.container)) {
    throw new KfsError('KFS612', `Executor of ${key} is neither a container nor an importer.`, where);
  }
  const container = executor.container;
  for (const field of Object.keys(container)) {
    if (!CONTAINER_FIELDS.has(field)) throw new KfsError('KFS612', `Container field "${field}" is not supported.`, { ...where, field });
  }
  const env: EnvVar[] = [];
  if (container.env !== undefined) {
    if (!Array.isArray(container.env)) throw new KfsError('KFS610', 'container.env must be a list.', where);
    for (const item of container.env) {
      const e = mapAt(item, 'container.env[]', where);
      env.push({ name: stringAt(e.name, 'env.name', where), value: typeof e.value === 'string' ? e.value : '' });
    }
  }
  const rawCommand = stringList(container.command, 'container.command', where);
  const rawArgs = stringList(container.args, 'container.args', where);
  const declared = orderPortsByExecutor(inputs, outputs, rawCommand, rawArgs);
  const written = rawCommand.map(commandArgFromIr);
  const unwrapped = unwrapFileOutputs(written);
  const command = unwrapped?.command ?? written;
  const args = rawArgs.map(commandArgFromIr);
  // Fields set one by one in this order (no spread of a fresh object per field: 1,000 components per import).
  const implementation: ContainerImplementation = { kind: 'container', image: stringAt(container.image, 'container.image', where) };
  if (container.command !== undefined) implementation.command = command;
  if (unwrapped) implementation.fileOutputs = unwrapped.fileOutputs;
  if (container.args !== undefined) implementation.args = args;
  if (env.length) implementation.env = env;
  const component: ComponentSpec = { name: key, inputs: declared.inputs, outputs: declared.outputs, source: base.source, implementation };
  const resources = isMap(container.resources) ? resourcesFromIr(container.resources) : undefined;
  return resources ? { component, resources } : { component };
}

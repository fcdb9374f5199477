// The v1 `component.yaml` format (name, description, inputs, outputs, implementation.container|graph), read as the
// KFP SDK v2 reads it (kfp.dsl.structures.ComponentSpec.from_v1_component_spec).
// Where the SDK would accept a file yet produce a pipeline that cannot run, we follow the v1 meaning instead:
// - an input whose type is a parameter but which is read with `inputPath`/`inputUri` becomes a generic artifact
//   (v1 wrote its value to a file); its default is dropped, as artifacts have none;
// - an input of a generic artifact type (no type, `GCSPath`, `CSV`, ...) read with `inputValue` becomes a String
//   parameter (v1 passed the text); a specific artifact (`Model`, `google.VertexModel`) read by value is refused;
// - an output written with `outputUri` is an artifact even if its type names a parameter.
import type { ComponentSpec, ContainerImplementation, EnvVar, KfpType, PortSpec } from '../model/document';
import { deserializeV1Default, kfpTypeFromV1, sanitizeInputName } from '../types/v1-types';
import type { ReferenceKind, PlaceholderHost } from './component-placeholders';
import { convertArgList, flattenToText, convertArg } from './component-placeholders';
import type { Dict, ImportContext } from './component-shape';
import { describeValue, isDict, optionalDict, optionalList, optionalString, refuse, toJsonValue } from './component-shape';

export interface RawPort {
  name: string;
  rawName: string;
  declared: unknown;
  index: number;
  spec: Dict;
}

export function readPorts(owner: Dict, key: 'inputs' | 'outputs', ctx: ImportContext): RawPort[] {
  const list = optionalList(owner, key, key, ctx, 'KFS415');
  const seen = new Map<string, string>();
  return list.map((item, index) => {
    const field = `${key}[${index}]`;
    if (!isDict(item)) refuse('KFS415', `Each of \`${key}\` must be a mapping with a \`name\`, not ${describeValue(item)}.`, ctx, { field });
    const rawName = item['name'];
    if (typeof rawName !== 'string' || rawName.trim() === '') {
      refuse('KFS415', `${key === 'inputs' ? 'Input' : 'Output'} ${index + 1} has no name.`, ctx, { field: `${field}.name` });
    }
    const name = sanitizeInputName(rawName);
    if (name === '') refuse('KFS415', `The name ${JSON.stringify(rawName)} has no letters or digits.`, ctx, { field: `${field}.name`, port: rawName });
    const clash = seen.get(name);
    if (clash !== undefined) {
      refuse('KFS415', `${JSON.stringify(rawName)} and ${JSON.stringify(clash)} both become the port name \`${name}\`.`, ctx, { field: `${field}.name`, port: rawName });
    }
    seen.set(name, rawName);
    optionalString(item, 'description', `${field}.description`, ctx, 'KFS415');
    return { name, rawName, declared: item['type'], index, spec: item };
  });
}

type Usage = Map<string, Set<ReferenceKind>>;

function portsByName(ports: RawPort[]): Map<string, RawPort> {
  return new Map(ports.map((p) => [p.name, p]));
}

const V2_INPUT_PLACEHOLDER = /\{\{\$\.inputs\.(parameters|artifacts)\['([^']*)'\]/g;

function makeHost(inputs: Map<string, RawPort>, outputs: Map<string, RawPort>, ctx: ImportContext, usage: Usage, outputTypes?: Map<string, KfpType>): PlaceholderHost {
  const record = (key: string, kind: ReferenceKind) => {
    const used = usage.get(key) ?? new Set<ReferenceKind>();
    used.add(kind);
    usage.set(key, used);
  };
  return {
    literal(text) {
      // A v2 placeholder written in the text counts as the matching use, so the port gets the kind it needs.
      for (const [, group, name = ''] of text.matchAll(V2_INPUT_PLACEHOLDER)) {
        if (inputs.has(name)) record(`in:${name}`, group === 'parameters' ? 'inputValue' : 'inputPath');
      }
    },
    reference(kind, rawName, field) {
      if (typeof rawName !== 'string') return refuse('KFS412', `\`${kind}\` needs the name of ${kind.startsWith('output') ? 'an output' : 'an input'}, not ${describeValue(rawName)}.`, ctx, { field });
      const name = sanitizeInputName(rawName);
      const isOutput = kind === 'outputPath' || kind === 'outputUri';
      if (!(isOutput ? outputs : inputs).has(name)) {
        refuse('KFS413', `\`${kind}\` names ${isOutput ? 'output' : 'input'} ${JSON.stringify(rawName)}, which the component does not declare.`, ctx, { field, port: rawName });
      }
      record(`${isOutput ? 'out' : 'in'}:${name}`, kind);
      switch (kind) {
        case 'isPresent':
          return name;
        case 'inputValue':
          return `{{$.inputs.parameters['${name}']}}`;
        case 'inputPath':
          return `{{$.inputs.artifacts['${name}'].path}}`;
        case 'inputUri':
          return `{{$.inputs.artifacts['${name}'].uri}}`;
        case 'outputUri':
          return `{{$.outputs.artifacts['${name}'].uri}}`;
        case 'outputPath':
          return outputTypes?.get(name)?.kind === 'parameter'
            ? `{{$.outputs.parameters['${name}'].output_file}}`
            : `{{$.outputs.artifacts['${name}'].path}}`;
      }
    },
  };
}

const GENERIC: KfpType = { kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' };

function withDeclared(type: KfpType, declaredAs: string | undefined): KfpType {
  return declaredAs === undefined ? type : { ...type, declaredAs };
}

function inputPort(port: RawPort, used: Set<ReferenceKind> | undefined, ctx: ImportContext): PortSpec {
  const field = `inputs[${port.index}]`;
  const base = kfpTypeFromV1(port.declared);
  const byValue = used?.has('inputValue') ?? false;
  const byFile = (used?.has('inputPath') ?? false) || (used?.has('inputUri') ?? false);
  if (byValue && byFile) {
    refuse('KFS412', `Input ${JSON.stringify(port.rawName)} is read both as a value (inputValue) and as a file (inputPath/inputUri); use one.`, ctx, { port: port.rawName, field });
  }
  let type = base;
  if (base.kind === 'parameter' && byFile) type = withDeclared(GENERIC, base.declaredAs);
  if (base.kind === 'artifact' && byValue) {
    if (base.schemaTitle !== 'system.Artifact') {
      refuse('KFS412', `Input ${JSON.stringify(port.rawName)} is a ${base.declaredAs ?? base.schemaTitle} artifact and cannot be read with inputValue; use inputPath or inputUri.`, ctx, { port: port.rawName, field });
    }
    type = withDeclared({ kind: 'parameter', type: 'STRING' }, base.declaredAs);
  }
  const description = port.spec['description'];
  const hasDefault = 'default' in port.spec;
  const optional = port.spec['optional'] === true || hasDefault || type.kind === 'parameter' && type.type === 'TASK_FINAL_STATUS';
  const spec: PortSpec = { name: port.name, type, ...(typeof description === 'string' ? { description } : {}), ...(optional ? { optional: true } : {}) };
  const raw = port.spec['default'];
  if (type.kind === 'parameter' && raw !== undefined && raw !== null) {
    const declaredType = base.kind === 'parameter' ? port.declared : 'String';
    const result = deserializeV1Default(declaredType, toJsonValue(raw));
    if (!result.ok) refuse('KFS415', `The default of input ${JSON.stringify(port.rawName)} does not fit its type: ${result.reason}.`, ctx, { port: port.rawName, field: `${field}.default` });
    spec.default = result.value;
  }
  return spec;
}

function outputPort(port: RawPort, used: Set<ReferenceKind> | undefined): PortSpec {
  const base = kfpTypeFromV1(port.declared);
  const type = base.kind === 'parameter' && used?.has('outputUri') ? withDeclared(GENERIC, base.declaredAs) : base;
  const description = port.spec['description'];
  return { name: port.name, type, ...(typeof description === 'string' ? { description } : {}) };
}

interface RawContainer {
  image: string;
  command: unknown[];
  args: unknown[];
  env: [string, unknown][];
}

function readContainer(container: Dict, ctx: ImportContext): RawContainer {
  const base = 'implementation.container';
  // Published components may leave the image empty (`image: ''`): imported, with a warning, until it is set.
  const image = container['image'];
  if (image === undefined) refuse('KFS411', 'The container has no `image`.', ctx, { field: `${base}.image` });
  if (typeof image !== 'string') refuse('KFS411', `The container's \`image\` must be text, not ${describeValue(image)}.`, ctx, { field: `${base}.image` });
  const env = optionalDict(container, 'env', `${base}.env`, ctx) ?? {};
  return {
    image: image.trim(),
    command: optionalList(container, 'command', `${base}.command`, ctx),
    args: optionalList(container, 'args', `${base}.args`, ctx),
    env: Object.entries(env),
  };
}

function convertContainer(raw: RawContainer, host: PlaceholderHost, ctx: ImportContext): ContainerImplementation {
  const base = 'implementation.container';
  const command = convertArgList(raw.command, `${base}.command`, host, ctx);
  const args = convertArgList(raw.args, `${base}.args`, host, ctx);
  const env: EnvVar[] = raw.env.map(([name, value]) => {
    const field = `${base}.env.${name}`;
    if (value === null || value === undefined) return { name, value: '' };
    return { name, value: flattenToText(convertArg(value, field, host, ctx), field, ctx) };
  });
  return {
    kind: 'container',
    image: raw.image,
    ...(command.length ? { command } : {}),
    ...(args.length ? { args } : {}),
    ...(env.length ? { env } : {}),
  };
}

export interface V1Header {
  name: string;
  description?: string;
  inputs: RawPort[];
  outputs: RawPort[];
}

export function readHeader(root: Dict, ctx: ImportContext): V1Header {
  // The SDK names a nameless component `name`; we do the same rather than refuse.
  const name = optionalString(root, 'name', 'name', ctx) ?? 'name';
  const description = optionalString(root, 'description', 'description', ctx);
  const inner: ImportContext = { ...ctx, component: name };
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    inputs: readPorts(root, 'inputs', inner),
    outputs: readPorts(root, 'outputs', inner),
  };
}

/** Ports typed from the file alone, for graph components (no placeholders to consult). */
export function plainPorts(header: V1Header, ctx: ImportContext): { inputs: PortSpec[]; outputs: PortSpec[] } {
  return {
    inputs: header.inputs.map((p) => inputPort(p, undefined, ctx)),
    outputs: header.outputs.map((p) => outputPort(p, undefined)),
  };
}

export function importV1Container(header: V1Header, container: Dict, ctx: ImportContext): ComponentSpec {
  const raw = readContainer(container, ctx);
  const inputs = portsByName(header.inputs);
  const outputs = portsByName(header.outputs);
  // First pass: find how each port is used, which settles parameter versus artifact.
  const usage: Usage = new Map();
  convertContainer(raw, makeHost(inputs, outputs, ctx, usage), ctx);
  const inputSpecs = header.inputs.map((p) => inputPort(p, usage.get(`in:${p.name}`), ctx));
  const outputSpecs = header.outputs.map((p) => outputPort(p, usage.get(`out:${p.name}`)));
  const outputTypes = new Map(outputSpecs.map((p) => [p.name, p.type]));
  const implementation = convertContainer(raw, makeHost(inputs, outputs, ctx, new Map(), outputTypes), ctx);
  const fileOutputs = readFileOutputs(container, outputs, ctx);
  return {
    name: header.name,
    ...(header.description !== undefined ? { description: header.description } : {}),
    inputs: inputSpecs,
    outputs: outputSpecs,
    implementation: fileOutputs ? { ...implementation, fileOutputs } : implementation,
  };
}

/** v1 `fileOutputs`: output name → the path the command writes it at, keyed by the output's port name. */
function readFileOutputs(container: Dict, outputs: Map<string, RawPort>, ctx: ImportContext): { [output: string]: string } | undefined {
  const field = 'implementation.container.fileOutputs';
  const map = optionalDict(container, 'fileOutputs', field, ctx);
  if (!map) return undefined;
  const out: { [output: string]: string } = {};
  for (const [rawName, path] of Object.entries(map)) {
    const port = [...outputs.values()].find((p) => p.rawName === rawName);
    if (!port) refuse('KFS413', `\`fileOutputs\` names output ${JSON.stringify(rawName)}, which the component does not declare.`, ctx, { field: `${field}.${rawName}` });
    if (typeof path !== 'string' || path === '') refuse('KFS422', `\`fileOutputs\` gives output ${JSON.stringify(rawName)} the path ${describeValue(path)}: give the file's path inside the container.`, ctx, { field: `${field}.${rawName}` });
    out[port.name] = path;
  }
  return Object.keys(out).length ? out : undefined;
}

const ROOT_KEYS = new Set(['name', 'description', 'metadata', 'inputs', 'outputs', 'implementation']);
const CONTAINER_KEYS = new Set(['image', 'command', 'args', 'env', 'fileOutputs']);
const PORT_KEYS = new Set(['name', 'type', 'default', 'description', 'optional']);

/** Keys of a v1 container component that the editor does not use, as dotted paths (`implementation.container.x`). */
export function unusedV1Keys(root: Dict, container: Dict): string[] {
  const unused = Object.keys(root).filter((k) => !ROOT_KEYS.has(k));
  const implementation = root['implementation'];
  if (isDict(implementation)) unused.push(...Object.keys(implementation).filter((k) => k !== 'container').map((k) => `implementation.${k}`));
  unused.push(...Object.keys(container).filter((k) => !CONTAINER_KEYS.has(k)).map((k) => `implementation.container.${k}`));
  for (const kind of ['inputs', 'outputs'] as const) {
    const ports = root[kind];
    if (!Array.isArray(ports)) continue;
    ports.forEach((port, i) => {
      if (isDict(port)) unused.push(...Object.keys(port).filter((k) => !PORT_KEYS.has(k)).map((k) => `${kind}[${i}].${k}`));
    });
  }
  return unused;
}

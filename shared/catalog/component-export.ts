// "Save for reuse": a step's component as a component.yaml another pipeline (or the KFP SDK) can load.
// KFP v2 form (the default): the IR the SDK writes for one component, made by compiling a one-task pipeline that
// passes every input through and exposes every output, as `kfp.compiler.Compiler().compile(component)` does.
// v1 form (on request): name/inputs/outputs/implementation.container with {inputValue}/{inputPath}/{outputPath}.
// A whole pipeline becomes a v1 graph component's equivalent in v2: its IR, loadable as a nested pipeline.
import { compileToIr } from '../compile/ir.compile';
import { irToYaml, yamlDocument } from '../compile/ir.yaml';
import { scriptCommand } from '../compile/ir-executor.compile';
import { KfsError } from '../errors/codes';
import type { CommandArg, ComponentSpec, PipelineDocument, PortSpec, Task } from '../model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../model/document';
import { typeLabel } from '../types/type-compat';
import { validate } from '../validate/validate';

export type ComponentFormat = 'v2' | 'v1';

/** `my-step.component.yaml` from a component name. */
export function componentFileName(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'component';
  return `${base}.component.yaml`;
}

/** A pipeline with one task running `component`, its inputs from same-named pipeline inputs, its outputs exposed. */
export function singleTaskDocument(id: string, component: ComponentSpec, components: { [id: string]: ComponentSpec } = {}): PipelineDocument {
  const taskId = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'component';
  const task: Task = {
    id: taskId,
    component: id,
    arguments: Object.fromEntries(component.inputs.map((port) => [port.name, { kind: 'graphInput', input: port.name }])),
    after: [],
    options: {},
  };
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: taskId,
    ...(component.description ? { description: component.description } : {}),
    graph: {
      inputs: component.inputs.map((port) => ({ ...port })),
      outputs: component.outputs.map((port) => ({ name: port.name, type: port.type, source: { kind: 'taskOutput', task: taskId, output: port.name } })),
      tasks: { [taskId]: task },
      groups: {},
      layout: { [taskId]: { x: 0, y: 0 } },
    },
    components: { ...components, [id]: component },
  };
}

function compileOrExplain(document: PipelineDocument, what: string): string {
  const problem = validate(document).find((d) => d.severity === 'error');
  if (problem) throw new KfsError('KFS531', `${what} cannot be saved as a component: ${problem.code} ${problem.message}`, problem.location);
  return irToYaml(compileToIr(document));
}

const V1_PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\](\.path|\.uri|\.output_file)?\}\}/g;

function v1Reference(scope: string, bucket: string, name: string, suffix: string | undefined): object {
  if (scope === 'inputs') return bucket === 'parameters' ? { inputValue: name } : suffix === '.uri' ? { inputUri: name } : { inputPath: name };
  return suffix === '.uri' ? { outputUri: name } : { outputPath: name };
}

function v1Arg(arg: CommandArg, name: string): unknown {
  if (typeof arg !== 'string') {
    if ('concat' in arg) return { concat: arg.concat.map((a) => v1Arg(a, name)) };
    return { if: { cond: { isPresent: arg.ifPresent.input }, then: arg.ifPresent.then.map((a) => v1Arg(a, name)), ...(arg.ifPresent.else ? { else: arg.ifPresent.else.map((a) => v1Arg(a, name)) } : {}) } };
  }
  if (arg.includes('{{$}}')) throw new KfsError('KFS531', `Component ${name} passes the whole executor input ({{$}}), which has no v1 form; save it in the v2 form.`);
  const parts: unknown[] = [];
  let last = 0;
  for (const match of arg.matchAll(V1_PLACEHOLDER)) {
    if (match.index > last) parts.push(arg.slice(last, match.index));
    parts.push(v1Reference(match[1] as string, match[2] as string, match[3] as string, match[4]));
    last = match.index + match[0].length;
  }
  if (last < arg.length) parts.push(arg.slice(last));
  if (arg.includes('{{$.')) {
    const leftover = parts.find((p) => typeof p === 'string' && p.includes('{{$.'));
    if (leftover) throw new KfsError('KFS531', `Component ${name} uses a placeholder with no v1 form (${String(leftover)}); save it in the v2 form.`);
  }
  return parts.length === 1 ? parts[0] : parts.length === 0 ? '' : { concat: parts };
}

function v1Port(port: PortSpec): object {
  return {
    name: port.name,
    type: port.type.declaredAs ?? typeLabel(port.type),
    ...(port.description ? { description: port.description } : {}),
    ...(port.optional ? { optional: true } : {}),
    ...(port.default !== undefined ? { default: typeof port.default === 'string' ? port.default : JSON.stringify(port.default) } : {}),
  };
}

function toV1(component: ComponentSpec): string {
  const impl = component.implementation;
  if (impl.kind !== 'container' && impl.kind !== 'script') throw new KfsError('KFS531', `Only image and script steps have a v1 form; ${component.name} is a${impl.kind === 'importer' ? 'n importer' : ' nested pipeline'}: save it in the v2 form.`);
  const { command, args } = impl.kind === 'script' ? scriptCommand(impl, component) : { command: impl.command ?? [], args: impl.args ?? [] };
  const container = {
    image: impl.image,
    ...(command.length ? { command: command.map((a) => v1Arg(a, component.name)) } : {}),
    ...(args.length ? { args: args.map((a) => v1Arg(a, component.name)) } : {}),
    ...(impl.kind === 'container' && impl.env?.length ? { env: Object.fromEntries(impl.env.map((e) => [e.name, e.value])) } : {}),
  };
  return yamlDocument({
    name: component.name,
    ...(component.description ? { description: component.description } : {}),
    ...(component.inputs.length ? { inputs: component.inputs.map(v1Port) } : {}),
    ...(component.outputs.length ? { outputs: component.outputs.map(v1Port) } : {}),
    implementation: { container },
  });
}

/** The component.yaml text for a step's component (and the components a nested pipeline needs). */
export function componentYaml(id: string, component: ComponentSpec, components: { [id: string]: ComponentSpec }, format: ComponentFormat = 'v2'): string {
  if (format === 'v1') return toV1(component);
  return compileOrExplain(singleTaskDocument(id, component, components), `Step ${component.name}`);
}

/** A whole pipeline as a component file: its IR, which the importer reads back as a nested pipeline. */
export function pipelineComponentYaml(document: PipelineDocument): string {
  return compileOrExplain(document, `Pipeline ${document.name}`);
}

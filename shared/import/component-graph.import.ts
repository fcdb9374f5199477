// A v1 graph component (`implementation.graph`): tasks that run other components, wired by arguments.
// The KFP SDK v2 does not load these at all (it raises "Container implementation not found"); we import them when
// every task carries its component inline (`componentRef.spec`), or names it by `url` and the host has fetched it
// (`componentUrlsIn` lists what to fetch; `ImportContext.resolveUrl` hands it over). A reference by name or digest
// alone needs a component registry that does not exist here, so it is refused naming the task and the reference.
// Conditional tasks (`isEnabled`) are refused too: v1 expressed them in a form with no v2 counterpart here.
import type { Argument, ComponentSpec, GraphOutput, JsonValue, KfpType, PortSpec, Task, TaskOptions } from '../model/document';
import { deserializeV1Default, renameForK8s, sanitizeInputName } from '../types/v1-types';
import type { Dict, ImportContext } from './component-shape';
import { describeValue, isDict, optionalDict, refuse, toJsonValue } from './component-shape';

/** Imports an inline child spec into the shared registry and answers its component id. */
export type ImportChild = (spec: unknown, ctx: ImportContext, field: string) => string;
export type LookupComponent = (id: string) => ComponentSpec | undefined;

const V1_NAME_OF: Record<string, string> = {
  STRING: 'String',
  NUMBER_INTEGER: 'Integer',
  NUMBER_DOUBLE: 'Float',
  BOOLEAN: 'Boolean',
  LIST: 'JsonArray',
  STRUCT: 'JsonObject',
};

/** v1 graph constants are text; give a parameter input the value its type means, as the SDK does for defaults. */
function castConstant(value: unknown, type: KfpType | undefined): JsonValue {
  const json = toJsonValue(value);
  if (type?.kind !== 'parameter' || typeof json !== 'string') return json;
  const v1Name = V1_NAME_OF[type.type];
  if (v1Name === undefined) return json;
  const cast = deserializeV1Default(v1Name, json);
  return cast.ok ? cast.value : json;
}

function describeRef(ref: Dict): string {
  for (const key of ['name', 'url', 'digest', 'tag']) {
    const value = ref[key];
    if (typeof value === 'string') return `${key} ${JSON.stringify(value)}`;
  }
  return 'an empty reference';
}

function readArgument(
  value: unknown,
  field: string,
  ctx: ImportContext,
  graphInputs: Set<string>,
  taskIds: Map<string, string>,
  targetType: KfpType | undefined,
): Argument {
  if (isDict(value) && Object.keys(value).length === 1) {
    const graphInput = value['graphInput'];
    if (graphInput !== undefined) {
      const name = isDict(graphInput) ? graphInput['inputName'] : graphInput;
      if (typeof name !== 'string') refuse('KFS411', '`graphInput` needs an `inputName`.', ctx, { field: `${field}.graphInput` });
      const input = sanitizeInputName(name);
      if (!graphInputs.has(input)) refuse('KFS413', `\`graphInput\` names input ${JSON.stringify(name)}, which the component does not declare.`, ctx, { field, port: name });
      return { kind: 'graphInput', input };
    }
    const taskOutput = value['taskOutput'];
    if (taskOutput !== undefined) {
      if (!isDict(taskOutput) || typeof taskOutput['taskId'] !== 'string' || typeof taskOutput['outputName'] !== 'string') {
        return refuse('KFS411', '`taskOutput` needs `taskId` and `outputName`.', ctx, { field: `${field}.taskOutput` });
      }
      const task = taskIds.get(taskOutput['taskId']);
      if (task === undefined) refuse('KFS411', `\`taskOutput\` names task ${JSON.stringify(taskOutput['taskId'])}, which the graph does not have.`, ctx, { field, task: taskOutput['taskId'] });
      return { kind: 'taskOutput', task, output: sanitizeInputName(taskOutput['outputName']) };
    }
  }
  if (isDict(value) || Array.isArray(value)) {
    // A mapping that is not a reference is a JSON constant (v1 wrote these as text; some files inline them).
    return { kind: 'constant', value: toJsonValue(value) };
  }
  return { kind: 'constant', value: castConstant(value, targetType) };
}

function readOptions(task: Dict, field: string, ctx: ImportContext): TaskOptions {
  const options: TaskOptions = {};
  const execution = optionalDict(task, 'executionOptions', `${field}.executionOptions`, ctx);
  if (!execution) return options;
  const retry = execution['retryStrategy'];
  if (isDict(retry) && typeof retry['maxRetries'] === 'number') options.retry = { maxRetryCount: retry['maxRetries'] };
  const caching = execution['cachingStrategy'];
  if (isDict(caching) && typeof caching['maxCacheStaleness'] === 'string' && /^P0D$|^PT0S$/.test(caching['maxCacheStaleness'])) {
    options.caching = false;
  }
  return options;
}

export function importV1Graph(
  header: { name: string; description?: string },
  ports: { inputs: PortSpec[]; outputs: PortSpec[] },
  graph: Dict,
  ctx: ImportContext,
  importChild: ImportChild,
  lookup: LookupComponent,
): ComponentSpec {
  const base = 'implementation.graph';
  const rawTasks = optionalDict(graph, 'tasks', `${base}.tasks`, ctx) ?? {};
  const taskIds = new Map<string, string>();
  const used = new Set<string>();
  for (const name of Object.keys(rawTasks)) {
    let id = renameForK8s(name) || 'task';
    for (let n = 2; used.has(id); n++) id = `${renameForK8s(name) || 'task'}-${n}`;
    used.add(id);
    taskIds.set(name, id);
  }
  const graphInputs = new Set(ports.inputs.map((p) => p.name));
  const tasks: { [id: string]: Task } = {};
  for (const [name, raw] of Object.entries(rawTasks)) {
    const field = `${base}.tasks.${name}`;
    const id = taskIds.get(name) as string;
    if (!isDict(raw)) refuse('KFS411', `Task ${JSON.stringify(name)} must be a mapping, not ${describeValue(raw)}.`, ctx, { task: name, field });
    if (raw['isEnabled'] !== undefined) {
      refuse('KFS414', `Task ${JSON.stringify(name)} is conditional (\`isEnabled\`), which cannot be imported; add the condition on the canvas instead.`, ctx, { task: name, field: `${field}.isEnabled` });
    }
    const ref = raw['componentRef'];
    if (!isDict(ref)) refuse('KFS411', `Task ${JSON.stringify(name)} has no \`componentRef\`.`, ctx, { task: name, field: `${field}.componentRef` });
    const byUrl = (ref['spec'] === undefined || ref['spec'] === null) && typeof ref['url'] === 'string' && ctx.resolveUrl !== undefined;
    const spec = byUrl ? ctx.resolveUrl?.(ref['url'] as string) : ref['spec'];
    if (spec === undefined || spec === null) {
      refuse(
        'KFS414',
        `Task ${JSON.stringify(name)} refers to its component by ${describeRef(ref)}, which cannot be resolved offline; inline the component under \`componentRef.spec\`.`,
        ctx,
        { task: name, field: `${field}.componentRef` },
      );
    }
    const component = importChild(spec, ctx, `${field}.componentRef.${byUrl ? 'url' : 'spec'}`);
    const childInputs = new Map((lookup(component)?.inputs ?? []).map((p) => [p.name, p.type]));
    const rawArgs = optionalDict(raw, 'arguments', `${field}.arguments`, ctx) ?? {};
    const args: { [input: string]: Argument } = {};
    for (const [input, value] of Object.entries(rawArgs)) {
      const key = sanitizeInputName(input);
      args[key] = readArgument(value, `${field}.arguments.${input}`, ctx, graphInputs, taskIds, childInputs.get(key));
    }
    tasks[id] = { id, component, displayName: name, arguments: args, after: [], options: readOptions(raw, field, ctx) };
  }
  const outputTypes = new Map(ports.outputs.map((p) => [p.name, p.type]));
  const outputs: GraphOutput[] = [];
  const rawOutputs = optionalDict(graph, 'outputValues', `${base}.outputValues`, ctx) ?? {};
  for (const [rawName, value] of Object.entries(rawOutputs)) {
    const field = `${base}.outputValues.${rawName}`;
    const name = sanitizeInputName(rawName);
    const type = outputTypes.get(name);
    if (type === undefined) refuse('KFS413', `\`outputValues\` sets output ${JSON.stringify(rawName)}, which the component does not declare.`, ctx, { field, output: rawName });
    const source = readArgument(value, field, ctx, graphInputs, taskIds, undefined);
    if (source.kind !== 'taskOutput' && source.kind !== 'graphInput') {
      refuse('KFS411', `Output ${JSON.stringify(rawName)} must come from a task output.`, ctx, { field, output: rawName });
    }
    outputs.push({ name, type, source });
  }
  return {
    name: header.name,
    ...(header.description !== undefined ? { description: header.description } : {}),
    inputs: ports.inputs,
    outputs: ports.outputs,
    implementation: { kind: 'graph', graph: { inputs: ports.inputs, outputs, tasks, groups: {}, layout: {} } },
  };
}

/** The `componentRef.url`s of graph tasks without an inline spec, at every level of inline children. */
export function componentUrlsIn(root: unknown): string[] {
  const urls = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (!isDict(value) || depth > 20) return;
    const implementation = value['implementation'];
    const graph = isDict(implementation) ? implementation['graph'] : undefined;
    const tasks = isDict(graph) ? graph['tasks'] : undefined;
    if (!isDict(tasks)) return;
    for (const task of Object.values(tasks)) {
      const ref = isDict(task) ? task['componentRef'] : undefined;
      if (!isDict(ref)) continue;
      if (isDict(ref['spec'])) walk(ref['spec'], depth + 1);
      else if (typeof ref['url'] === 'string') urls.add(ref['url']);
    }
  };
  walk(root, 0);
  return [...urls];
}

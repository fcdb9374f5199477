// Reads a compiled pipeline (KFP IR, PipelineSpec) into the typed shape a runtime executes: components with their
// definitions, DAG tasks with their input sources, iterators, conditions, retry and caching, and executors.
// Refuses what it cannot run with KFS610 (not an IR), KFS611 (dangling reference) or KFS612 (unsupported feature).
import { KfsError } from '../errors/codes';
import type { JsonValue } from '../model/document';
import { nameRecord, own } from '../names/names';
import { readIrDocuments } from '../ir/ir-documents.read';
import type { PipelineSpec } from '../ir/pipeline-spec';

type Obj = { [key: string]: unknown };

export interface IrParameterDef {
  parameterType: string;
  defaultValue?: JsonValue;
  isOptional: boolean;
}

export interface IrArtifactDef {
  schemaTitle: string;
  schemaVersion?: string;
  isList: boolean;
  isOptional: boolean;
}

export interface IrDefinitions {
  parameters: { [name: string]: IrParameterDef };
  artifacts: { [name: string]: IrArtifactDef };
}

export type IrParameterSource =
  | { kind: 'component'; name: string; selector?: string }
  | { kind: 'task'; task: string; output: string; selector?: string }
  | { kind: 'constant'; value: JsonValue }
  | { kind: 'finalStatus'; task: string };

export type IrArtifactSource = { kind: 'component'; name: string } | { kind: 'task'; task: string; output: string };

export interface IrIterator {
  kind: 'parameter' | 'artifact';
  itemInput: string;
  /** A JSON list written in the IR (`items.raw`). */
  raw?: string;
  /** The task input holding the list (`items.inputParameter` / `items.inputArtifact`). */
  input?: string;
}

export interface IrRetry {
  maxRetryCount: number;
  backoffSeconds: number;
  backoffFactor: number;
  backoffMaxSeconds: number;
}

export interface IrTask {
  name: string;
  displayName: string;
  componentRef: string;
  dependentTasks: string[];
  parameters: { [name: string]: IrParameterSource };
  artifacts: { [name: string]: IrArtifactSource };
  condition?: string;
  /** `triggerPolicy.strategy: ALL_UPSTREAM_TASKS_COMPLETED`: runs whatever its upstream tasks' outcome (exit tasks). */
  runsAfterFailure: boolean;
  iterator?: IrIterator;
  parallelismLimit?: number;
  retry?: IrRetry;
  enableCache: boolean;
}

export interface IrOutputSelector {
  task: string;
  output: string;
}

export interface IrDag {
  tasks: { [name: string]: IrTask };
  /** Each output is taken from the first selector whose task produced it (one selector unless it is a oneOf). */
  parameterOutputs: { [name: string]: IrOutputSelector[] };
  artifactOutputs: { [name: string]: IrOutputSelector[] };
}

export interface IrComponent {
  name: string;
  inputs: IrDefinitions;
  outputs: IrDefinitions;
  executorLabel?: string;
  dag?: IrDag;
}

export interface IrContainer {
  kind: 'container';
  image: string;
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
  /** The executor as written: part of a task's cache fingerprint. */
  raw: Obj;
}

export interface IrImporter {
  kind: 'importer';
  uri: { constant: string } | { parameter: string };
  schemaTitle: string;
  schemaVersion?: string;
  metadata: { [key: string]: JsonValue };
  raw: Obj;
}

export type IrExecutor = IrContainer | IrImporter;

export interface PipelineIr {
  name: string;
  root: IrComponent;
  components: { [name: string]: IrComponent };
  executors: { [label: string]: IrExecutor };
  /** The PipelineSpec as parsed (plain data). */
  spec: Obj;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function strings(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new KfsError('KFS610', `${field} must be a list of strings.`, { field });
  }
  return value as string[];
}

function entries(value: unknown): [string, Obj][] {
  return Object.entries(obj(value)).map(([key, item]) => [key, obj(item)]);
}

/** Durations as protobuf JSON writes them ("3.5s"), or a number of seconds. */
export function parseDurationSeconds(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const match = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim());
    if (match?.[1]) return Number(match[1]);
  }
  return 0;
}

function parseDefinitions(value: unknown): IrDefinitions {
  const defs: IrDefinitions = { parameters: nameRecord(), artifacts: nameRecord() };
  for (const [name, spec] of entries(obj(value).parameters)) {
    defs.parameters[name] = {
      parameterType: str(spec.parameterType) ?? str(spec.type) ?? 'STRING',
      ...(spec.defaultValue !== undefined ? { defaultValue: spec.defaultValue as JsonValue } : {}),
      isOptional: spec.isOptional === true,
    };
  }
  for (const [name, spec] of entries(obj(value).artifacts)) {
    const type = obj(spec.artifactType);
    defs.artifacts[name] = {
      schemaTitle: str(type.schemaTitle) ?? 'system.Artifact',
      ...(str(type.schemaVersion) ? { schemaVersion: str(type.schemaVersion) } : {}),
      isList: spec.isArtifactList === true,
      isOptional: spec.isOptional === true,
    };
  }
  return defs;
}

function constantOf(runtimeValue: Obj): JsonValue {
  if ('constant' in runtimeValue) return runtimeValue.constant as JsonValue;
  const old = obj(runtimeValue.constantValue);
  if ('stringValue' in old) return String(old.stringValue);
  if ('intValue' in old) return Number(old.intValue);
  if ('doubleValue' in old) return Number(old.doubleValue);
  return null;
}

function parameterSource(spec: Obj, where: { task: string; parameter: string }): IrParameterSource {
  const selector = str(spec.parameterExpressionSelector);
  const withSelector = selector ? { selector } : {};
  if (typeof spec.componentInputParameter === 'string') return { kind: 'component', name: spec.componentInputParameter, ...withSelector };
  if (isObj(spec.taskOutputParameter)) {
    const ref = spec.taskOutputParameter;
    return { kind: 'task', task: str(ref.producerTask) ?? '', output: str(ref.outputParameterKey) ?? '', ...withSelector };
  }
  if (isObj(spec.runtimeValue)) return { kind: 'constant', value: constantOf(spec.runtimeValue) };
  if (isObj(spec.taskFinalStatus)) return { kind: 'finalStatus', task: str(spec.taskFinalStatus.producerTask) ?? '' };
  throw new KfsError('KFS612', 'This input takes its value in a way the local runtime does not know.', where);
}

function artifactSource(spec: Obj, where: { task: string; port: string }): IrArtifactSource {
  if (typeof spec.componentInputArtifact === 'string') return { kind: 'component', name: spec.componentInputArtifact };
  if (isObj(spec.taskOutputArtifact)) {
    const ref = spec.taskOutputArtifact;
    return { kind: 'task', task: str(ref.producerTask) ?? '', output: str(ref.outputArtifactKey) ?? '' };
  }
  throw new KfsError('KFS612', 'This artifact input takes its value in a way the local runtime does not know.', where);
}

function parseTask(name: string, spec: Obj): IrTask {
  const inputs = obj(spec.inputs);
  const parameters: IrTask['parameters'] = nameRecord();
  for (const [key, item] of entries(inputs.parameters)) parameters[key] = parameterSource(item, { task: name, parameter: key });
  const artifacts: IrTask['artifacts'] = nameRecord();
  for (const [key, item] of entries(inputs.artifacts)) artifacts[key] = artifactSource(item, { task: name, port: key });
  const trigger = obj(spec.triggerPolicy);
  const task: IrTask = {
    name,
    displayName: str(obj(spec.taskInfo).name) ?? name,
    componentRef: str(obj(spec.componentRef).name) ?? '',
    dependentTasks: strings(spec.dependentTasks, `tasks.${name}.dependentTasks`),
    parameters,
    artifacts,
    runsAfterFailure: trigger.strategy === 'ALL_UPSTREAM_TASKS_COMPLETED',
    enableCache: obj(spec.cachingOptions).enableCache === true,
  };
  if (typeof trigger.condition === 'string' && trigger.condition.trim()) task.condition = trigger.condition;
  const paramIter = obj(spec.parameterIterator);
  const artIter = obj(spec.artifactIterator);
  if (isObj(spec.parameterIterator)) {
    const items = obj(paramIter.items);
    task.iterator = { kind: 'parameter', itemInput: str(paramIter.itemInput) ?? '' };
    if (typeof items.raw === 'string') task.iterator.raw = items.raw;
    if (typeof items.inputParameter === 'string') task.iterator.input = items.inputParameter;
  } else if (isObj(spec.artifactIterator)) {
    task.iterator = { kind: 'artifact', itemInput: str(artIter.itemInput) ?? '', input: str(obj(artIter.items).inputArtifact) ?? '' };
  }
  const limit = Number(obj(spec.iteratorPolicy).parallelismLimit ?? 0);
  if (limit > 0) task.parallelismLimit = limit;
  if (isObj(spec.retryPolicy)) {
    const retry = spec.retryPolicy;
    task.retry = {
      maxRetryCount: Number(retry.maxRetryCount ?? 0) || 0,
      backoffSeconds: parseDurationSeconds(retry.backoffDuration),
      backoffFactor: Number(retry.backoffFactor ?? 2) || 2,
      backoffMaxSeconds: parseDurationSeconds(retry.backoffMaxDuration) || 3600,
    };
  }
  return task;
}

function selectors(list: unknown): IrOutputSelector[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const o = obj(item);
    return { task: str(o.producerSubtask) ?? '', output: str(o.outputParameterKey) ?? str(o.outputArtifactKey) ?? '' };
  });
}

function parseDag(value: Obj): IrDag {
  const dag: IrDag = { tasks: nameRecord(), parameterOutputs: nameRecord(), artifactOutputs: nameRecord() };
  for (const [name, spec] of entries(value.tasks)) dag.tasks[name] = parseTask(name, spec);
  const outputs = obj(value.outputs);
  for (const [name, spec] of entries(outputs.parameters)) {
    if (isObj(spec.valueFromParameter)) dag.parameterOutputs[name] = selectors([spec.valueFromParameter]);
    else dag.parameterOutputs[name] = selectors(obj(spec.valueFromOneof).parameterSelectors);
  }
  for (const [name, spec] of entries(outputs.artifacts)) dag.artifactOutputs[name] = selectors(spec.artifactSelectors);
  return dag;
}

function parseComponent(name: string, spec: Obj): IrComponent {
  const component: IrComponent = { name, inputs: parseDefinitions(spec.inputDefinitions), outputs: parseDefinitions(spec.outputDefinitions) };
  if (typeof spec.executorLabel === 'string') component.executorLabel = spec.executorLabel;
  if (isObj(spec.dag)) component.dag = parseDag(spec.dag);
  if (!component.dag && !component.executorLabel) {
    throw new KfsError('KFS610', `Component ${name} has neither an executor nor a DAG.`, { component: name });
  }
  return component;
}

function parseExecutor(label: string, spec: Obj): IrExecutor {
  if (isObj(spec.container)) {
    const c = spec.container;
    const env = Array.isArray(c.env) ? c.env.map((e) => ({ name: String(obj(e).name ?? ''), value: String(obj(e).value ?? '') })) : [];
    return {
      kind: 'container',
      image: str(c.image) ?? '',
      command: strings(c.command, `deploymentSpec.executors.${label}.container.command`),
      args: strings(c.args, `deploymentSpec.executors.${label}.container.args`),
      env,
      raw: spec,
    };
  }
  if (isObj(spec.importer)) {
    const imp = spec.importer;
    const uri = obj(imp.artifactUri);
    const type = obj(imp.typeSchema);
    const constant = uri.constant ?? obj(uri.constantValue).stringValue;
    return {
      kind: 'importer',
      uri: typeof uri.runtimeParameter === 'string' ? { parameter: uri.runtimeParameter } : { constant: String(constant ?? '') },
      schemaTitle: str(type.schemaTitle) ?? 'system.Artifact',
      ...(str(type.schemaVersion) ? { schemaVersion: str(type.schemaVersion) } : {}),
      metadata: obj(imp.metadata) as { [key: string]: JsonValue },
      raw: spec,
    };
  }
  throw new KfsError('KFS612', `Executor ${label} is neither a container nor an importer (e.g. a custom job); the local runtime cannot run it.`, {
    field: `deploymentSpec.executors.${label}`,
  });
}

function checkRefs(ir: PipelineIr): void {
  const all = [ir.root, ...Object.values(ir.components)];
  for (const component of all) {
    if (component.executorLabel && !component.dag && !own(ir.executors, component.executorLabel)) {
      throw new KfsError('KFS611', `Component ${component.name} uses executor ${component.executorLabel}, which deploymentSpec does not define.`, {
        component: component.name,
      });
    }
    for (const task of Object.values(component.dag?.tasks ?? {})) {
      const where = { task: task.name, ...(component.name !== 'root' ? { graph: component.name } : {}) };
      if (!own(ir.components, task.componentRef)) {
        throw new KfsError('KFS611', `Task ${task.name} refers to component "${task.componentRef}", which the IR does not define.`, where);
      }
      const tasks = component.dag?.tasks ?? {};
      const upstream = [...task.dependentTasks];
      for (const source of [...Object.values(task.parameters), ...Object.values(task.artifacts)]) {
        if (source.kind === 'task' || source.kind === 'finalStatus') upstream.push(source.task);
      }
      for (const name of upstream) {
        if (!own(tasks, name)) throw new KfsError('KFS611', `Task ${task.name} waits on task "${name}", which is not in the same DAG.`, where);
      }
    }
    if (component.dag) topologicalOrder(component.dag, component.name !== 'root' ? { graph: component.name } : {});
  }
}

/** Parses IR text (YAML or JSON; a second PlatformSpec document is ignored here) or an already parsed PipelineSpec. */
export function parsePipelineIr(input: string | Obj | PipelineSpec, options: { file?: string } = {}): PipelineIr {
  const spec = readIrDocuments(input, options).pipelineSpec;
  const components: PipelineIr['components'] = nameRecord();
  for (const [name, item] of entries(spec.components)) components[name] = parseComponent(name, item);
  const executors: PipelineIr['executors'] = nameRecord();
  for (const [label, item] of entries(obj(spec.deploymentSpec).executors)) executors[label] = parseExecutor(label, item);
  const root = parseComponent('root', spec.root);
  if (!root.dag) throw new KfsError('KFS610', 'The pipeline root has no DAG.', { field: 'root' });
  const ir: PipelineIr = { name: str(obj(spec.pipelineInfo).name) ?? 'pipeline', root, components, executors, spec };
  checkRefs(ir);
  return ir;
}

/** Upstream tasks of a task in its DAG: `dependentTasks` plus every task it reads an output or status from. */
export function upstreamOf(task: IrTask): string[] {
  const names = new Set(task.dependentTasks);
  for (const source of [...Object.values(task.parameters), ...Object.values(task.artifacts)]) {
    if (source.kind === 'task' || source.kind === 'finalStatus') names.add(source.task);
  }
  return [...names];
}

/** The tasks of a DAG in an order where each comes after its upstream tasks; a cycle is refused (KFS610). */
export function topologicalOrder(dag: IrDag, where: { graph?: string } = {}): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new KfsError('KFS610', `The tasks ${[...trail, name].join(' → ')} wait on each other in a cycle.`, { ...where, task: name });
    }
    state.set(name, 'visiting');
    const task = own(dag.tasks, name);
    for (const up of task ? upstreamOf(task) : []) visit(up, [...trail, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(dag.tasks).sort()) visit(name, []);
  return order;
}

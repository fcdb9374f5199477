// PipelineDocument → KFP v2 IR: a `PipelineSpec` (schemaVersion 2.1.0) and, when tasks have Kubernetes settings or
// the pipeline has a workspace, a `PlatformSpec`. Names follow the SDK: every task use gets its own component
// `comp-<component id>` and executor `exec-<component id>` (a second use of the same component gets `-2`, ...),
// groups become sub-DAG components named by their ids, values entering groups are `pipelinechannel--` inputs.
// IR objects are built with their keys in sorted order where that costs nothing (fields set in that order): the YAML
// writer, which writes keys sorted, then finds them in order and need not sort them.
import { KfsError } from '../errors/codes';
import type { ComponentSpec, GraphOutput, PipelineDocument, PipelineGraph, PortSpec, Task } from '../model/document';
import { DagCompiler } from './ir-dag.compile';
import type { TaskValues } from './ir-dag.emit';
import type { CommandMemo } from './ir-executor.compile';
import { executorFor } from './ir-executor.compile';
import { NameAllocator, sanitizeName } from './ir-names';
import { GraphStructure } from './ir-structure';
import type { IrComponentSpec, IrDagSpec, IrExecutorSpec, KubernetesPlatformSpec, PipelineSpec, PlatformSpec } from '../ir/pipeline-spec';
import type { IrDefinitions } from './ir-types';
import { definitionsOf } from './ir-types';
import { kubernetesExecutorConfig, pipelineConfig } from './platform.compile';
import { own } from '../names/names';

export const IR_SCHEMA_VERSION = '2.1.0';
export const IR_SDK_VERSION = 'kfp-studio-0.1.0';

export interface IrCompileResult {
  pipelineSpec: PipelineSpec;
  platformSpec?: PlatformSpec;
}

/** The declared outputs of a graph; a collected output is a list whatever type it names. */
function graphOutputPorts(outputs: readonly GraphOutput[]): PortSpec[] {
  return outputs.map((o) => {
    let type = o.type;
    if (o.source.kind === 'collected') type = type.kind === 'parameter' ? { kind: 'parameter', type: 'LIST' } : { ...type, isList: true };
    return { name: o.name, type, ...(o.description !== undefined ? { description: o.description } : {}) };
  });
}

class IrCompiler {
  private readonly names = new NameAllocator();
  private readonly components: { [name: string]: IrComponentSpec } = {};
  private readonly executors: { [label: string]: IrExecutorSpec } = {};
  private readonly platformExecutors: NonNullable<NonNullable<KubernetesPlatformSpec['deploymentSpec']>['executors']> = {};
  private readonly stack: string[] = [];
  private readonly commands: CommandMemo = new WeakMap();
  private readonly definitions = new WeakMap<ComponentSpec, { inputs?: IrDefinitions; outputs?: IrDefinitions }>();

  constructor(private readonly doc: PipelineDocument) {
    this.reserve(doc.graph, '', new Set());
  }

  /** The task use that gets each component's natural name (`comp-<id>`): the task named like the component, or the first. */
  private readonly owners = new Map<string, { graphKey: string; taskId: string }>();
  private readonly structures = new Map<PipelineGraph, GraphStructure>();
  private readonly ownerIsNamed = new Set<string>();

  private readonly naturalNames = new Map<string, string>();

  /** `comp-<component id>`, made once per component rather than once per task (thousands of tasks, a few components). */
  private naturalName(componentId: string): string {
    let name = this.naturalNames.get(componentId);
    if (name === undefined) this.naturalNames.set(componentId, (name = `comp-${sanitizeName(componentId)}`));
    return name;
  }

  /** Natural names first, so that `-2` variants never take a name some other component or group wants. */
  private reserve(graph: PipelineGraph, graphKey: string, seen: Set<string>): void {
    // Built once per graph with the location compileGraph gives it, and reused there.
    const structure = new GraphStructure(graph, graphKey ? { graph: graphKey } : {});
    this.structures.set(graph, structure);
    for (const name of structure.nodes.keys()) this.names.reserve(`comp-${sanitizeName(name)}`);
    const nested: string[] = [];
    for (const id of structure.taskIds) {
      const task = own(graph.tasks, id) as Task;
      const natural = this.naturalName(task.component);
      this.names.reserve(natural);
      const current = this.owners.get(natural);
      const named = sanitizeName(id) === sanitizeName(task.component);
      if (current === undefined || (named && !this.ownerIsNamed.has(natural))) {
        this.owners.set(natural, { graphKey, taskId: id });
        if (named) this.ownerIsNamed.add(natural);
      }
      const component = own(this.doc.components, task.component);
      if (component?.implementation.kind === 'graph' && !seen.has(task.component)) {
        seen.add(task.component);
        nested.push(task.component);
      }
    }
    for (const key of nested) {
      const component = own(this.doc.components, key);
      if (component?.implementation.kind === 'graph') this.reserve(component.implementation.graph, key, seen);
    }
  }

  compile(): IrCompileResult {
    const doc = this.doc;
    if (!doc.name) throw new KfsError('KFS301', 'The pipeline needs a name.', { field: 'name' });
    const dag = this.compileGraph(doc.graph, doc.graph.inputs, doc.graph.outputs, {});
    const root: IrComponentSpec = { dag };
    const inputs = definitionsOf(doc.graph.inputs, true);
    if (inputs) root.inputDefinitions = inputs;
    const outputs = definitionsOf(graphOutputPorts(doc.graph.outputs), false);
    if (outputs) root.outputDefinitions = outputs;
    const pipelineInfo: NonNullable<PipelineSpec['pipelineInfo']> = {};
    if (doc.description !== undefined) pipelineInfo.description = doc.description;
    if (doc.displayName !== undefined) pipelineInfo.displayName = doc.displayName;
    pipelineInfo.name = doc.name;
    const pipelineSpec: PipelineSpec = { components: this.components };
    if (doc.defaultPipelineRoot !== undefined) pipelineSpec.defaultPipelineRoot = doc.defaultPipelineRoot;
    pipelineSpec.deploymentSpec = { executors: this.executors };
    pipelineSpec.pipelineInfo = pipelineInfo;
    pipelineSpec.root = root;
    pipelineSpec.schemaVersion = IR_SCHEMA_VERSION;
    pipelineSpec.sdkVersion = IR_SDK_VERSION;
    const kubernetes: KubernetesPlatformSpec = {};
    if (Object.keys(this.platformExecutors).length) kubernetes.deploymentSpec = { executors: this.platformExecutors };
    const config = pipelineConfig(doc);
    if (config) kubernetes.pipelineConfig = config;
    return Object.keys(kubernetes).length ? { pipelineSpec, platformSpec: { platforms: { kubernetes } } } : { pipelineSpec };
  }

  private compileGraph(graph: PipelineGraph, inputs: readonly PortSpec[], outputs: readonly GraphOutput[], where: { graph?: string }): IrDagSpec {
    const compiler = new DagCompiler(this.doc, graph, inputs, where, {
      componentFor: (taskId, task, values) => this.componentFor(taskId, task, values, where),
      groupComponentName: (name) => this.names.claim(`comp-${sanitizeName(name)}`),
      addComponent: (name, component) => {
        this.components[name] = component;
      },
    }, this.structures.get(graph));
    return compiler.compile(outputs).dag;
  }

  private componentFor(taskId: string, task: Task, values: TaskValues, where: { graph?: string }): string {
    const component: ComponentSpec | undefined = own(this.doc.components, task.component);
    if (!component) {
      throw new KfsError('KFS401', `Task ${taskId} uses unknown component "${task.component}".`, { ...where, task: taskId });
    }
    const natural = this.naturalName(task.component);
    const owner = this.owners.get(natural);
    const owns = owner !== undefined && owner.taskId === taskId && owner.graphKey === (where.graph ?? '');
    const name = owns ? this.names.claim(natural) : this.names.unique(natural);
    const spec: IrComponentSpec = {};
    const impl = component.implementation;
    if (impl.kind === 'graph') {
      if (this.stack.includes(task.component)) {
        throw new KfsError('KFS601', `Nested pipeline "${task.component}" contains itself.`, { ...where, task: taskId });
      }
      this.stack.push(task.component);
      const graphInputs = impl.graph.inputs.length ? impl.graph.inputs : component.inputs;
      spec.dag = this.compileGraph(impl.graph, graphInputs, impl.graph.outputs, { graph: task.component });
      this.stack.pop();
    } else {
      const executor = `exec-${name.slice('comp-'.length)}`;
      spec.executorLabel = executor;
      this.executors[executor] = executorFor(component, task, where, taskId, this.commands, values.placeholder);
      const k8s = kubernetesExecutorConfig(task.options, (arg) => values.argumentRef(taskId, arg));
      if (k8s) this.platformExecutors[executor] = k8s;
    }
    let defs = this.definitions.get(component);
    if (!defs) this.definitions.set(component, (defs = { inputs: definitionsOf(component.inputs, true), outputs: definitionsOf(component.outputs, false) }));
    // Shared by every use of the component: the IR is read, never changed, once compiled.
    if (defs.inputs) spec.inputDefinitions = defs.inputs;
    if (defs.outputs) spec.outputDefinitions = defs.outputs;
    this.components[name] = spec;
    return name;
  }
}

export function compileToIr(doc: PipelineDocument): IrCompileResult {
  return new IrCompiler(doc).compile();
}

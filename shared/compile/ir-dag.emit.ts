// Writes the IR of one graph once DagCompiler (ir-dag.compile.ts) has collected where every value travels: the
// sub-DAG component of each group and the task specs of each DAG, following the KFP SDK's field choices.
import { KfsError } from '../errors/codes';
import type { Argument, PipelineDocument, PipelineGraph, Task } from '../model/document';
import type { IrComponentSpec, IrDagOutputsSpec, IrDagSpec, IrPipelineTaskSpec } from '../ir/pipeline-spec';
import type { Channel, ChannelResolver } from './ir-channels';
import { branchCondition } from './ir-condition.compile';
import { channelName } from './ir-names';
import { valuePlaceholder } from './ir-resource-inputs';
import type { GraphStructure } from './ir-structure';
import { hasSdkForm, sortedNames } from './ir-structure';
import type { OutputSurfacer } from './ir-outputs.compile';
import type { IrDefinitions, IrObject } from './ir-types';
import { addDefinition, isEmptyDefinitions } from './ir-types';
import { bucketOf, cachingOptionsOf, compactInputs, rawItems, retryPolicyOf, type IrInputs } from './ir-dag.values';
import { own } from '../names/names';

export interface DagHooks {
  /** Compiles the task's component (once per use) and returns its IR component name. */
  componentFor(taskId: string, task: Task, values: TaskValues): string;
  /** Allocates the IR component name of a group's sub-DAG. */
  groupComponentName(groupName: string): string;
  addComponent(name: string, component: IrComponentSpec): void;
}

/** How a task's settings refer to values; made once per DAG (not a pair of closures per task). */
export interface TaskValues {
  /** How task `taskId` refers to a value outside its own inputs (a secret name taken from a parameter). */
  argumentRef(taskId: string, arg: Argument): IrObject;
  /** The text a container field holds for a value (see valuePlaceholder). */
  placeholder(arg: Argument): string;
}

/** A value passed into a group, and how the group task refers to it. */
export interface GroupInput {
  channel: Channel;
  ref: IrObject;
}

/** What DagCompiler collected about one graph. */
export interface CollectedDag {
  doc: PipelineDocument;
  graph: PipelineGraph;
  where: { graph?: string };
  hooks: DagHooks;
  structure: GraphStructure;
  resolver: ChannelResolver;
  surfacer: OutputSurfacer;
  groupInputs: ReadonlyMap<string, ReadonlyMap<string, GroupInput>>;
  deps: ReadonlyMap<string, readonly string[]>;
  taskInputs: ReadonlyMap<string, IrInputs>;
  componentNames: ReadonlyMap<string, string>;
  /** How task `id` refers to a value outside its own inputs (a secret name taken from a parameter). */
  argumentRef(id: string, arg: Argument): IrObject;
}

export class DagEmitter {
  private readonly values: TaskValues;

  constructor(private readonly dag: CollectedDag) {
    this.values = {
      argumentRef: (taskId, arg) => dag.argumentRef(taskId, arg),
      placeholder: (arg) => valuePlaceholder(arg, (a) => dag.resolver.channelOf(a), dag.where),
    };
  }

  emitGroup(name: string): void {
    const inputs = this.dag.groupInputs.get(name) ?? new Map<string, GroupInput>();
    const defs: IrDefinitions = {};
    for (const { channel } of inputs.values()) addDefinition(defs, channelName(channel.key), channel.type);
    const node = this.dag.structure.nodes.get(name);
    if (node?.group.kind === 'parallelFor') {
      const item = this.dag.resolver.loopItemChannel(node.group.id);
      addDefinition(defs, channelName(item.key), item.type);
    }
    const tasks = this.dagTasks(name);
    const outputs = this.dag.surfacer.outputsFor(name);
    let dag: IrDagSpec = { tasks };
    if (outputs) {
      const dagOutputs: IrDagOutputsSpec = {};
      if (Object.keys(outputs.artifacts).length) dagOutputs.artifacts = outputs.artifacts;
      if (Object.keys(outputs.parameters).length) dagOutputs.parameters = outputs.parameters;
      dag = { outputs: dagOutputs, tasks };
    }
    const component: IrComponentSpec = { dag };
    if (!isEmptyDefinitions(defs)) component.inputDefinitions = defs;
    if (outputs && !isEmptyDefinitions(outputs.definitions)) component.outputDefinitions = outputs.definitions;
    this.dag.hooks.addComponent(this.dag.componentNames.get(name) as string, component);
  }

  /** The `tasks` of the DAG of `container` (undefined: the graph's own DAG). */
  dagTasks(container: string | undefined): { [name: string]: IrPipelineTaskSpec } {
    const { tasks, groups } = this.dag.structure.membersOf(container);
    // Compiled groups first, then tasks (the order names are handed out in), then laid out in one sorted run: both
    // lists are sorted, so a merge gives the YAML writer keys it need not sort.
    const groupSpecs = groups.map((name) => this.groupTask(name));
    const taskSpecs = tasks.map((id) => this.task(id));
    const out: { [name: string]: IrPipelineTaskSpec } = {};
    let g = 0;
    let t = 0;
    while (g < groups.length || t < tasks.length) {
      const group = groups[g];
      const task = tasks[t];
      if (task === undefined || (group !== undefined && group <= task)) out[group as string] = groupSpecs[g++] as IrPipelineTaskSpec;
      else out[task] = taskSpecs[t++] as IrPipelineTaskSpec;
    }
    return out;
  }

  private groupTask(name: string): IrPipelineTaskSpec {
    const node = this.dag.structure.nodes.get(name);
    if (!node) return {};
    const componentName = this.dag.componentNames.get(name) as string;
    const inputs: IrInputs = {};
    for (const { channel, ref } of (this.dag.groupInputs.get(name) ?? new Map<string, GroupInput>()).values()) {
      (inputs[bucketOf(channel)] ??= {})[channelName(channel.key)] = ref;
    }
    let triggerPolicy: IrPipelineTaskSpec['triggerPolicy'];
    if (node.kind === 'condition' && node.group.kind === 'condition' && node.branchIndex !== undefined) {
      const where = { ...this.dag.where, group: node.group.id };
      triggerPolicy = {
        condition: branchCondition(node.group.branches, node.branchIndex, (arg) => this.dag.resolver.channelOf(arg), where),
      };
    }
    // Fields set in sorted key order (see ir.compile.ts).
    const spec: IrPipelineTaskSpec = {};
    const loop = node.group.kind === 'parallelFor' ? node.group : undefined;
    const item = loop && this.dag.resolver.loopItemChannel(loop.id);
    const items = loop && this.dag.resolver.itemsChannel(loop);
    if (item && items?.type.kind === 'artifact') spec.artifactIterator = { itemInput: channelName(item.key), items: { inputArtifact: channelName(items.key) } };
    spec.componentRef = { name: componentName };
    const deps = this.dag.deps.get(name);
    if (deps?.length) spec.dependentTasks = sortedNames(deps);
    const irInputs = compactInputs(inputs);
    if (irInputs) spec.inputs = irInputs;
    if (loop?.parallelism !== undefined && loop.parallelism > 0) spec.iteratorPolicy = { parallelismLimit: loop.parallelism };
    if (loop && item && items?.type.kind !== 'artifact') {
      spec.parameterIterator = {
        itemInput: channelName(item.key),
        items: items ? { inputParameter: channelName(items.key) } : { raw: rawItems(loop.items, { ...this.dag.where, group: loop.id }) },
      };
    }
    // A branch of several has no name of its own in the IR; any other sub-DAG shows the group's name or model id.
    const isBranch = node.kind === 'condition' && node.group.kind === 'condition' && node.group.branches.length > 1;
    spec.taskInfo = { name: isBranch ? name : (node.group.displayName ?? node.group.id) };
    if (triggerPolicy) spec.triggerPolicy = triggerPolicy;
    return spec;
  }

  /**
   * In the IR an exit handler is a sub-DAG named `exit-handler-N` that a task runs after even on failure; a nested
   * pipeline task with such a name and such a follower would read back as an exit handler, so it is refused.
   */
  private refuseExitLookalike(upstream: string, follower: string): void {
    const task = own(this.dag.graph.tasks, upstream);
    if (!task || !hasSdkForm(upstream, 'exit') || own(this.dag.doc.components, task.component)?.implementation.kind !== 'graph') return;
    throw new KfsError(
      'KFS601',
      `Nested pipeline task ${upstream} is named like an exit handler and ${follower} runs after it even on failure; rename ${upstream}.`,
      { ...this.dag.where, task: upstream },
    );
  }

  private task(id: string): IrPipelineTaskSpec {
    const task = own(this.dag.graph.tasks, id) as Task;
    const inputs = this.dag.taskInputs.get(id) ?? {};
    const spec: IrPipelineTaskSpec = {
      cachingOptions: cachingOptionsOf(task),
      componentRef: {
        name: this.dag.hooks.componentFor(id, task, this.values),
      },
    };
    const deps = this.dag.deps.get(id);
    if (deps?.length) spec.dependentTasks = sortedNames(deps);
    const irInputs = compactInputs(inputs);
    if (irInputs) spec.inputs = irInputs;
    const retryPolicy = retryPolicyOf(task);
    if (retryPolicy) spec.retryPolicy = retryPolicy;
    spec.taskInfo = { name: task.displayName ?? id };
    if (this.dag.structure.exitHandlerOf(id) || task.options.ignoreUpstreamFailure) {
      spec.triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
      for (const upstream of deps ?? []) this.refuseExitLookalike(upstream, id);
    }
    return spec;
  }
}

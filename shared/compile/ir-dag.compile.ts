// Compiles one graph (the root pipeline or a nested pipeline) into its DAG and the sub-DAG components of its groups,
// following the KFP SDK: values reach tasks inside groups as `pipelinechannel--` inputs of every group on the way,
// dependencies between tasks in different groups become dependencies between the outermost groups that differ.
import { KfsError } from '../errors/codes';
import type { Argument, GraphOutput, PipelineDocument, PipelineGraph, PortSpec, Task } from '../model/document';
import type { Channel } from './ir-channels';
import { ChannelResolver, channelChain, rootOf } from './ir-channels';
import { branchArguments } from './ir-condition.compile';
import { channelName, inputPlaceholder } from './ir-names';
import { resourceInputs } from './ir-resource-inputs';
import { platformValuesOf } from './platform-scheduling.compile';
import { GraphStructure, sharedPrefix } from './ir-structure';
import { OutputSurfacer } from './ir-outputs.compile';
import type { IrObject } from './ir-types';
import { pyJsonDumps } from './ir-placeholders';
import { bucketOf, parseJsonTemplate, type IrInputs } from './ir-dag.values';
import { own } from '../names/names';
import type { IrDagSpec } from '../ir/pipeline-spec';
import { DagEmitter, type DagHooks, type GroupInput } from './ir-dag.emit';

export type { DagHooks } from './ir-dag.emit';

export class DagCompiler {
  private readonly structure: GraphStructure;
  private readonly resolver: ChannelResolver;
  private readonly groupInputs = new Map<string, Map<string, GroupInput>>();
  /** Each task's or group's upstream names, without repeats (a short list: cheaper than a Set per consumer). */
  private readonly deps = new Map<string, string[]>();
  private readonly taskInputs = new Map<string, IrInputs>();
  private readonly componentNames = new Map<string, string>();
  private readonly surfacer: OutputSurfacer;

  constructor(
    private readonly doc: PipelineDocument,
    private readonly graph: PipelineGraph,
    private readonly inputs: readonly PortSpec[],
    private readonly where: { graph?: string },
    private readonly hooks: DagHooks,
    structure?: GraphStructure,
  ) {
    this.structure = structure ?? new GraphStructure(graph, where);
    this.resolver = new ChannelResolver(doc, graph, inputs, where);
    this.surfacer = new OutputSurfacer(this.structure, this.resolver, where);
  }

  /** Returns the `dag` object; sub-DAG components are handed to `hooks.addComponent`. */
  compile(outputs: readonly GraphOutput[]): { dag: IrDagSpec } {
    for (const name of this.structure.nodes.keys()) this.componentNames.set(name, this.hooks.groupComponentName(name));
    for (const node of this.structure.nodes.values()) {
      this.groupInputs.set(node.name, new Map());
      if (node.group.kind === 'parallelFor') {
        const items = this.resolver.itemsChannel(node.group);
        if (items) {
          this.propagate(node.name, items);
          this.addDependencyOn(node.name, items);
          this.addGroupInput(node.name, items, this.refFor(items, node.parent));
        }
      }
    }
    for (const id of this.structure.taskIds) this.collectTask(id, own(this.graph.tasks, id) as Task);
    for (const node of this.structure.nodes.values()) this.addConditionFields(node.name);
    const dagOutputs = this.surfacer.graphOutputs(outputs);
    const emitter = new DagEmitter({
      doc: this.doc,
      graph: this.graph,
      where: this.where,
      hooks: this.hooks,
      structure: this.structure,
      resolver: this.resolver,
      surfacer: this.surfacer,
      groupInputs: this.groupInputs,
      deps: this.deps,
      taskInputs: this.taskInputs,
      componentNames: this.componentNames,
      argumentRef: (id, arg) => this.argumentRef(id, arg),
    });
    for (const node of this.structure.nodes.values()) emitter.emitGroup(node.name);
    const tasks = emitter.dagTasks(undefined);
    return { dag: dagOutputs ? { outputs: dagOutputs, tasks } : { tasks } };
  }

  // ---- channels into groups ----

  /**
   * A branch that compares a field of a loop item (`item.a == 'x'`) reads it from its own input
   * `pipelinechannel--<item>-subvar-a`, taken from the item with a parseJson selector — the form of the SDK's
   * build_task_spec_for_group; without it the condition names an input the task does not have (kubeflow/pipelines#13273).
   */
  private addConditionFields(group: string): void {
    const node = this.structure.nodes.get(group);
    if (node?.kind !== 'condition' || node.group.kind !== 'condition' || node.branchIndex === undefined) return;
    for (const arg of branchArguments(node.group.branches, node.branchIndex)) {
      const channel = this.resolver.channelOf(arg);
      if (channel?.field !== undefined) this.addGroupInput(group, channel, this.refFor(channel, node.parent));
    }
  }

  private loopItemKey(group: string): string | undefined {
    const node = this.structure.nodes.get(group);
    return node?.group.kind === 'parallelFor' ? this.resolver.loopItemChannel(node.group.id).key : undefined;
  }

  private pops(group: string, channel: Channel): boolean {
    const key = this.loopItemKey(group);
    return key !== undefined && key.includes(channel.key);
  }

  /** How a consumer placed in `container` refers to `channel`: the producer's output when it sits there too, else an input. */
  private refFor(channel: Channel, container: string | undefined): IrObject {
    const artifact = channel.type.kind === 'artifact';
    if (channel.producer && this.placeOf(channel.producer.task) === container) {
      return artifact
        ? { taskOutputArtifact: { outputArtifactKey: channel.producer.output, producerTask: channel.producer.task } }
        : { taskOutputParameter: { outputParameterKey: channel.producer.output, producerTask: channel.producer.task } };
    }
    if (channel.field !== undefined && channel.parent) {
      return {
        componentInputParameter: channelName(channel.parent.key),
        parameterExpressionSelector: `parseJson(string_value)[${pyJsonDumps(channel.field)}]`,
      };
    }
    const name = channel.graphInput !== undefined && container === undefined ? channel.graphInput : channelName(channel.key);
    return artifact ? { componentInputArtifact: name } : { componentInputParameter: name };
  }

  /** The IR group a task or group sits in. */
  private placeOf(id: string): string | undefined {
    const node = this.structure.nodes.get(id);
    return node ? node.parent : this.structure.containerOfTask(id);
  }

  private addGroupInput(group: string, channel: Channel, ref: IrObject): void {
    // A loop's own item is its iterator's input, not an input of the loop task.
    if (channel.loop !== undefined && channel.loop === this.structure.nodes.get(group)?.group.id) return;
    const inputs = this.groupInputs.get(group);
    if (inputs && !inputs.has(channel.key)) inputs.set(channel.key, { channel, ref });
  }

  /** Passes `channel` into every group between where it is available and `consumer`, as the SDK does. */
  private propagate(consumer: string, channel: Channel): void {
    const base = rootOf(channel);
    // The groups the value passes into: none for a value used in the DAG that makes it (nearly all values of a large
    // graph), which then allocates nothing more here.
    const path = this.structure.pathOf(consumer);
    // With a producer: the groups between the DAG it shares with the consumer and the consumer, path[from..].
    let from: number | undefined;
    if (base.producer) {
      const producerPath = this.structure.pathOf(base.producer.task);
      const shared = sharedPrefix(producerPath, path);
      if (producerPath.length - shared > 1) {
        throw new KfsError(
          'KFS104',
          `Output ${base.producer.output} of ${base.producer.task} is used outside its group; collect it or use oneOf.`,
          { ...this.where, task: consumer },
        );
      }
      if (path.length - shared < 2) return;
      from = shared;
    }
    if (from === undefined && path.length < 2) return;
    const chain = channelChain(channel);
    const add = (group: string, c: Channel) => this.addGroupInput(group, c, this.refFor(c, this.structure.nodes.get(group)?.parent));
    if (from !== undefined) {
      for (let i = from; i < path.length - 1; i++) {
        const group = path[i] as string;
        const c = chain[chain.length - 1] as Channel;
        add(group, c);
        if (this.pops(group, c)) chain.pop();
        if (chain.length === 0) break;
      }
    } else if (base.raw) {
      for (let i = path.length - 2; i >= 0; i--) {
        const group = path[i] as string;
        const c = chain[0] as Channel;
        add(group, c);
        if (this.pops(group, c)) chain.shift();
        if (chain.length === 0) break;
      }
    } else {
      for (const group of path.slice(0, -1)) {
        const c = chain[chain.length - 1] as Channel;
        add(group, c);
        if (this.pops(group, c)) chain.pop();
        if (chain.length === 0) break;
      }
    }
  }

  private addDependency(upstream: string, consumer: string): void {
    const ups = this.structure.pathOf(upstream);
    const downs = this.structure.pathOf(consumer);
    const shared = sharedPrefix(ups, downs);
    const up = ups[shared];
    const down = downs[shared];
    if (up === undefined || down === undefined) return;
    const list = this.deps.get(down);
    if (!list) this.deps.set(down, [up]);
    else if (!list.includes(up)) list.push(up);
  }

  private addDependencyOn(consumer: string, channel: Channel): void {
    const base = rootOf(channel);
    if (base.producer) this.addDependency(base.producer.task, consumer);
  }

  // ---- tasks ----

  private collectTask(id: string, task: Task): void {
    const container = this.structure.containerOfTask(id);
    const inputs: IrInputs = {};
    const used: Channel[] = [];
    const component = this.resolver.component(id);
    for (const name of Object.keys(task.arguments)) {
      const port = component.inputs.find((p) => p.name === name);
      this.taskArgument(id, container, name, task.arguments[name] as Argument, port, inputs, used);
    }
    for (const value of platformValuesOf(task.options)) {
      const channel = this.resolver.channelOf(value);
      if (channel) used.push(channel);
    }
    if (task.options.resources?.from) {
      const resolve = { channelOf: (arg: Argument) => this.resolver.channelOf(arg), refFor: (c: Channel) => this.refFor(c, container) };
      for (const channel of resourceInputs(id, task, inputs, resolve, this.where)) this.propagate(id, channel);
    }
    // The values tested by the conditions the task sits in (a task of the top DAG sits in none).
    for (const group of container === undefined ? [] : this.structure.chainOfGroup(container)) {
      const node = this.structure.nodes.get(group);
      if (node?.kind === 'condition' && node.group.kind === 'condition' && node.branchIndex !== undefined) {
        for (const arg of branchArguments(node.group.branches, node.branchIndex)) {
          const channel = this.resolver.channelOf(arg);
          if (channel) used.push(channel);
        }
      }
    }
    for (const channel of used) {
      this.propagate(id, channel);
      this.addDependencyOn(id, channel);
    }
    for (const upstream of task.after) {
      const target = own(this.graph.tasks, upstream) ? upstream : this.structure.irGroupOf(upstream);
      if (target === undefined) {
        throw new KfsError('KFS103', `Task ${id} runs after "${upstream}", which is not in this graph.`, { ...this.where, task: id });
      }
      this.addDependency(target, id);
    }
    const exitOf = this.structure.exitHandlerOf(id);
    if (exitOf) this.addDependency(exitOf, id);
    this.taskInputs.set(id, inputs);
  }

  private taskArgument(
    id: string,
    container: string | undefined,
    name: string,
    arg: Argument,
    port: PortSpec | undefined,
    inputs: IrInputs,
    used: Channel[],
  ): void {
    switch (arg.kind) {
      case 'constant':
        if (port?.type.kind === 'artifact') throw new KfsError('KFS203', `Artifact input ${name} cannot take a constant.`, this.argumentWhere(id, name));
        (inputs.parameters ??= {})[name] = { runtimeValue: { constant: arg.value } };
        return;
      case 'graphInput':
      case 'taskOutput':
      case 'loopItem': {
        const channel = this.resolver.channelOf(arg) as Channel;
        used.push(channel);
        (inputs[bucketOf(channel)] ??= {})[name] = this.refFor(channel, container);
        return;
      }
      case 'template': {
        const where = this.argumentWhere(id, name);
        let text = '';
        for (const part of arg.parts) {
          if (typeof part === 'string') text += part;
          else if (part.kind === 'constant') text += typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
          else {
            const channel = this.resolver.channelOf(part);
            if (!channel || channel.type.kind !== 'parameter') {
              throw new KfsError('KFS602', `A text template can only hold parameters, not "${part.kind}".`, where);
            }
            used.push(channel);
            const key = channelName(channel.key);
            (inputs.parameters ??= {})[key] = this.refFor(channel, container);
            text += inputPlaceholder(key);
          }
        }
        (inputs.parameters ??= {})[name] = { runtimeValue: { constant: arg.format === 'json' ? parseJsonTemplate(text, where) : text } };
        return;
      }
      case 'collected': {
        const where = this.argumentWhere(id, name);
        const type = this.resolver.outputPort(arg.task, arg.output).type;
        const key = this.surfacer.collected(arg.task, arg.output, id, where);
        const listType = type.kind === 'parameter' ? ({ kind: 'parameter', type: 'LIST' } as const) : { ...type, isList: true };
        const channel = this.surfacedChannel(this.outermost(arg.task, id), key, listType);
        used.push(channel);
        (inputs[bucketOf(channel)] ??= {})[name] = this.refFor(channel, container);
        return;
      }
      case 'oneOf': {
        const where = this.argumentWhere(id, name);
        const { group, key } = this.surfacer.oneOf(arg.sources, id, where);
        const first = arg.sources[0];
        const type = first ? this.resolver.outputPort(first.task, first.output).type : ({ kind: 'parameter', type: 'STRING' } as const);
        const channel = this.surfacedChannel(group, key, type);
        used.push(channel);
        (inputs[bucketOf(channel)] ??= {})[name] = this.refFor(channel, container);
        return;
      }
      case 'taskFinalStatus': {
        const exit = this.structure.exitHandlerOf(id);
        if (!exit) throw new KfsError('KFS602', 'Only the exit task of an exit handler can receive the final status.', this.argumentWhere(id, name));
        (inputs.parameters ??= {})[name] = { taskFinalStatus: { producerTask: exit } };
        return;
      }
    }
  }

  /** Where an argument's error points; built only when it may be needed (most arguments never fail). */
  private argumentWhere(id: string, port: string): { graph?: string; task: string; port: string } {
    return { ...this.where, task: id, port };
  }

  /** How task `id` refers to a value outside its own inputs (a secret name taken from a parameter). */
  private argumentRef(id: string, arg: Argument): IrObject {
    if (arg.kind === 'constant') return { runtimeValue: { constant: arg.value } };
    const channel = this.resolver.channelOf(arg);
    if (!channel) throw new KfsError('KFS602', `A "${arg.kind}" value cannot be used here.`, { ...this.where, task: id });
    return this.refFor(channel, this.structure.containerOfTask(id));
  }

  /** A group's surfaced output seen as a channel, so that it travels into other groups like a task output. */
  private surfacedChannel(group: string, key: string, type: Channel['type']): Channel {
    return { key: `${group}-${key}`, type, producer: { task: group, output: key } };
  }

  private outermost(producer: string, consumer: string): string {
    return this.structure.uncommon(producer, consumer).ups[0] ?? producer;
  }

}

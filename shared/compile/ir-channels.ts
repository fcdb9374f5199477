// Values that cross into sub-DAGs travel as "pipeline channels" named `pipelinechannel--<name>`, named as the SDK
// names them: `<param>` for a pipeline input, `<task>-<output>` for a task output, and for loop items
// `<items>-loop-item` (or `loop-item-param-N` for constant items), `<item>-subvar-<field>` for a field of an item.
import { KfsError } from '../errors/codes';
import type {
  Argument,
  ComponentSpec,
  KfpType,
  ParallelForGroup,
  ParameterType,
  PipelineDocument,
  PipelineGraph,
  PortSpec,
} from '../model/document';
import { parameterTypeOfValue } from './ir-types';
import { own } from '../names/names';

export interface Channel {
  /** The name after `pipelinechannel--`. */
  key: string;
  type: KfpType;
  /** A task output: the producing task and output. */
  producer?: { task: string; output: string };
  /** A pipeline (graph) input. */
  graphInput?: string;
  /** A loop item (or a field of one): the loop group id, and whether the loop runs over constant items. */
  loop?: string;
  raw?: boolean;
  /** A field of a loop item: the field; `parent` is then the item channel. */
  field?: string;
  /** What this channel derives from: a loop item's items channel, a field's item. */
  parent?: Channel;
}

const STRING_TYPE: KfpType = { kind: 'parameter', type: 'STRING' };

export class ChannelResolver {
  constructor(
    private readonly doc: PipelineDocument,
    private readonly graph: PipelineGraph,
    /** Declared inputs of this graph (the pipeline parameters, or the nested pipeline's inputs). */
    private readonly inputs: readonly PortSpec[],
    private readonly where: { graph?: string },
  ) {}

  component(taskId: string): ComponentSpec {
    const task = own(this.graph.tasks, taskId);
    const component = task ? own(this.doc.components, task.component) : undefined;
    if (!task || !component) {
      throw new KfsError('KFS401', task ? `Task ${taskId} uses unknown component "${task.component}".` : `Unknown task "${taskId}".`, {
        ...this.where,
        task: taskId,
      });
    }
    return component;
  }

  outputPort(taskId: string, output: string): PortSpec {
    const port = this.component(taskId).outputs.find((p) => p.name === output);
    if (!port) {
      throw new KfsError('KFS102', `Task ${taskId} has no output "${output}".`, { ...this.where, task: taskId, output });
    }
    return port;
  }

  inputPort(name: string): PortSpec {
    const port = this.inputs.find((p) => p.name === name);
    if (!port) throw new KfsError('KFS304', `The pipeline has no input "${name}".`, { ...this.where, parameter: name });
    return port;
  }

  loopGroup(loopId: string): ParallelForGroup {
    const group = own(this.graph.groups, loopId);
    if (!group || group.kind !== 'parallelFor') {
      throw new KfsError('KFS108', `"${loopId}" is not a parallelFor group.`, { ...this.where, group: loopId });
    }
    return group;
  }

  /** The channel of a value that can be passed as a channel; undefined for constants and the special kinds. */
  channelOf(arg: Argument): Channel | undefined {
    switch (arg.kind) {
      case 'graphInput': {
        const port = this.inputPort(arg.input);
        return { key: arg.input, type: port.type, graphInput: arg.input };
      }
      case 'taskOutput': {
        const port = this.outputPort(arg.task, arg.output);
        // The argument itself names the producer ({ task, output }): no copy of it per use.
        return { key: `${arg.task}-${arg.output}`, type: port.type, producer: arg };
      }
      case 'loopItem': {
        const item = this.loopItemChannel(arg.loop);
        if (arg.field === undefined) return item;
        return { key: `${item.key}-subvar-${arg.field}`, type: STRING_TYPE, loop: arg.loop, raw: item.raw, field: arg.field, parent: item };
      }
      default:
        return undefined;
    }
  }

  /** The channel a loop iterates over; undefined when it loops over constant items. */
  itemsChannel(loop: ParallelForGroup): Channel | undefined {
    if (loop.items.kind === 'constant') return undefined;
    const channel = this.channelOf(loop.items);
    if (!channel) {
      throw new KfsError('KFS105', `Loop ${loop.id} must run over a constant list, a pipeline input, an output or a loop item.`, {
        ...this.where,
        group: loop.id,
      });
    }
    return channel;
  }

  loopItemChannel(loopId: string): Channel {
    const loop = this.loopGroup(loopId);
    const items = this.itemsChannel(loop);
    const itemType = loop.itemType ?? this.derivedItemType(loop);
    const type: KfpType =
      items && items.type.kind === 'artifact' ? { ...items.type, isList: false } : { kind: 'parameter', type: itemType };
    const key = loop.itemName ?? (items ? `${items.key}-loop-item` : defaultRawItemName(loop.id));
    return { key, type, loop: loopId, raw: !items, ...(items ? { parent: items } : {}) };
  }

  private derivedItemType(loop: ParallelForGroup): ParameterType {
    if (loop.items.kind === 'constant' && Array.isArray(loop.items.value)) return parameterTypeOfValue(loop.items.value[0]);
    return 'STRING';
  }
}

/** `for-loop-4` → `loop-item-param-3`, as the SDK numbers them; other ids get `<id>-item`. */
export function defaultRawItemName(loopId: string): string {
  const match = /^for-loop-(\d+)$/.exec(loopId);
  if (match) return `loop-item-param-${Number(match[1]) - 1}`;
  return `${loopId}-item`;
}

/** `[c, its parent, ...]`: the chain the SDK walks when passing a derived channel down the groups. */
export function channelChain(channel: Channel): Channel[] {
  const chain: Channel[] = [];
  for (let c: Channel | undefined = channel; c; c = c.parent) chain.push(c);
  return chain;
}

/** The last channel of channelChain(channel): what it derives from at the root. */
export function rootOf(channel: Channel): Channel {
  let root = channel;
  while (root.parent) root = root.parent;
  return root;
}

export function isParameterChannel(channel: Channel): boolean {
  return channel.type.kind === 'parameter';
}

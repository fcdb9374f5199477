// One pass over a graph to build the lookups every rule shares, so each rule is linear in the graph's size.
import type { Argument, ComponentSpec, ConditionGroup, Group, KfpType, PipelineDocument, PipelineGraph, PortSpec, Task } from '../model/document';
import { checkCompatibility } from '../types/type-compat';
import { isRecord, listOf } from './shape';

export interface BranchInfo {
  condition: ConditionGroup;
  index: number;
}

export type ContainerKind = 'condition' | 'branch' | 'parallelFor' | 'exitHandler';

export interface GraphIndex {
  doc: PipelineDocument;
  /** Component id of a nested pipeline; undefined for the root graph. */
  graphId: string | undefined;
  graph: PipelineGraph;
  /** Tasks by the key they are stored under. */
  tasks: Map<string, Task>;
  groups: Map<string, Group>;
  branches: Map<string, BranchInfo>;
  /** Graph inputs (pipeline parameters for the root) by name; the first wins when names repeat. */
  inputs: Map<string, PortSpec>;
  /** Exit task id -> the exit handler groups that name it. */
  exitTasks: Map<string, string[]>;
  /** Groups that take part in a nesting cycle. */
  nestingCycles: Set<string>;
  /** Names of graph inputs that some argument, loop or condition reads. */
  usedInputs: Set<string>;
  component(id: string): ComponentSpec | undefined;
  ports(component: ComponentSpec): PortMaps;
  /** checkCompatibility, memoized for the call. */
  compat(from: KfpType, to: KfpType): string | undefined;
  containerKind(id: string): ContainerKind | undefined;
  /** The containers (groups and branches) around `id` and `id` itself, outermost first. Empty for unknown ids. */
  chainOf(containerId: string | undefined): readonly string[];
  /** The containers a task sits in, outermost first. */
  taskChain(taskId: string): readonly string[];
  /** The containers around a group, outermost first, without the group itself. */
  groupAncestors(groupId: string): readonly string[];
}

const EMPTY: readonly string[] = [];

export function buildGraphIndex(
  doc: PipelineDocument,
  graph: PipelineGraph,
  graphId: string | undefined,
  shared: CallCache = newCallCache(),
): GraphIndex {
  const tasks = new Map<string, Task>();
  if (isRecord(graph.tasks)) {
    const all = graph.tasks;
    for (const key of Object.keys(all)) {
      const task = all[key];
      if (!isRecord(task)) continue;
      tasks.set(key, task);
    }
  }

  const groups = new Map<string, Group>();
  const branches = new Map<string, BranchInfo>();
  const allGroups = isRecord(graph.groups) ? graph.groups : {};
  for (const key of Object.keys(allGroups)) {
    const group = allGroups[key];
    if (!isRecord(group)) continue;
    groups.set(key, group);
    if (group.kind === 'condition') {
      listOf(group.branches).forEach((branch, index) => {
        if (isRecord(branch) && typeof branch.id === 'string' && !branches.has(branch.id)) branches.set(branch.id, { condition: group, index });
      });
    }
  }
  // A condition group's key is what tasks name; keep the branch's condition reachable by that key.
  const conditionKey = new Map<ConditionGroup, string>();
  for (const [key, group] of groups) if (group.kind === 'condition') conditionKey.set(group, key);

  const inputs = new Map<string, PortSpec>();
  for (const port of listOf(graph.inputs)) if (isRecord(port) && typeof port.name === 'string' && !inputs.has(port.name)) inputs.set(port.name, port);

  const exitTasks = new Map<string, string[]>();
  for (const [key, group] of groups) {
    if (group.kind !== 'exitHandler' || typeof group.exitTask !== 'string') continue;
    const list = exitTasks.get(group.exitTask);
    if (list) list.push(key);
    else exitTasks.set(group.exitTask, [key]);
  }

  const containerKind = (id: string): ContainerKind | undefined => {
    const group = groups.get(id);
    if (group) return group.kind === 'condition' || group.kind === 'parallelFor' || group.kind === 'exitHandler' ? group.kind : undefined;
    return branches.has(id) ? 'branch' : undefined;
  };
  const parentOf = (id: string): string | undefined => {
    const group = groups.get(id);
    if (group) return typeof group.parent === 'string' ? group.parent : undefined;
    const branch = branches.get(id);
    return branch ? conditionKey.get(branch.condition) : undefined;
  };

  const chains = new Map<string, readonly string[]>();
  const nestingCycles = new Set<string>();
  const chainOf = (id: string | undefined): readonly string[] => {
    if (id === undefined) return EMPTY;
    const known = chains.get(id);
    if (known) return known;
    if (!groups.has(id) && !branches.has(id)) return EMPTY;
    // Walk up to a known chain or the top, then fill in the chains on the way down.
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = id;
    let base: readonly string[] = EMPTY;
    while (current !== undefined) {
      const cached = chains.get(current);
      if (cached) {
        base = cached;
        break;
      }
      if (onPath.has(current)) {
        const start = path.indexOf(current);
        for (const member of path.slice(start)) nestingCycles.add(member);
        break;
      }
      if (!groups.has(current) && !branches.has(current)) break;
      path.push(current);
      onPath.add(current);
      current = parentOf(current);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const member = path[i] as string;
      if (chains.has(member)) {
        base = chains.get(member) as readonly string[];
        continue;
      }
      const chain = nestingCycles.has(member) ? [member] : [...base, member];
      chains.set(member, chain);
      base = chain;
    }
    return chains.get(id) ?? EMPTY;
  };

  // Eagerly, so that nesting cycles are known before any rule asks.
  for (const id of groups.keys()) chainOf(id);
  for (const id of branches.keys()) chainOf(id);

  return {
    doc,
    graphId,
    graph,
    tasks,
    groups,
    branches,
    inputs,
    exitTasks,
    nestingCycles,
    usedInputs: new Set<string>(),
    component: (id) => {
      const component = typeof id === 'string' && isRecord(doc.components) && Object.hasOwn(doc.components, id) ? doc.components[id] : undefined;
      return isRecord(component) ? component : undefined;
    },
    ports: (component) => portMaps(component, shared.ports),
    compat: (from, to) => {
      let row = shared.compat.get(from);
      if (!row) shared.compat.set(from, (row = new Map()));
      if (row.has(to)) return row.get(to);
      const result = checkCompatibility(from, to);
      row.set(to, result);
      return result;
    },
    containerKind,
    chainOf,
    taskChain: (taskId) => {
      const parent = tasks.get(taskId)?.parent;
      return typeof parent === 'string' ? chainOf(parent) : EMPTY;
    },
    groupAncestors: (groupId) => {
      const chain = chainOf(groupId);
      return chain.length ? chain.slice(0, -1) : EMPTY;
    },
  };
}

/** A task's arguments, or none when they are missing or malformed. Iterate with `for...in` (no allocation). */
export function argumentsOf(task: Task): { [input: string]: Argument } {
  return isRecord(task.arguments) ? task.arguments : NO_ARGUMENTS;
}

const NO_ARGUMENTS: { [input: string]: Argument } = Object.freeze({});

/** Length of the common prefix of two container chains. */
export function commonDepth(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Memos shared by the graphs of one validation call (never kept between calls: documents may be edited in place). */
export interface CallCache {
  ports: Map<ComponentSpec, PortMaps>;
  compat: Map<KfpType, Map<KfpType, string | undefined>>;
}

export function newCallCache(): CallCache {
  return { ports: new Map(), compat: new Map() };
}

export interface PortMaps {
  inputs: Map<string, PortSpec>;
  outputs: Map<string, PortSpec>;
}

/** The input and output ports of a component, by name (first wins); memoized for one validation call. */
export function portMaps(component: ComponentSpec, cache: Map<ComponentSpec, PortMaps>): PortMaps {
  const cached = cache.get(component);
  if (cached) return cached;
  const inputs = new Map<string, PortSpec>();
  const outputs = new Map<string, PortSpec>();
  for (const port of listOf(component.inputs)) if (isRecord(port) && typeof port.name === 'string' && !inputs.has(port.name)) inputs.set(port.name, port);
  for (const port of listOf(component.outputs)) if (isRecord(port) && typeof port.name === 'string' && !outputs.has(port.name)) outputs.set(port.name, port);
  const maps = { inputs, outputs };
  cache.set(component, maps);
  return maps;
}

// One structural index per graph: its tasks, groups, condition branches and the condition owning each, the
// containers around every node, what sits inside a container, who waits on whom, and which names are taken.
// Everything that asks about a graph's structure asks this (the validator, the wire check, the source picker, the
// clipboard, the canvas's frames, the inspector), so the canvas, Properties and Problems cannot disagree.
// Built defensively, like validation: a half-built graph is indexed as far as it makes sense.
import type { Argument, ConditionGroup, Group, PipelineGraph, Task, TaskOptions } from './document';
import { isRecord, listOf } from './shape';

export interface BranchInfo {
  condition: ConditionGroup;
  /** The key the condition group is stored under (what tasks name as their parent's owner). */
  conditionId: string;
  index: number;
}

export type ContainerKind = 'condition' | 'branch' | 'parallelFor' | 'exitHandler';

/** How a reader may take an output of a producer: plainly, collected over a loop it is outside of, or not at all. */
export type Reach = 'plain' | 'collected' | 'none';

export interface Inside {
  readonly tasks: readonly string[];
  readonly groups: readonly string[];
}

export interface GraphIndex {
  /** Tasks by the key they are stored under. */
  readonly tasks: ReadonlyMap<string, Task>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly branches: ReadonlyMap<string, BranchInfo>;
  /** Groups that take part in a nesting cycle. */
  readonly nestingCycles: ReadonlySet<string>;
  containerKind(id: string): ContainerKind | undefined;
  /** The group an id stands for: the group itself, or the condition owning a branch. */
  ownerOf(id: string | undefined): Group | undefined;
  /** The containers (groups and branches) around `id` and `id` itself, outermost first. Empty for unknown ids. */
  chainOf(containerId: string | undefined): readonly string[];
  /** The containers a task sits in, outermost first. */
  taskChain(taskId: string): readonly string[];
  /** The containers around a group, outermost first, without the group itself. */
  groupAncestors(groupId: string): readonly string[];
  /** The tasks and groups whose parent is this container (a condition's members sit in its branches). */
  childrenOf(containerId: string): Inside;
  /** Every task and group inside a container (a group or a branch), at any depth. */
  descendantsOf(containerId: string): Inside;
  /** The parallel-for groups around a container, innermost first (their loop items are in scope there). */
  enclosingLoops(containerId: string | undefined): string[];
  /** The first container around the producer that a reader in `readerChain` is outside of; undefined when none. */
  outsideOf(producerId: string, readerChain: readonly string[]): string | undefined;
  reachOf(producerId: string, readerChain: readonly string[]): Reach;
  /** The tasks a task waits on: its wires, ordering edges, and values naming its secrets, config maps and claims. */
  upstreamOf(taskId: string): ReadonlySet<string>;
  /** `taskId` and every task downstream of it: none of these may feed it. */
  downstreamOf(taskId: string): ReadonlySet<string>;
  /** Whether `from` is `to` or something `to` waits on, directly or not (a wire from `to` into `from` makes a cycle). */
  feeds(from: string, to: string): boolean;
  /** Whether a task, group or branch already has this id (all share one namespace in a graph). */
  isNameTaken(id: string): boolean;
}

const EMPTY: readonly string[] = [];
const NOTHING: ReadonlySet<string> = new Set();
const NO_CHILDREN: Inside = { tasks: [], groups: [] };

/** Length of the common prefix of two container chains. */
export function commonDepth(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Where a reader puts the task ids it finds: a Set, or anything that takes them one at a time (repeats included). */
export interface IdSink {
  add(id: string): unknown;
}

/** The tasks an argument reads, inside oneOf sources and text templates too. */
export function tasksReadBy<T extends IdSink>(argument: Argument | undefined, into: T): T {
  if (!isRecord(argument)) return into;
  switch (argument.kind) {
    case 'taskOutput':
    case 'collected':
      if (typeof argument.task === 'string') into.add(argument.task);
      break;
    case 'oneOf':
      for (const source of listOf(argument.sources)) if (isRecord(source) && typeof source.task === 'string') into.add(source.task);
      break;
    case 'template':
      for (const part of listOf(argument.parts)) if (typeof part !== 'string') tasksReadBy(part, into);
      break;
  }
  return into;
}

function waitsOn(task: Task, ups: Set<string> = new Set()): Set<string> {
  for (const before of listOf(task.after)) if (typeof before === 'string') ups.add(before);
  return readsOf(task, ups);
}

/** The tasks whose outputs a task reads: in its arguments and in the values naming its secrets, config maps and claims. */
export function readsOf<T extends IdSink>(task: Task, ups: T): T {
  const args = isRecord(task.arguments) ? task.arguments : {};
  for (const name of Object.keys(args)) tasksReadBy(args[name], ups);
  const options: TaskOptions = isRecord(task.options) ? task.options : {};
  for (const s of listOf(options.secrets)) tasksReadBy(s?.secretNameFrom, ups);
  for (const c of listOf(options.configMaps)) tasksReadBy(c?.configMapNameFrom, ups);
  for (const p of listOf(options.pvcs)) tasksReadBy(p?.pvcNameFrom, ups);
  return ups;
}

function recordOf<T>(value: unknown): { [key: string]: T } {
  return (isRecord(value) ? value : {}) as { [key: string]: T };
}

/** Builds the index without looking at the cache: validation does so on every call (tests may edit in place). */
export function indexGraph(graph: PipelineGraph): GraphIndex {
  builds++;
  const tasks = new Map<string, Task>();
  const allTasks = recordOf<Task>(graph.tasks);
  for (const key of Object.keys(allTasks)) {
    const task = allTasks[key];
    if (isRecord(task)) tasks.set(key, task);
  }
  const groups = new Map<string, Group>();
  const branches = new Map<string, BranchInfo>();
  const allGroups = recordOf<Group>(graph.groups);
  for (const key of Object.keys(allGroups)) {
    const group = allGroups[key];
    if (!isRecord(group)) continue;
    groups.set(key, group);
    if (group.kind === 'condition') {
      listOf(group.branches).forEach((branch, index) => {
        if (isRecord(branch) && typeof branch.id === 'string' && !branches.has(branch.id)) branches.set(branch.id, { condition: group, conditionId: key, index });
      });
    }
  }

  const containerKind = (id: string): ContainerKind | undefined => {
    const group = groups.get(id);
    if (group) return group.kind === 'condition' || group.kind === 'parallelFor' || group.kind === 'exitHandler' ? group.kind : undefined;
    return branches.has(id) ? 'branch' : undefined;
  };
  const parentOf = (id: string): string | undefined => {
    const group = groups.get(id);
    if (group) return typeof group.parent === 'string' ? group.parent : undefined;
    return branches.get(id)?.conditionId;
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
        for (const member of path.slice(path.indexOf(current))) nestingCycles.add(member);
        break;
      }
      if (!groups.has(current) && !branches.has(current)) break;
      path.push(current);
      onPath.add(current);
      current = parentOf(current);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const member = path[i] as string;
      const known = chains.get(member);
      if (known) {
        base = known;
        continue;
      }
      const chain = nestingCycles.has(member) ? [member] : [...base, member];
      chains.set(member, chain);
      base = chain;
    }
    return chains.get(id) ?? EMPTY;
  };
  // Eagerly, so that nesting cycles are known before anyone asks.
  for (const id of groups.keys()) chainOf(id);
  for (const id of branches.keys()) chainOf(id);
  const taskChain = (taskId: string): readonly string[] => {
    const parent = tasks.get(taskId)?.parent;
    return typeof parent === 'string' ? chainOf(parent) : EMPTY;
  };

  let children: Map<string, Inside> | undefined;
  const childrenOf = (containerId: string): Inside => {
    if (!children) {
      const made = new Map<string, { tasks: string[]; groups: string[] }>();
      const slot = (container: string) => {
        let entry = made.get(container);
        if (!entry) made.set(container, (entry = { tasks: [], groups: [] }));
        return entry;
      };
      for (const [id, task] of tasks) if (typeof task.parent === 'string') slot(task.parent).tasks.push(id);
      for (const [id, group] of groups) if (typeof group.parent === 'string') slot(group.parent).groups.push(id);
      children = made;
    }
    return children.get(containerId) ?? NO_CHILDREN;
  };
  const descendantsOf = (containerId: string): Inside => {
    const tasksInside = new Set<string>();
    const groupsInside = new Set<string>();
    const stack = [containerId];
    while (stack.length) {
      const container = stack.pop() as string;
      const group = groups.get(container);
      // A condition holds what sits in its branches.
      if (group?.kind === 'condition') for (const branch of listOf(group.branches)) if (isRecord(branch) && branch.id !== container) stack.push(branch.id);
      const inside = childrenOf(container);
      for (const id of inside.tasks) tasksInside.add(id);
      for (const id of inside.groups) {
        if (groupsInside.has(id) || id === containerId) continue;
        groupsInside.add(id);
        stack.push(id);
      }
    }
    // In the document's order, as a walk over its records would find them.
    return { tasks: [...tasks.keys()].filter((id) => tasksInside.has(id)), groups: [...groups.keys()].filter((id) => groupsInside.has(id)) };
  };

  const outsideOf = (producerId: string, readerChain: readonly string[]): string | undefined => {
    const chain = taskChain(producerId);
    const depth = commonDepth(chain, readerChain);
    return depth >= chain.length ? undefined : chain[depth];
  };

  let downstream: Map<string, string[]> | undefined;
  const upstream = new Map<string, ReadonlySet<string>>();
  const closures = new Map<string, ReadonlySet<string>>();
  const upstreamOf = (taskId: string): ReadonlySet<string> => {
    let ups = upstream.get(taskId);
    if (!ups) {
      const task = tasks.get(taskId);
      upstream.set(taskId, (ups = task ? waitsOn(task) : NOTHING));
    }
    return ups;
  };
  const downstreamOf = (taskId: string): ReadonlySet<string> => {
    const known = closures.get(taskId);
    if (known) return known;
    if (!downstream) {
      downstream = new Map();
      const ups = new Set<string>();
      for (const [id, task] of tasks) {
        ups.clear();
        for (const up of waitsOn(task, ups)) {
          const list = downstream.get(up);
          if (list) list.push(id);
          else downstream.set(up, [id]);
        }
      }
    }
    const seen = new Set<string>();
    const stack = [taskId];
    while (stack.length) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const next of downstream.get(id) ?? EMPTY) if (!seen.has(next)) stack.push(next);
    }
    closures.set(taskId, seen);
    return seen;
  };

  // One wire check walks up from `to` through what it waits on, which is short for most outputs; asked again about
  // the same `from` (a picker checks every output into one input), the downstream set of `from` answers each at once.
  const askedFrom = new Set<string>();
  const feeds = (from: string, to: string): boolean => {
    if (closures.has(from) || askedFrom.has(from)) return downstreamOf(from).has(to);
    askedFrom.add(from);
    const seen = new Set<string>();
    const stack = [to];
    while (stack.length) {
      const id = stack.pop() as string;
      if (id === from) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const up of upstreamOf(id)) if (!seen.has(up)) stack.push(up);
    }
    return false;
  };

  return {
    tasks,
    groups,
    branches,
    nestingCycles,
    containerKind,
    ownerOf: (id) => (id === undefined ? undefined : (groups.get(id) ?? branches.get(id)?.condition)),
    chainOf,
    taskChain,
    groupAncestors: (groupId) => {
      const chain = chainOf(groupId);
      return chain.length ? chain.slice(0, -1) : EMPTY;
    },
    childrenOf,
    descendantsOf,
    enclosingLoops: (containerId) => chainOf(containerId).filter((id) => groups.get(id)?.kind === 'parallelFor').reverse(),
    outsideOf,
    reachOf: (producerId, readerChain) => {
      const outer = outsideOf(producerId, readerChain);
      if (outer === undefined) return 'plain';
      return groups.get(outer)?.kind === 'parallelFor' ? 'collected' : 'none';
    },
    upstreamOf,
    downstreamOf,
    feeds,
    isNameTaken: (id) => tasks.has(id) || groups.has(id) || branches.has(id),
  };
}

// Documents are immutable and an edit makes new records only for what it changes: moving nodes keeps the graph's
// tasks and groups, so the index of a graph serves every version with the same tasks and groups.
const indexes = new WeakMap<object, { groups: unknown; index: GraphIndex }>();
let builds = 0;

/** The graph's index, built once for its tasks and groups. */
export function graphIndex(graph: PipelineGraph): GraphIndex {
  const key = graph.tasks;
  if (!isRecord(key)) return indexGraph(graph);
  const cached = indexes.get(key);
  if (cached && cached.groups === graph.groups) return cached.index;
  return remember(graph, indexGraph(graph));
}

/** Keeps a freshly built index for the editor to reuse (validation builds one per call and leaves it here). */
export function remember(graph: PipelineGraph, index: GraphIndex): GraphIndex {
  if (isRecord(graph.tasks)) indexes.set(graph.tasks, { groups: graph.groups, index });
  return index;
}

/** How many indexes have been built (for tests that prove the index is shared). */
export function graphIndexBuildCount(): number {
  return builds;
}

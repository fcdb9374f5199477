// How a model graph maps onto IR sub-DAGs: each parallelFor / exitHandler group, each single-branch condition
// and each branch of a multi-branch condition (inside its `condition-branches` wrapper) is one IR "group":
// a sub-DAG that sits as a task in its parent DAG. Tasks and groups are placed by their nearest IR group.
// A sub-DAG is named after its model id only when that id already has the SDK's form for its kind
// (`for-loop-N`, `exit-handler-N`, `condition-N`, `condition-branches-N`); any other id gets a fresh name of that
// form, unused in the graph. The importer recognises sub-DAGs by these forms and by structure, so a document with
// ids of any shape imports back to one whose ids are the IR names, which compiles to the same IR.
import { KfsError } from '../errors/codes';
import type { ConditionBranch, ConditionGroup, Group, PipelineGraph } from '../model/document';
import { hasOwnName, own } from '../names/names';
import { sortNamesInPlace } from '../names/sort-names';

export type IrGroupKind = 'loop' | 'exit' | 'condition' | 'branches';

const SDK_PREFIX: { [kind in IrGroupKind]: string } = {
  loop: 'for-loop',
  exit: 'exit-handler',
  condition: 'condition',
  branches: 'condition-branches',
};

/** Whether `name` is a sub-DAG name the SDK could have written for a group of this kind. */
export function hasSdkForm(name: string, kind: IrGroupKind): boolean {
  const prefix = `${SDK_PREFIX[kind]}-`;
  return name.startsWith(prefix) && /^[1-9]\d*$/.test(name.slice(prefix.length));
}

export interface IrGroupNode {
  /** The IR task name of the sub-DAG in its parent DAG: the model group or branch id when it has the SDK form. */
  name: string;
  kind: IrGroupKind;
  group: Group;
  /** For `condition` nodes: the branch tested and its position among the group's branches. */
  branch?: ConditionBranch;
  branchIndex?: number;
  /** The enclosing IR group; undefined at the graph's top DAG. */
  parent: string | undefined;
}

export class GraphStructure {
  readonly nodes = new Map<string, IrGroupNode>();
  /** Model group or branch id → the IR group that holds its members. */
  private readonly containerById = new Map<string, string>();
  /** Model group or branch id → its IR name (absent for the branch of a lone-branch condition). */
  private readonly irNames = new Map<string, string>();
  private readonly exitTasks = new Map<string, string>();
  private members?: Map<string | undefined, { tasks: string[]; groups: string[] }>;
  private sortedTaskIds?: readonly string[];
  /** pathOf of each task and group, worked out once: the compiler asks for it for every value and dependency of a task. */
  private readonly paths = new Map<string, readonly string[]>();

  constructor(
    readonly graph: PipelineGraph,
    readonly where: { graph?: string },
  ) {
    // Sorted, so that names handed out in this order do not depend on the key order of the document.
    const ids = Object.keys(graph.groups).sort(byCodeUnit);
    this.nameGroups(ids.map((id) => own(graph.groups, id) as Group));
    for (const id of ids) this.registerGroup(own(graph.groups, id) as Group);
    for (const node of this.nodes.values()) {
      if (node.kind === 'condition' && node.group.kind === 'condition' && node.group.branches.length > 1) {
        node.parent = this.irNames.get(node.group.id);
      } else node.parent = this.containerOf(node.group.parent, { group: node.group.id });
    }
    for (const group of ids.map((id) => own(graph.groups, id) as Group)) {
      if (group.kind === 'exitHandler' && !this.exitTasks.has(group.exitTask)) this.exitTasks.set(group.exitTask, this.irNames.get(group.id) as string);
    }
    // A parent chain that loops back would hang every walk below: refuse it here.
    for (const name of this.nodes.keys()) this.chainOfGroup(name);
    for (const group of Object.values(graph.groups)) this.check(group);
  }

  /** Gives every sub-DAG its IR name: its id when that has the SDK form for its kind, else a fresh such name. */
  private nameGroups(groups: readonly Group[]): void {
    const wanted: { id: string; kind: IrGroupKind }[] = [];
    for (const group of groups) {
      if (group.kind === 'condition') {
        if (group.branches.length === 1) wanted.push({ id: group.id, kind: 'condition' });
        else {
          wanted.push({ id: group.id, kind: 'branches' });
          for (const branch of group.branches) wanted.push({ id: branch.id, kind: 'condition' });
        }
      } else wanted.push({ id: group.id, kind: group.kind === 'parallelFor' ? 'loop' : 'exit' });
    }
    const fresh: { id: string; kind: IrGroupKind }[] = [];
    for (const entry of wanted) {
      if (hasSdkForm(entry.id, entry.kind) && !this.irNames.has(entry.id)) this.irNames.set(entry.id, entry.id);
      else fresh.push(entry);
    }
    if (!fresh.length) return;
    // Task ids are looked up in the graph rather than copied into `used`: a graph has many tasks and few groups.
    const used = new Set<string>();
    const isUsed = (name: string) => used.has(name) || hasOwnName(this.graph.tasks, name);
    for (const group of groups) {
      used.add(group.id);
      if (group.kind === 'condition') for (const branch of group.branches) used.add(branch.id);
    }
    const next = new Map<string, number>();
    for (const { id, kind } of fresh) {
      const prefix = SDK_PREFIX[kind];
      let n = next.get(prefix) ?? 1;
      while (isUsed(`${prefix}-${n}`)) n++;
      next.set(prefix, n + 1);
      used.add(`${prefix}-${n}`);
      if (!this.irNames.has(id)) this.irNames.set(id, `${prefix}-${n}`);
    }
  }

  private irName(id: string): string {
    return this.irNames.get(id) ?? id;
  }

  private check(group: Group): void {
    const where = { ...this.where, group: group.id };
    if (group.kind === 'condition') {
      group.branches.forEach((branch, index) => {
        if (!branch.when && (index !== group.branches.length - 1 || group.branches.length === 1)) {
          throw new KfsError('KFS106', `Branch ${branch.id} of ${group.id} has no test; only the last of several branches can be "else".`, where);
        }
      });
    } else if (group.kind === 'exitHandler') {
      if (!own(this.graph.tasks, group.exitTask)) {
        throw new KfsError('KFS106', `Exit handler ${group.id} names exit task "${group.exitTask}", which is not in this graph.`, where);
      }
      if (this.chainOfTask(group.exitTask).includes(this.irName(group.id))) {
        throw new KfsError('KFS106', `The exit task of ${group.id} must sit beside the group, not inside it.`, where);
      }
    }
  }

  private registerGroup(group: Group): void {
    if (group.kind === 'condition') {
      this.registerCondition(group);
      return;
    }
    const name = this.irName(group.id);
    this.nodes.set(name, { name, kind: group.kind === 'parallelFor' ? 'loop' : 'exit', group, parent: undefined });
    this.containerById.set(group.id, name);
  }

  private registerCondition(group: ConditionGroup): void {
    if (group.branches.length === 0) {
      throw new KfsError('KFS601', `Condition ${group.id} has no branches.`, { ...this.where, group: group.id });
    }
    const only = group.branches.length === 1 ? group.branches[0] : undefined;
    const name = this.irName(group.id);
    if (only) {
      this.nodes.set(name, { name, kind: 'condition', group, branch: only, branchIndex: 0, parent: undefined });
      this.containerById.set(group.id, name);
      if (!this.containerById.has(only.id)) this.containerById.set(only.id, name);
      return;
    }
    this.nodes.set(name, { name, kind: 'branches', group, parent: undefined });
    this.containerById.set(group.id, name);
    group.branches.forEach((branch, index) => {
      const branchName = this.irName(branch.id);
      this.nodes.set(branchName, { name: branchName, kind: 'condition', group, branch, branchIndex: index, parent: name });
      this.containerById.set(branch.id, branchName);
    });
  }

  /** The IR group holding members whose `parent` is `parentId`; undefined for the top DAG. */
  containerOf(parentId: string | undefined, where: { task?: string; group?: string } = {}): string | undefined {
    if (parentId === undefined) return undefined;
    const container = this.containerById.get(parentId);
    if (container === undefined) {
      throw new KfsError('KFS601', `Parent "${parentId}" is not a group or condition branch of this graph.`, {
        ...this.where,
        ...where,
      });
    }
    return container;
  }

  /** The IR group standing for a model group or branch id (a lone branch is its condition's sub-DAG). */
  irGroupOf(id: string): string | undefined {
    return this.containerById.get(id);
  }

  /** IR groups enclosing `name` (a group), outermost first, including itself. */
  chainOfGroup(name: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = name;
    while (current !== undefined) {
      if (chain.includes(current)) {
        throw new KfsError('KFS601', `Groups nest in a cycle through "${current}".`, { ...this.where, group: current });
      }
      chain.unshift(current);
      current = this.nodes.get(current)?.parent;
    }
    return chain;
  }

  /** IR groups enclosing a task, outermost first (not including the task). */
  chainOfTask(taskId: string): string[] {
    const task = own(this.graph.tasks, taskId);
    if (!task) return [];
    const container = this.containerOf(task.parent, { task: taskId });
    return container === undefined ? [] : this.chainOfGroup(container);
  }

  containerOfTask(taskId: string): string | undefined {
    const task = own(this.graph.tasks, taskId);
    return task ? this.containerOf(task.parent, { task: taskId }) : undefined;
  }

  /** The full path of a task or IR group: its enclosing groups then itself. */
  pathOf(id: string): readonly string[] {
    let path = this.paths.get(id);
    if (!path) {
      if (this.nodes.has(id)) path = this.chainOfGroup(id);
      else {
        const chain = this.chainOfTask(id); // a fresh array
        chain.push(id);
        path = chain;
      }
      this.paths.set(id, path);
    }
    return path;
  }

  /** The SDK's "uncommon ancestors": the two paths after their common prefix. */
  uncommon(upstream: string, downstream: string): { ups: readonly string[]; downs: readonly string[] } {
    const a = this.pathOf(upstream);
    const b = this.pathOf(downstream);
    const i = sharedPrefix(a, b);
    return i === 0 ? { ups: a, downs: b } : { ups: a.slice(i), downs: b.slice(i) };
  }

  /** The graph's task ids in code-unit order, sorted once (names handed out in this order do not depend on key order). */
  get taskIds(): readonly string[] {
    return (this.sortedTaskIds ??= sortedByCodeUnit(Object.keys(this.graph.tasks)));
  }

  /** Members (task ids and IR group names) placed directly in the IR group `container` (undefined = top DAG). */
  membersOf(container: string | undefined): { tasks: string[]; groups: string[] } {
    if (!this.members) {
      const members = new Map<string | undefined, { tasks: string[]; groups: string[] }>();
      const at = (c: string | undefined) => {
        let m = members.get(c);
        if (!m) members.set(c, (m = { tasks: [], groups: [] }));
        return m;
      };
      for (const id of this.taskIds) at(this.containerOfTask(id)).tasks.push(id);
      for (const name of [...this.nodes.keys()].sort(byCodeUnit)) at(this.nodes.get(name)?.parent).groups.push(name);
      this.members = members;
    }
    const found = this.members.get(container);
    return { tasks: [...(found?.tasks ?? [])], groups: [...(found?.groups ?? [])] };
  }

  /** The IR name of the exit handler whose exit task is `taskId`, if any. */
  exitHandlerOf(taskId: string): string | undefined {
    return this.exitTasks.get(taskId);
  }
}

/** How many leading names two paths share: uncommon() without its copies, for the compiler's per-value walks. */
export function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `names` sorted in place by byCodeUnit. The default sort compares strings by code units too, without calling back
 * into a comparator: the same order, several times faster on the compiler's thousand-name lists.
 */
export function sortedByCodeUnit(names: string[]): string[] {
  return names.length > 1 ? names.sort() : names;
}

/** A copy of `names` in code-unit order (a task's dependencies: mostly one to three names). */
export function sortedNames(names: readonly string[]): string[] {
  return sortNamesInPlace(names.slice());
}

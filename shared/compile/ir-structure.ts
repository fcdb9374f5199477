// How a model graph maps onto IR sub-DAGs: each parallelFor / exitHandler group, each single-branch condition
// and each branch of a multi-branch condition (inside its `condition-branches` wrapper) is one IR "group":
// a sub-DAG that sits as a task in its parent DAG. Tasks and groups are placed by their nearest IR group.
import { KfsError } from '../errors/codes';
import type { ConditionBranch, ConditionGroup, Group, PipelineGraph } from '../model/document';

export type IrGroupKind = 'loop' | 'exit' | 'condition' | 'branches';

export interface IrGroupNode {
  /** The IR task name of the sub-DAG in its parent DAG (a model group or branch id). */
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

  constructor(
    readonly graph: PipelineGraph,
    readonly where: { graph?: string },
  ) {
    // Sorted, so that names handed out in this order do not depend on the key order of the document.
    for (const id of Object.keys(graph.groups).sort(byCodeUnit)) this.registerGroup(graph.groups[id] as Group);
    for (const node of this.nodes.values()) {
      if (node.kind === 'condition' && node.group.kind === 'condition' && node.group.branches.length > 1) {
        node.parent = node.group.id;
      } else node.parent = this.containerOf(node.group.parent, { group: node.group.id });
    }
    // A parent chain that loops back would hang every walk below: refuse it here.
    for (const name of this.nodes.keys()) this.chainOfGroup(name);
    for (const group of Object.values(graph.groups)) this.check(group);
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
      if (!this.graph.tasks[group.exitTask]) {
        throw new KfsError('KFS106', `Exit handler ${group.id} names exit task "${group.exitTask}", which is not in this graph.`, where);
      }
      if (this.chainOfTask(group.exitTask).includes(group.id)) {
        throw new KfsError('KFS106', `The exit task of ${group.id} must sit beside the group, not inside it.`, where);
      }
    }
  }

  private registerGroup(group: Group): void {
    if (group.kind === 'condition') {
      this.registerCondition(group);
      return;
    }
    this.nodes.set(group.id, { name: group.id, kind: group.kind === 'parallelFor' ? 'loop' : 'exit', group, parent: undefined });
    this.containerById.set(group.id, group.id);
  }

  private registerCondition(group: ConditionGroup): void {
    if (group.branches.length === 0) {
      throw new KfsError('KFS601', `Condition ${group.id} has no branches.`, { ...this.where, group: group.id });
    }
    const only = group.branches.length === 1 ? group.branches[0] : undefined;
    if (only) {
      this.nodes.set(group.id, { name: group.id, kind: 'condition', group, branch: only, branchIndex: 0, parent: undefined });
      this.containerById.set(group.id, group.id);
      this.containerById.set(only.id, group.id);
      return;
    }
    this.nodes.set(group.id, { name: group.id, kind: 'branches', group, parent: undefined });
    this.containerById.set(group.id, group.id);
    group.branches.forEach((branch, index) => {
      this.nodes.set(branch.id, { name: branch.id, kind: 'condition', group, branch, branchIndex: index, parent: group.id });
      this.containerById.set(branch.id, branch.id);
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
    return this.nodes.has(id) ? id : this.containerById.get(id);
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
    const task = this.graph.tasks[taskId];
    if (!task) return [];
    const container = this.containerOf(task.parent, { task: taskId });
    return container === undefined ? [] : this.chainOfGroup(container);
  }

  containerOfTask(taskId: string): string | undefined {
    const task = this.graph.tasks[taskId];
    return task ? this.containerOf(task.parent, { task: taskId }) : undefined;
  }

  /** The full path of a task or IR group: its enclosing groups then itself. */
  pathOf(id: string): string[] {
    return this.nodes.has(id) ? this.chainOfGroup(id) : [...this.chainOfTask(id), id];
  }

  /** The SDK's "uncommon ancestors": the two paths after their common prefix. */
  uncommon(upstream: string, downstream: string): { ups: string[]; downs: string[] } {
    const a = this.pathOf(upstream);
    const b = this.pathOf(downstream);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return { ups: a.slice(i), downs: b.slice(i) };
  }

  /** Members (task ids and IR group names) placed directly in the IR group `container` (undefined = top DAG). */
  membersOf(container: string | undefined): { tasks: string[]; groups: string[] } {
    const tasks = Object.keys(this.graph.tasks)
      .filter((id) => this.containerOfTask(id) === container)
      .sort(byCodeUnit);
    const groups = [...this.nodes.values()]
      .filter((node) => node.parent === container)
      .map((node) => node.name)
      .sort(byCodeUnit);
    return { tasks, groups };
  }

  /** The exit handler whose exit task is `taskId`, if any. */
  exitHandlerOf(taskId: string): string | undefined {
    for (const group of Object.values(this.graph.groups)) {
      if (group.kind === 'exitHandler' && group.exitTask === taskId) return group.id;
    }
    return undefined;
  }
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

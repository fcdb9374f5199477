// Copy and paste of tasks and groups. Pasted tasks, groups and branches get fresh ids and names; wires, ordering
// edges and nesting among the copies follow the new ids. Copying a group (condition, parallel-for, exit handler)
// takes its members, nested groups and an exit handler's exit task with it.
// Wires from outside: a copy of steps alone keeps wires from tasks that were not copied while those tasks exist (a
// duplicated step reads what the original read); a copy holding a group is self-contained and drops them.
// Settings that merely name a task or loop (loop items, branch comparisons, names from values) keep pointing at the
// original when it was not copied, and validation flags them if that no longer fits.
import type { PipelineChange } from '../model/changes';
import type { Argument, Group, NodePosition, PipelineDocument, Task, TaskOptions } from '../model/document';
import { freeTaskId } from './add-component';
import { graphIndex } from '../model/graph-index';
import { own } from '../names/names';

export interface Clipboard {
  tasks: Task[];
  /** Copied groups, each after the group it sits in. */
  groups: Group[];
  positions: { [id: string]: NodePosition };
  /** How many times it was pasted, so each paste lands a step further away. */
  pasted: number;
}

export const PASTE_OFFSET = 40;

/** The ids a group holds: its branches (for a condition) and the group itself. */
function containersOf(group: Group): string[] {
  return group.kind === 'condition' ? [group.id, ...group.branches.map((b) => b.id)] : [group.id];
}

export function copySelection(document: PipelineDocument, selection: readonly string[]): Clipboard | undefined {
  const { graph } = document;
  const index = graphIndex(graph);
  const groupIds = new Set<string>();
  const taskIds = new Set<string>();
  for (const id of selection) {
    if (own(graph.tasks, id)) taskIds.add(id);
    else {
      const group = index.ownerOf(id);
      if (group) groupIds.add(group.id);
    }
  }
  // Whatever sits in a copied group is copied too, down to the innermost.
  const inside = { tasks: new Set<string>(), groups: new Set<string>() };
  for (const id of groupIds) {
    const found = index.descendantsOf(id);
    for (const group of found.groups) inside.groups.add(group);
    for (const task of found.tasks) inside.tasks.add(task);
  }
  for (const id of index.groups.keys()) if (inside.groups.has(id)) groupIds.add(id);
  for (const id of index.tasks.keys()) if (inside.tasks.has(id)) taskIds.add(id);
  for (const id of groupIds) {
    const group = own(graph.groups, id);
    if (group?.kind === 'exitHandler' && own(graph.tasks, group.exitTask)) taskIds.add(group.exitTask);
  }
  if (!taskIds.size && !groupIds.size) return undefined;
  const depth = (group: Group): number => index.groupAncestors(group.id).filter((id) => index.groups.has(id)).length;
  const groups = [...groupIds].map((id) => own(graph.groups, id) as Group).sort((a, b) => depth(a) - depth(b));
  const tasks = [...taskIds].map((id) => own(graph.tasks, id) as Task);
  const positions: Clipboard['positions'] = {};
  for (const task of tasks) {
    const at = own(graph.layout, task.id);
    if (at) positions[task.id] = { x: at.x, y: at.y };
  }
  for (const group of groups) {
    const at = own(graph.layout, group.id);
    if (at) positions[group.id] = { ...at };
  }
  return { tasks, groups, positions, pasted: 0 };
}

type IdMap = (id: string) => string | undefined;

/** The argument with its task and loop ids mapped; undefined when a task it reads is mapped to nothing. */
function remap(argument: Argument, task: IdMap, loop: (id: string) => string): Argument | undefined {
  switch (argument.kind) {
    case 'taskOutput':
    case 'collected': {
      const to = task(argument.task);
      return to === undefined ? undefined : { ...argument, task: to };
    }
    case 'oneOf': {
      const sources = argument.sources.flatMap((s) => {
        const to = task(s.task);
        return to === undefined ? [] : [{ ...s, task: to }];
      });
      return sources.length ? { ...argument, sources } : undefined;
    }
    case 'loopItem':
      return { ...argument, loop: loop(argument.loop) };
    case 'template': {
      const parts = argument.parts.map((p) => (typeof p === 'string' ? p : remap(p, task, loop)));
      return parts.every((p) => p !== undefined) ? { ...argument, parts: parts as typeof argument.parts } : undefined;
    }
    default:
      return argument;
  }
}

/** Labels made unique among `taken`: `train (copy)`, `train (copy 2)`, ... */
function copyLabeller(taken: Iterable<string>): (label: string) => string {
  const labels = new Set(taken);
  return (label) => {
    const base = `${label.replace(/ \(copy( \d+)?\)$/, '')} (copy)`;
    let next = base;
    for (let n = 2; labels.has(next); n++) next = `${base.slice(0, -1)} ${n})`;
    labels.add(next);
    return next;
  };
}

/**
 * The changes that paste the clipboard (offset by `times` × PASTE_OFFSET), applied together as one undo step, and
 * the new ids of what was pasted at the top (the copied steps and outermost groups), in order.
 */
export function pasteChanges(document: PipelineDocument, clipboard: Clipboard, times = 1): { ids: string[]; changes: PipelineChange[] } {
  const graph = document.graph;
  const copiedGroups = clipboard.groups;
  const ids = new Map<string, string>();
  const allocated = new Set<string>();
  const allocate = (id: string): string => {
    const fresh = freeTaskId(document, id.replace(/-copy(-\d+)?$/, '') + '-copy', allocated);
    ids.set(id, fresh);
    allocated.add(fresh);
    return fresh;
  };
  for (const group of copiedGroups) for (const id of containersOf(group)) allocate(id);
  for (const task of clipboard.tasks) allocate(task.id);

  const exists = (id: string) => own(graph.tasks, id) !== undefined;
  const containerExists = (id: string) => graphIndex(graph).ownerOf(id) !== undefined;
  const keepOutside = copiedGroups.length === 0;
  const wire: IdMap = (id) => ids.get(id) ?? (keepOutside && exists(id) ? id : undefined);
  const ref = (id: string): string => ids.get(id) ?? id;
  const refArg = (a: Argument): Argument => remap(a, ref, ref) ?? a;
  const parentOf = (parent: string | undefined): { parent?: string } => {
    if (parent === undefined) return {};
    const copied = ids.get(parent);
    if (copied !== undefined) return { parent: copied };
    return containerExists(parent) ? { parent } : {};
  };
  const at = (id: string, index: number): NodePosition => {
    const p = clipboard.positions[id] ?? { x: index * 40, y: index * 40 };
    return { ...p, x: p.x + PASTE_OFFSET * times, y: p.y + PASTE_OFFSET * times };
  };

  const groupLabel = copyLabeller(Object.values(graph.groups).map((g) => g.displayName || g.id));
  const changes: PipelineChange[] = copiedGroups.map((group, index) => {
    const id = ids.get(group.id) as string;
    const { parent: _parent, ...rest } = group;
    const base = { ...rest, id, displayName: groupLabel(group.displayName || group.id), ...parentOf(group.parent) };
    let copy: Group;
    if (base.kind === 'parallelFor') copy = { ...base, items: refArg(base.items) };
    else if (base.kind === 'exitHandler') copy = { ...base, exitTask: ids.get(base.exitTask) ?? '' };
    else {
      copy = {
        ...base,
        branches: base.branches.map((b) => {
          const branchId = ids.get(b.id) as string;
          return b.when ? { id: branchId, when: { ...b.when, left: refArg(b.when.left), right: refArg(b.when.right) } } : { id: branchId };
        }),
      };
    }
    return { type: 'addGroup', group: copy, position: at(group.id, index) };
  });

  const taskLabel = copyLabeller(Object.values(graph.tasks).map((t) => t.displayName || t.id));
  clipboard.tasks.forEach((task, index) => {
    const id = ids.get(task.id) as string;
    const args: Task['arguments'] = {};
    for (const [input, argument] of Object.entries(task.arguments)) {
      const next = remap(argument, wire, ref);
      if (next) args[input] = next;
    }
    const after = task.after.flatMap((up) => {
      const to = wire(up);
      return to === undefined ? [] : [to];
    });
    const { parent, ...rest } = task;
    const options = namesFromValues(task.options, refArg);
    const copy: Task = { ...rest, id, displayName: taskLabel(task.displayName || task.id), arguments: args, after, options, ...parentOf(parent) };
    changes.push({ type: 'addTask', task: copy, position: at(task.id, index) });
  });

  const copiedContainers = new Set(copiedGroups.flatMap(containersOf));
  const tops = [...copiedGroups, ...clipboard.tasks].filter((node) => node.parent === undefined || !copiedContainers.has(node.parent));
  return { ids: tops.map((node) => ids.get(node.id) as string), changes };
}

/** Secrets, config maps and claims named by a value follow the copies. */
function namesFromValues(options: TaskOptions, refArg: (a: Argument) => Argument): TaskOptions {
  const next = { ...options };
  if (options.secrets) next.secrets = options.secrets.map((s) => (s.secretNameFrom ? { ...s, secretNameFrom: refArg(s.secretNameFrom) } : s));
  if (options.configMaps) next.configMaps = options.configMaps.map((c) => (c.configMapNameFrom ? { ...c, configMapNameFrom: refArg(c.configMapNameFrom) } : c));
  if (options.pvcs) next.pvcs = options.pvcs.map((p) => (p.pvcNameFrom ? { ...p, pvcNameFrom: refArg(p.pvcNameFrom) } : p));
  return next;
}

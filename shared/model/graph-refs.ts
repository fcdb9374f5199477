// What points at what inside a graph, and how references follow a rename or a removal.
import type { Argument, Group, PipelineGraph, Task, TaskOptions } from './document';

/** Ids that tasks and groups can sit in: every group and every condition branch. */
export function containerIds(graph: PipelineGraph): Set<string> {
  const ids = new Set<string>();
  for (const group of Object.values(graph.groups)) {
    ids.add(group.id);
    if (group.kind === 'condition') for (const branch of group.branches) ids.add(branch.id);
  }
  return ids;
}

interface Rename {
  from: string;
  /** null removes what referred to `from`, where it can go without losing anything else. */
  to: string | null;
}

export interface RefRename {
  task?: Rename;
  input?: Rename;
  container?: { from: string; to: string };
}

/** Rewrites one argument; returns null when the argument should go. */
function renameArgument(argument: Argument, rename: RefRename): Argument | null {
  const { task, input, container } = rename;
  switch (argument.kind) {
    case 'taskOutput':
    case 'collected':
      if (task && argument.task === task.from) return task.to === null ? null : { ...argument, task: task.to };
      return argument;
    case 'oneOf': {
      if (!task || !argument.sources.some((s) => s.task === task.from)) return argument;
      const sources = argument.sources.flatMap((s) => (s.task !== task.from ? [s] : task.to === null ? [] : [{ ...s, task: task.to }]));
      return sources.length ? { ...argument, sources } : null;
    }
    case 'graphInput':
      if (input && argument.input === input.from) return input.to === null ? null : { ...argument, input: input.to };
      return argument;
    case 'loopItem':
      return container && argument.loop === container.from ? { ...argument, loop: container.to } : argument;
    case 'template': {
      let changed = false;
      const parts = argument.parts.map((part) => {
        if (typeof part === 'string') return part;
        const next = renameKept(part, rename) as typeof part;
        if (next !== part) changed = true;
        return next;
      });
      return changed ? { ...argument, parts } : argument;
    }
    default:
      return argument;
  }
}

/** In places where losing the reference would lose the user's setting, a removal leaves it for validation to flag. */
function renameKept(argument: Argument, rename: RefRename): Argument {
  return renameArgument(argument, rename) ?? argument;
}

/** Secrets, config maps, claims and resources taken at run time from a value follow renames; a removal leaves them for validation. */
function renameInOptions(options: TaskOptions, rename: RefRename): TaskOptions {
  const follow = <T extends object, K extends keyof T>(items: T[] | undefined, key: K): T[] | undefined => {
    if (!items?.some((item) => item[key] !== undefined)) return items;
    return items.map((item) => {
      const source = item[key] as Argument | undefined;
      return source === undefined ? item : { ...item, [key]: renameKept(source, rename) };
    });
  };
  const secrets = follow(options.secrets, 'secretNameFrom');
  const configMaps = follow(options.configMaps, 'configMapNameFrom');
  const pvcs = follow(options.pvcs, 'pvcNameFrom');
  const from = options.resources?.from;
  let resources = options.resources;
  if (from) {
    const next = Object.fromEntries(Object.entries(from).map(([field, source]) => [field, renameKept(source, rename)]));
    if (Object.entries(next).some(([field, source]) => source !== from[field as keyof typeof from])) resources = { ...options.resources, from: next };
  }
  if (secrets === options.secrets && configMaps === options.configMaps && pvcs === options.pvcs && resources === options.resources) return options;
  return { ...options, ...(secrets && { secrets }), ...(configMaps && { configMaps }), ...(pvcs && { pvcs }), ...(resources && { resources }) };
}

function renameInTask(task: Task, rename: RefRename): Task {
  let changed = false;
  const args: Task['arguments'] = {};
  for (const [name, argument] of Object.entries(task.arguments)) {
    const next = renameArgument(argument, rename);
    if (next !== argument) changed = true;
    if (next) args[name] = next;
  }
  let after = task.after;
  if (rename.task && after.includes(rename.task.from)) {
    const { from, to } = rename.task;
    after = to === null ? after.filter((id) => id !== from) : after.map((id) => (id === from ? to : id));
    changed = true;
  }
  if (rename.container && after.includes(rename.container.from)) {
    const { from, to } = rename.container;
    after = after.map((id) => (id === from ? to : id));
    changed = true;
  }
  let parent = task.parent;
  if (rename.container && parent === rename.container.from) {
    parent = rename.container.to;
    changed = true;
  }
  const options = renameInOptions(task.options, rename);
  if (options !== task.options) changed = true;
  return changed ? { ...task, arguments: args, after, options, ...(parent === undefined ? {} : { parent }) } : task;
}

function renameInGroup(group: Group, rename: RefRename): Group {
  const parent = rename.container && group.parent === rename.container.from ? rename.container.to : group.parent;
  const base = parent === group.parent ? group : { ...group, parent };
  switch (base.kind) {
    case 'parallelFor':
      return { ...base, items: renameKept(base.items, rename) };
    case 'exitHandler':
      return rename.task?.to && base.exitTask === rename.task.from ? { ...base, exitTask: rename.task.to } : base;
    case 'condition':
      return {
        ...base,
        branches: base.branches.map((branch) =>
          branch.when ? { ...branch, when: { ...branch.when, left: renameKept(branch.when.left, rename), right: renameKept(branch.when.right, rename) } } : branch,
        ),
      };
  }
}

export function renameRefs(graph: PipelineGraph, rename: RefRename): PipelineGraph {
  const tasks = Object.fromEntries(Object.entries(graph.tasks).map(([id, task]) => [id, renameInTask(task, rename)]));
  const groups = Object.fromEntries(Object.entries(graph.groups).map(([id, group]) => [id, renameInGroup(group, rename)]));
  const outputs = graph.outputs.map((output) => ({ ...output, source: renameKept(output.source, rename) }));
  return { ...graph, tasks, groups, outputs };
}

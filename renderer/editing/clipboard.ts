// Copy and paste of tasks. Pasted tasks get fresh ids; wires and ordering edges among them follow the new ids,
// and wires from tasks that were not copied keep pointing at those tasks while they exist.
import type { PipelineChange } from '../../shared/model/changes';
import type { Argument, NodePosition, PipelineDocument, Task } from '../../shared/model/document';
import { freeTaskId } from './add-component';

export interface Clipboard {
  tasks: Task[];
  positions: { [id: string]: NodePosition };
  /** How many times it was pasted, so each paste lands a step further away. */
  pasted: number;
}

export const PASTE_OFFSET = 40;

export function copySelection(document: PipelineDocument, selection: readonly string[]): Clipboard | undefined {
  const tasks = selection.map((id) => document.graph.tasks[id]).filter((t): t is Task => t !== undefined);
  if (!tasks.length) return undefined;
  const positions: Clipboard['positions'] = {};
  for (const task of tasks) {
    const at = document.graph.layout[task.id];
    if (at) positions[task.id] = { x: at.x, y: at.y };
  }
  return { tasks, positions, pasted: 0 };
}

function remap(argument: Argument, ids: Map<string, string>, exists: (id: string) => boolean): Argument | undefined {
  const task = (id: string): string | undefined => ids.get(id) ?? (exists(id) ? id : undefined);
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
    case 'template': {
      const parts = argument.parts.map((p) => (typeof p === 'string' ? p : remap(p, ids, exists)));
      return parts.every((p) => p !== undefined) ? { ...argument, parts: parts as typeof argument.parts } : undefined;
    }
    default:
      return argument;
  }
}

/** The changes that paste the clipboard (offset by `times` × PASTE_OFFSET), and the new task ids in order. */
export function pasteChanges(document: PipelineDocument, clipboard: Clipboard, times = 1): { ids: string[]; changes: PipelineChange[] } {
  const ids = new Map<string, string>();
  let scratch = document;
  for (const task of clipboard.tasks) {
    const id = freeTaskId(scratch, task.id.replace(/-copy(-\d+)?$/, '') + '-copy');
    ids.set(task.id, id);
    scratch = { ...scratch, graph: { ...scratch.graph, tasks: { ...scratch.graph.tasks, [id]: task } } };
  }
  const graph = document.graph;
  const labels = new Set(Object.values(graph.tasks).map((t) => t.displayName || t.id));
  const copyLabel = (task: Task): string => {
    const base = `${(task.displayName || task.id).replace(/ \(copy( \d+)?\)$/, '')} (copy)`;
    let label = base;
    for (let n = 2; labels.has(label); n++) label = `${base.slice(0, -1)} ${n})`;
    labels.add(label);
    return label;
  };
  const exists = (id: string) => graph.tasks[id] !== undefined;
  const containerExists = (id: string) => graph.groups[id] !== undefined || Object.values(graph.groups).some((g) => g.kind === 'condition' && g.branches.some((b) => b.id === id));
  const changes: PipelineChange[] = clipboard.tasks.map((task, index) => {
    const id = ids.get(task.id) as string;
    const args: Task['arguments'] = {};
    for (const [input, argument] of Object.entries(task.arguments)) {
      const next = remap(argument, ids, exists);
      if (next) args[input] = next;
    }
    const after = task.after.flatMap((up) => {
      const to = ids.get(up) ?? (exists(up) ? up : undefined);
      return to === undefined ? [] : [to];
    });
    const { parent, ...rest } = task;
    const copy: Task = { ...rest, id, displayName: copyLabel(task), arguments: args, after, ...(parent !== undefined && containerExists(parent) ? { parent } : {}) };
    const at = clipboard.positions[task.id] ?? { x: index * 40, y: index * 40 };
    return { type: 'addTask', task: copy, position: { x: at.x + PASTE_OFFSET * times, y: at.y + PASTE_OFFSET * times } };
  });
  return { ids: [...ids.values()], changes };
}

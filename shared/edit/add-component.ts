// The changes that add a component from the palette (or a file) to the document as a new task.
import type { PipelineChange } from '../model/changes';
import type { ComponentSpec, NodePosition, PipelineDocument } from '../model/document';
import { graphIndex } from '../model/graph-index';
import { own } from '../names/names';
import { TYPICAL_TASK } from '../layout/task-size';

export interface ComponentToAdd {
  id: string;
  component: ComponentSpec;
  components: { [id: string]: ComponentSpec };
}

function sameSpec(a: ComponentSpec | undefined, b: ComponentSpec): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function cleanId(base: string): string {
  return base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'task';
}

/** A task id free in the root graph (among tasks, groups and branches) and not in `also`: `train`, `train-2`, ... */
export function freeTaskId(document: PipelineDocument, base: string, also: ReadonlySet<string> = NO_NAMES): string {
  const index = graphIndex(document.graph);
  const taken = (id: string) => index.isNameTaken(id) || also.has(id);
  const clean = cleanId(base);
  if (!taken(clean)) return clean;
  for (let n = 2; ; n++) if (!taken(`${clean}-${n}`)) return `${clean}-${n}`;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Puts the component (and the ones it needs) in the document unless an equal one is there, then adds a task using it. */
export function addComponentChanges(document: PipelineDocument, entry: ComponentToAdd, position: NodePosition): { taskId: string; changes: PipelineChange[] } {
  const changes: PipelineChange[] = [];
  const renamed = new Map<string, string>();
  for (const [id, spec] of Object.entries(entry.components)) {
    let target = id;
    for (let n = 2; own(document.components, target) && !sameSpec(own(document.components, target), spec); n++) target = `${id}-${n}`;
    renamed.set(id, target);
    if (!own(document.components, target)) changes.push({ type: 'putComponent', id: target, component: spec });
  }
  if (!renamed.has(entry.id)) {
    let target = entry.id;
    for (let n = 2; own(document.components, target) && !sameSpec(own(document.components, target), entry.component); n++) target = `${entry.id}-${n}`;
    renamed.set(entry.id, target);
    if (!own(document.components, target)) changes.push({ type: 'putComponent', id: target, component: entry.component });
  }
  const taskId = freeTaskId(document, entry.id);
  const suffix = taskId.slice(cleanId(entry.id).length);
  changes.push({
    type: 'addTask',
    task: { id: taskId, component: renamed.get(entry.id) ?? entry.id, displayName: `${entry.component.name}${suffix ? ` ${suffix.slice(1)}` : ''}`, arguments: {}, after: [], options: {} },
    position,
  });
  return { taskId, changes };
}

/** The nearest spot to `wanted` (searching outwards) where a new task of `size` does not cover an existing one. */
export function freePosition(document: PipelineDocument, wanted: NodePosition, sizeOf: (taskId: string) => { width: number; height: number }, size = TYPICAL_TASK): NodePosition {
  const boxes = Object.keys(document.graph.tasks).flatMap((id) => {
    const at = own(document.graph.layout, id);
    return at ? [{ ...at, ...sizeOf(id) }] : [];
  });
  const free = (x: number, y: number) =>
    boxes.every((b) => x + size.width + 20 <= b.x || b.x + b.width + 20 <= x || y + size.height + 20 <= b.y || b.y + b.height + 20 <= y);
  const step = 40;
  for (let ring = 0; ring <= 40; ring++) {
    for (let dx = -ring; dx <= ring; dx++) {
      for (const dy of ring === 0 ? [0] : Math.abs(dx) === ring ? range(-ring, ring) : [-ring, ring]) {
        const x = wanted.x + dx * step;
        const y = wanted.y + dy * step;
        if (free(x, y)) return { x, y };
      }
    }
  }
  return wanted;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

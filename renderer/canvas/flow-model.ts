// The document's root graph as React Flow nodes and edges. Node objects are reused while their inputs are unchanged,
// so React Flow and the memoised TaskNode skip untouched tasks when one task changes.
import { Position, type Edge, type Node } from '@xyflow/react';
import { taskLabel, type ComponentSpec, type PipelineDocument, type Task } from '../../shared/model/document';
import type { Frame } from '../../shared/layout/group-frames';
import { inputHandle, ORDER_IN, ORDER_OUT, outputHandle } from '../../shared/edit/port-handles';
import { upstreamOutputs, type OrderData, type WireData, type WireKind } from '../../shared/edit/wire-data';
import { graphIndex } from '../../shared/model/graph-index';
import { own } from '../../shared/names/names';
import { estimatedPortOffset, estimatedTaskSize } from '../../shared/layout/task-size';

export interface TaskNodeData extends Record<string, unknown> {
  task: Task;
  component: ComponentSpec | undefined;
  label: string;
  /** Number of error diagnostics on this task. */
  errors: number;
}

export type TaskNodeType = Node<TaskNodeData, 'task'>;

export interface FrameNodeData extends Record<string, unknown> {
  frame: Frame;
}

export type FrameNodeType = Node<FrameNodeData, 'frame'>;
export type CanvasNode = TaskNodeType | FrameNodeType;


interface CachedEdge {
  edge: Edge;
  /** The tasks the edge was built from: while both are the same objects, so is the edge. */
  source: Task;
  target: Task;
}

export interface NodeCache {
  nodes: Map<string, TaskNodeType>;
  frames: Map<string, FrameNodeType>;
  edges?: Map<string, CachedEdge>;
}

export function newNodeCache(): NodeCache {
  return { nodes: new Map(), frames: new Map(), edges: new Map() };
}

function sameFrame(a: Frame, b: Frame): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height && a.title === b.title && a.detail === b.detail && a.depth === b.depth && a.kind === b.kind;
}

/** Group and branch frames as nodes drawn beneath the tasks; dragged by their header. */
export function buildFrameNodes(frames: ReadonlyMap<string, Frame>, selection: ReadonlySet<string>, cache: NodeCache): FrameNodeType[] {
  const next = new Map<string, FrameNodeType>();
  for (const frame of frames.values()) {
    const selected = selection.has(frame.id);
    const previous = cache.frames.get(frame.id);
    if (previous && previous.selected === selected && sameFrame(previous.data.frame, frame)) {
      next.set(frame.id, previous);
      continue;
    }
    next.set(frame.id, {
      id: frame.id,
      type: 'frame',
      position: { x: frame.x, y: frame.y },
      width: frame.width,
      height: frame.height,
      data: { frame },
      selected,
      zIndex: frame.depth - 100,
      dragHandle: '.kfs-frame-header',
      ariaLabel: frame.title,
    });
  }
  cache.frames = next;
  return [...next.values()];
}

export function buildNodes(
  document: PipelineDocument,
  selection: ReadonlySet<string>,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
  errorsByTask: ReadonlyMap<string, number>,
  cache: NodeCache,
): TaskNodeType[] {
  const { layout } = document.graph;
  const next = new Map<string, TaskNodeType>();
  let index = 0;
  for (const task of graphIndex(document.graph).tasks.values()) {
    const position = own(layout, task.id) ?? { x: (index % 5) * 300, y: Math.floor(index / 5) * 220 };
    index++;
    const component = own(document.components, task.component);
    const selected = selection.has(task.id);
    const size = sizes.get(task.id);
    const errors = errorsByTask.get(task.id) ?? 0;
    const previous = cache.nodes.get(task.id);
    if (
      previous &&
      previous.data.task === task &&
      previous.data.component === component &&
      previous.data.errors === errors &&
      previous.position.x === position.x &&
      previous.position.y === position.y &&
      previous.selected === selected &&
      (size ? previous.measured?.width === size.width && previous.measured.height === size.height : estimated.has(previous))
    ) {
      next.set(task.id, previous);
      continue;
    }
    const node: TaskNodeType = {
      id: task.id,
      type: 'task',
      position: { x: position.x, y: position.y },
      data: { task, component, label: taskLabel(task), errors },
      selected,
      ariaLabel: taskLabel(task),
      ...(size ? { measured: size } : estimatedGeometry(task, component)),
    };
    if (!size) estimated.add(node);
    next.set(task.id, node);
  }
  cache.nodes = next;
  return [...next.values()];
}

/** Nodes drawn with an estimated size (no measurement yet): reusable while the task is still unmeasured. */
const estimated = new WeakSet<TaskNodeType>();

/**
 * A size and handle positions estimated before a task is first drawn (the one estimate, shared/layout/task-size.ts).
 * With them React Flow does not have to mount every task once to measure it: with `onlyRenderVisibleElements`, tasks
 * off screen are never rendered at all.
 */
export function estimatedGeometry(task: Task, component: ComponentSpec | undefined): Pick<TaskNodeType, 'measured' | 'handles'> {
  const { width, height } = estimatedTaskSize(task, component);
  const portY = (side: 'input' | 'output', port: string) => (estimatedPortOffset(task, component, side, port) ?? 0) - 5;
  return {
    // Given as `measured` so React Flow counts the nodes as initialised (fitView waits for that). The half pixel
    // differs from any real measurement, so the first one always replaces the estimate and its handle positions.
    measured: { width: width - 0.5, height: height - 0.5 },
    handles: [
      ...(component?.inputs ?? []).map((p) => ({ id: inputHandle(p.name), type: 'target' as const, position: Position.Left, x: -6, y: portY('input', p.name), width: 10, height: 10 })),
      ...(component?.outputs ?? []).map((p) => ({ id: outputHandle(p.name), type: 'source' as const, position: Position.Right, x: width - 4, y: portY('output', p.name), width: 10, height: 10 })),
      { id: ORDER_IN, type: 'target' as const, position: Position.Top, x: width / 2 - 7, y: -4, width: 14, height: 8 },
      { id: ORDER_OUT, type: 'source' as const, position: Position.Bottom, x: width / 2 - 7, y: height - 4, width: 14, height: 8 },
    ],
  };
}

// Wires other than plain ones are dashed and labelled (styles.css); their ids start with `data:` like every wire.
const WIRE_LOOK: Record<Exclude<WireKind, 'data'>, { prefix: string; className: string; label: string; aria: string }> = {
  collected: { prefix: 'data:collected:', className: 'kfs-edge-collected', label: 'collected', aria: 'collected as a list over its loop' },
  oneOf: { prefix: 'data:oneOf:', className: 'kfs-edge-oneof', label: 'one of', aria: 'one of several sources' },
  template: { prefix: 'data:template:', className: 'kfs-edge-template', label: 'in text', aria: 'inserted in a text' },
};

/** The root graph's wires and ordering edges; with a cache, an edge whose two tasks are unchanged keeps its object. */
export function buildEdges(document: PipelineDocument, cache?: NodeCache): Edge[] {
  const edges: Edge[] = [];
  const { tasks } = document.graph;
  const previous = cache?.edges;
  const next = new Map<string, CachedEdge>();
  const push = (id: string, source: Task, target: Task, make: () => Edge) => {
    if (next.has(id)) return;
    const old = previous?.get(id);
    const edge = old && old.source === source && old.target === target ? old.edge : make();
    next.set(id, { edge, source, target });
    edges.push(edge);
  };
  for (const task of graphIndex(document.graph).tasks.values()) {
    for (const [input, argument] of Object.entries(task.arguments)) {
      for (const ref of upstreamOutputs(argument)) {
        const source = own(tasks, ref.task);
        if (!source) continue;
        const look = ref.kind === 'data' ? undefined : WIRE_LOOK[ref.kind];
        const id = `${look?.prefix ?? 'data:'}${ref.task}.${ref.output}->${task.id}.${input}`;
        const aria = `Wire from ${taskLabel(source)} output ${ref.output} to ${taskLabel(task)} input ${input}`;
        const data: WireData = { kind: ref.kind, task: task.id, input, from: { task: ref.task, output: ref.output }, argument };
        push(id, source, task, () => ({
          id,
          source: ref.task,
          sourceHandle: outputHandle(ref.output),
          target: task.id,
          targetHandle: inputHandle(input),
          ariaLabel: look ? `${aria}, ${look.aria}` : aria,
          data,
          ...(look && { className: look.className, label: look.label }),
        }));
      }
    }
    for (const up of task.after) {
      const source = tasks[up];
      if (!source) continue;
      const id = `after:${up}->${task.id}`;
      const data: OrderData = { kind: 'after', task: task.id, dependsOn: up };
      push(id, source, task, () => ({
        id,
        source: up,
        sourceHandle: ORDER_OUT,
        target: task.id,
        targetHandle: ORDER_IN,
        className: 'kfs-edge-after',
        ariaLabel: `${taskLabel(task)} runs after ${taskLabel(source)}`,
        data,
      }));
    }
  }
  if (cache) cache.edges = next;
  return edges;
}

// The document's root graph as React Flow nodes and edges. Node objects are reused while their inputs are unchanged,
// so React Flow and the memoised TaskNode skip untouched tasks when one task changes.
import type { Edge, Node } from '@xyflow/react';
import type { ComponentSpec, PipelineDocument, Task } from '../../shared/model/document';
import { inputHandle, outputHandle } from './port-handles';

export interface TaskNodeData extends Record<string, unknown> {
  task: Task;
  component: ComponentSpec | undefined;
  label: string;
  /** Number of error diagnostics on this task. */
  errors: number;
}

export type TaskNodeType = Node<TaskNodeData, 'task'>;

export const taskLabel = (task: Task): string => task.displayName || task.id;

export interface NodeCache {
  nodes: Map<string, TaskNodeType>;
}

export function newNodeCache(): NodeCache {
  return { nodes: new Map() };
}

export function buildNodes(
  document: PipelineDocument,
  selection: ReadonlySet<string>,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
  errorsByTask: ReadonlyMap<string, number>,
  cache: NodeCache,
): TaskNodeType[] {
  const { tasks, layout } = document.graph;
  const next = new Map<string, TaskNodeType>();
  let index = 0;
  for (const task of Object.values(tasks)) {
    const position = layout[task.id] ?? { x: (index % 5) * 300, y: Math.floor(index / 5) * 220 };
    index++;
    const component = document.components[task.component];
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
      previous.measured?.width === size?.width &&
      previous.measured?.height === size?.height
    ) {
      next.set(task.id, previous);
      continue;
    }
    next.set(task.id, {
      id: task.id,
      type: 'task',
      position: { x: position.x, y: position.y },
      data: { task, component, label: taskLabel(task), errors },
      selected,
      ariaLabel: taskLabel(task),
      ...(size ? { measured: size } : {}),
    });
  }
  cache.nodes = next;
  return [...next.values()];
}

export function buildEdges(document: PipelineDocument): Edge[] {
  const edges: Edge[] = [];
  const { tasks } = document.graph;
  for (const task of Object.values(tasks)) {
    for (const [input, argument] of Object.entries(task.arguments)) {
      if (argument.kind !== 'taskOutput' || !tasks[argument.task]) continue;
      const source = tasks[argument.task] as Task;
      edges.push({
        id: `data:${argument.task}.${argument.output}->${task.id}.${input}`,
        source: argument.task,
        sourceHandle: outputHandle(argument.output),
        target: task.id,
        targetHandle: inputHandle(input),
        ariaLabel: `Wire from ${taskLabel(source)} output ${argument.output} to ${taskLabel(task)} input ${input}`,
        data: { kind: 'data', task: task.id, input },
      });
    }
    for (const up of task.after) {
      if (!tasks[up]) continue;
      edges.push({
        id: `after:${up}->${task.id}`,
        source: up,
        target: task.id,
        className: 'kfs-edge-after',
        ariaLabel: `${taskLabel(task)} runs after ${taskLabel(tasks[up] as Task)}`,
        data: { kind: 'after', task: task.id, dependsOn: up },
      });
    }
  }
  return edges;
}

// Left-to-right layered layout of the root graph (dagre, as the importer uses), as one moveNodes change.
import dagre from '@dagrejs/dagre';
import type { PipelineChange } from '../../shared/model/changes';
import type { NodePosition, PipelineDocument } from '../../shared/model/document';

export const TASK_WIDTH = 240;

export function estimatedTaskHeight(document: PipelineDocument, taskId: string): number {
  const task = document.graph.tasks[taskId];
  const component = task ? document.components[task.component] : undefined;
  const rows = Math.max(component?.inputs.length ?? 0, component?.outputs.length ?? 0, 1);
  return 56 + rows * 26;
}

export function autoLayoutChange(document: PipelineDocument): PipelineChange {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const tasks = Object.values(document.graph.tasks);
  for (const task of tasks) g.setNode(task.id, { width: TASK_WIDTH, height: estimatedTaskHeight(document, task.id) });
  for (const task of tasks) {
    const ups = new Set(task.after);
    for (const argument of Object.values(task.arguments)) if (argument.kind === 'taskOutput' && document.graph.tasks[argument.task]) ups.add(argument.task);
    for (const up of ups) if (document.graph.tasks[up]) g.setEdge(up, task.id);
  }
  dagre.layout(g);
  const positions: { [id: string]: NodePosition } = {};
  for (const task of tasks) {
    const node = g.node(task.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (node) positions[task.id] = { x: Math.round(node.x - node.width / 2), y: Math.round(node.y - node.height / 2) };
  }
  return { type: 'moveNodes', positions };
}

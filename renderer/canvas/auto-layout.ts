// Left-to-right layered layout of the root graph (dagre, as the importer uses), as one moveNodes change. Groups and
// condition branches are dagre clusters, so their members stay together and frames do not overlap.
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
  const { tasks: taskMap, groups } = document.graph;
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'LR', nodesep: 50, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const tasks = Object.values(taskMap);
  const containers = new Set<string>();
  const occupied = new Set<string>();
  for (const group of Object.values(groups)) {
    containers.add(group.id);
    if (group.kind === 'condition') for (const b of group.branches) containers.add(b.id);
  }
  for (const task of tasks) if (task.parent !== undefined) occupied.add(task.parent);
  for (const group of Object.values(groups)) {
    if (group.parent !== undefined) occupied.add(group.parent);
    if (group.kind === 'condition' && group.branches.length) occupied.add(group.id);
  }
  // An empty cluster is laid out as a plain box the size of an empty frame.
  for (const id of containers) g.setNode(id, occupied.has(id) ? { paddingTop: 40, paddingLeft: 20, paddingRight: 20, paddingBottom: 20 } : { width: 260, height: 130 });
  for (const group of Object.values(groups)) {
    if (group.parent !== undefined && containers.has(group.parent)) g.setParent(group.id, group.parent);
    if (group.kind === 'condition') for (const b of group.branches) g.setParent(b.id, group.id);
  }
  for (const task of tasks) {
    g.setNode(task.id, { width: TASK_WIDTH, height: estimatedTaskHeight(document, task.id) });
    if (task.parent !== undefined && containers.has(task.parent)) g.setParent(task.id, task.parent);
  }
  for (const task of tasks) {
    const ups = new Set(task.after);
    for (const argument of Object.values(task.arguments)) if (argument.kind === 'taskOutput' && taskMap[argument.task]) ups.add(argument.task);
    for (const up of ups) if (taskMap[up] && up !== task.id) g.setEdge(up, task.id);
  }
  dagre.layout(g);
  const positions: { [id: string]: NodePosition } = {};
  for (const task of tasks) {
    const node = g.node(task.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (node) positions[task.id] = { x: Math.round(node.x - node.width / 2), y: Math.round(node.y - node.height / 2) };
  }
  for (const group of Object.values(groups)) {
    const node = g.node(group.id) as { x?: number; y?: number; width?: number; height?: number } | undefined;
    if (!node || node.x === undefined || node.y === undefined) continue;
    // The stored box is a minimum: the frame grows to hold its members, so an empty group keeps a visible size.
    const width = occupied.has(group.id) ? 1 : (node.width ?? 260);
    const height = occupied.has(group.id) ? 1 : (node.height ?? 130);
    positions[group.id] = { x: Math.round(node.x - (node.width ?? 0) / 2), y: Math.round(node.y - (node.height ?? 0) / 2), width, height };
  }
  return { type: 'moveNodes', positions };
}

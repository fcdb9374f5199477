// Places an imported graph on the canvas with dagre: tasks as boxes, groups as clusters around their members,
// edges from data and ordering. Positions are the top-left corners of boxes.
import dagre from '@dagrejs/dagre';
import type { Argument, PipelineGraph } from '../model/document';

export const TASK_WIDTH = 200;
export const TASK_HEIGHT = 64;

function producers(arg: Argument): string[] {
  switch (arg.kind) {
    case 'taskOutput':
    case 'collected':
      return [arg.task];
    case 'oneOf':
      return arg.sources.map((s) => s.task);
    case 'template':
      return arg.parts.flatMap((p) => (typeof p === 'string' ? [] : producers(p)));
    default:
      return [];
  }
}

export function layoutGraph(graph: PipelineGraph): void {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 60, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const branchOwner = new Map<string, string>();
  for (const group of Object.values(graph.groups)) {
    g.setNode(group.id, { label: group.id });
    if (group.kind === 'condition') for (const b of group.branches) branchOwner.set(b.id, group.id);
  }
  const containerOf = (parent: string | undefined) => (parent === undefined ? undefined : (branchOwner.get(parent) ?? parent));
  for (const group of Object.values(graph.groups)) {
    const parent = containerOf(group.parent);
    if (parent !== undefined && g.hasNode(parent) && parent !== group.id) g.setParent(group.id, parent);
  }
  for (const task of Object.values(graph.tasks)) {
    g.setNode(task.id, { label: task.id, width: TASK_WIDTH, height: TASK_HEIGHT });
    const parent = containerOf(task.parent);
    if (parent !== undefined && g.hasNode(parent)) g.setParent(task.id, parent);
  }
  for (const task of Object.values(graph.tasks)) {
    const upstream = new Set([...Object.values(task.arguments).flatMap(producers), ...task.after]);
    for (const u of upstream) if (graph.tasks[u] && u !== task.id) g.setEdge(u, task.id);
  }
  dagre.layout(g);
  const layout: PipelineGraph['layout'] = {};
  for (const id of [...Object.keys(graph.groups), ...Object.keys(graph.tasks)]) {
    const node = g.node(id) as { x?: number; y?: number; width?: number; height?: number } | undefined;
    if (!node || node.x === undefined || node.y === undefined) continue;
    const width = node.width ?? TASK_WIDTH;
    const height = node.height ?? TASK_HEIGHT;
    const position = { x: Math.round(node.x - width / 2), y: Math.round(node.y - height / 2) };
    layout[id] = graph.groups[id] ? { ...position, width: Math.round(width), height: Math.round(height) } : position;
  }
  graph.layout = layout;
}

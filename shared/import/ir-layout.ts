// Places an imported graph on the canvas with dagre: tasks as boxes, groups as clusters around their members,
// edges from data and ordering. Positions are the top-left corners of boxes. Dagre's compound layout grows much
// faster than the graph (seconds for a thousand tasks), so large graphs get a plain layered layout instead: a row per
// longest-path depth, the members of a group side by side, each group a box around its members.
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

/** Above this many tasks and groups, the layered layout replaces dagre. */
export const DAGRE_LIMIT = 100;
const GAP_X = 40;
const GAP_Y = 60;
const GROUP_PAD = 20;

export function layoutGraph(graph: PipelineGraph): void {
  if (Object.keys(graph.tasks).length + Object.keys(graph.groups).length > DAGRE_LIMIT) layeredLayout(graph);
  else dagreLayout(graph);
}

function layeredLayout(graph: PipelineGraph): void {
  const branchOwner = new Map<string, string>();
  for (const group of Object.values(graph.groups)) if (group.kind === 'condition') for (const b of group.branches) branchOwner.set(b.id, group.id);
  const containerOf = (parent: string | undefined) => (parent === undefined ? undefined : (branchOwner.get(parent) ?? parent));
  /** Enclosing groups, outermost first. */
  const chainOf = (parent: string | undefined): string[] => {
    const chain: string[] = [];
    for (let g = containerOf(parent); g !== undefined && !chain.includes(g) && graph.groups[g]; g = containerOf(graph.groups[g]?.parent)) chain.unshift(g);
    return chain;
  };
  const ids = Object.keys(graph.tasks).sort();
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const task = graph.tasks[id];
    let d = 0;
    if (task) for (const u of new Set([...Object.values(task.arguments).flatMap(producers), ...task.after])) if (graph.tasks[u] && u !== id) d = Math.max(d, depthOf(u) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, { id: string; key: string }[]>();
  for (const id of ids) {
    const d = depthOf(id);
    let row = rows.get(d);
    if (!row) rows.set(d, (row = []));
    row.push({ id, key: `${chainOf(graph.tasks[id]?.parent).join('/')}\u0000${id}` });
  }
  const layout: PipelineGraph['layout'] = {};
  const boxes = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  for (const [d, row] of rows) {
    row.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    row.forEach(({ id }, i) => {
      const x = GROUP_PAD * 2 + i * (TASK_WIDTH + GAP_X);
      const y = GROUP_PAD * 2 + d * (TASK_HEIGHT + GAP_Y);
      layout[id] = { x, y };
      chainOf(graph.tasks[id]?.parent).forEach((g, level, chain) => {
        const pad = GROUP_PAD * (chain.length - level);
        const box = boxes.get(g);
        const next = { x0: x - pad, y0: y - pad, x1: x + TASK_WIDTH + pad, y1: y + TASK_HEIGHT + pad };
        boxes.set(g, box ? { x0: Math.min(box.x0, next.x0), y0: Math.min(box.y0, next.y0), x1: Math.max(box.x1, next.x1), y1: Math.max(box.y1, next.y1) } : next);
      });
    });
  }
  for (const [g, box] of boxes) layout[g] = { x: box.x0, y: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0 };
  graph.layout = layout;
}

function dagreLayout(graph: PipelineGraph): void {
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

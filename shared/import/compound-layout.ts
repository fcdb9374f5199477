// A layered layout of a graph with nested groups, done inside-out. Each container (the root, a group, a condition
// branch) lays out its direct members in ranks (layered-layout.ts): tasks at their drawn size, child groups as single
// boxes the size of their frame (members + padding + title bar, as shared/layout/group-frames draws it). An edge
// between tasks in different containers counts as an edge between the two distinct members, one level below the
// tasks' common container, that hold them. The branches of a condition sit side by side in their order, FRAME_PAD
// apart: that is where the canvas puts an empty branch's slot, so the layout and the frames agree. Frames of siblings
// therefore never overlap, a task never overlaps a frame it is not in, and each frame holds its nested frames.
import type { Argument, NodePosition, PipelineGraph } from '../model/document';
import { EMPTY_BRANCH, EMPTY_GROUP, FRAME_INSET, FRAME_PAD, framedSize, type Size } from '../layout/frame-geometry';
import { layered, type Block, type LayeredEdge, type LayoutDirection, type Point } from './layered-layout';
import { hasOwnName, nameRecord, own } from '../names/names';
import { indexGraph } from '../model/graph-index';

export type { LayoutDirection };

export interface CompoundLayoutOptions {
  /** TB: ranks run top to bottom; LR: left to right. */
  direction: LayoutDirection;
  /** A task's drawn size. */
  taskSize: (taskId: string) => Size;
  /** How far below a task's top (LR; right of its left, TB) one of its ports sits; the middle when not given. */
  portOffset?: (taskId: string, side: 'input' | 'output', port: string) => number | undefined;
  /** Space between neighbours in a rank. */
  nodeGap?: number;
  /** Space between ranks. */
  rankGap?: number;
  /** Where the drawing's top-left corner goes. */
  origin?: { x: number; y: number };
}

const ROOT = '\u0000root';

export function producers(arg: Argument): string[] {
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

/**
 * Positions by task and group id: a task's top-left corner; a group's frame's top-left corner, with a 1×1 size when it
 * has members (the canvas grows the frame around them) or the empty-group size when it has none.
 */
export function compoundLayout(graph: PipelineGraph, options: CompoundLayoutOptions): { [id: string]: NodePosition } {
  const { direction, taskSize } = options;
  const nodeGap = options.nodeGap ?? 40;
  const rankGap = options.rankGap ?? 60;
  const { tasks, groups } = graph;

  // Built afresh: the importer lays out a graph it is still filling in, which the cached index must not keep.
  const index = indexGraph(graph);
  /** The condition owning a branch id (a group's own id is never a branch here). */
  const conditionOf = (id: string): string | undefined => (index.groups.has(id) ? undefined : index.branches.get(id)?.conditionId);
  const isContainer = (id: string | undefined): id is string => id !== undefined && (hasOwnName(groups, id) || conditionOf(id) !== undefined);

  // The container each group sits in; a group whose parents lead back to itself is put at the root.
  const groupContainer = new Map<string, string>();
  const rawContainer = (id: string): string | undefined => {
    const owner = conditionOf(id);
    if (owner !== undefined) return owner;
    const parent = own(groups, id)?.parent;
    return isContainer(parent) ? parent : undefined;
  };
  for (const id of Object.keys(groups)) {
    const seen = new Set<string>([id]);
    let cyclic = false;
    for (let c = rawContainer(id); c !== undefined; c = rawContainer(c)) {
      if (seen.has(c)) {
        cyclic = true;
        break;
      }
      seen.add(c);
    }
    groupContainer.set(id, cyclic ? ROOT : (rawContainer(id) ?? ROOT));
  }
  const containerOf = (id: string): string => {
    const owner = conditionOf(id);
    if (owner !== undefined) return owner;
    if (hasOwnName(groups, id)) return groupContainer.get(id) ?? ROOT;
    const parent = own(tasks, id)?.parent;
    return isContainer(parent) ? parent : ROOT;
  };

  const members = new Map<string, string[]>();
  const add = (container: string, id: string) => {
    const list = members.get(container);
    if (list) list.push(id);
    else members.set(container, [id]);
  };
  for (const id of Object.keys(groups)) add(containerOf(id), id);
  for (const id of Object.keys(tasks)) add(containerOf(id), id);

  const chains = new Map<string, string[]>([[ROOT, [ROOT]]]);
  const chainOf = (id: string): string[] => {
    const known = chains.get(id);
    if (known) return known;
    const chain = [...chainOf(containerOf(id)), id];
    chains.set(id, chain);
    return chain;
  };

  // Edges between members of the same container, in the order first linked, with how many task-level edges each
  // stands for; found by their ends (two lookups, no joined key string per wire).
  const edges = new Map<string, { list: LayeredEdge[]; byEnds: Map<string, Map<string, LayeredEdge>> }>();
  const link = (from: string, to: string, ports?: { output: string; input: string }) => {
    if (from === to || !(hasOwnName(tasks, from) || hasOwnName(groups, from)) || !(hasOwnName(tasks, to) || hasOwnName(groups, to))) return;
    const a = chainOf(from);
    const b = chainOf(to);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const x = a[i];
    const y = b[i];
    const container = a[i - 1];
    if (x === undefined || y === undefined || container === undefined || conditionOf(x) !== undefined || conditionOf(y) !== undefined) return;
    let inContainer = edges.get(container);
    if (!inContainer) edges.set(container, (inContainer = { list: [], byEnds: new Map() }));
    let byEnd = inContainer.byEnds.get(x);
    if (!byEnd) inContainer.byEnds.set(x, (byEnd = new Map()));
    const edge = byEnd.get(y);
    if (edge) edge.weight++;
    else {
      // A wire between two tasks of this container leaves and enters at its ports; one between groups, at their middles.
      const fromOffset = ports && x === from ? options.portOffset?.(from, 'output', ports.output) : undefined;
      const toOffset = ports && y === to ? options.portOffset?.(to, 'input', ports.input) : undefined;
      const edge: LayeredEdge = { from: x, to: y, weight: 1 };
      if (fromOffset !== undefined) edge.fromOffset = fromOffset;
      if (toOffset !== undefined) edge.toOffset = toOffset;
      byEnd.set(y, edge);
      inContainer.list.push(edge);
    }
  };
  for (const task of Object.values(tasks)) {
    // One edge per producer, as before; a producer wired to an input gives its first wire's ports.
    const wired = new Set<string>();
    const args = task.arguments;
    for (const input of Object.keys(args)) {
      const arg = args[input] as Argument;
      if (arg.kind !== 'taskOutput' || wired.has(arg.task)) continue;
      wired.add(arg.task);
      link(arg.task, task.id, { output: arg.output, input });
    }
    // Then every other producer and `after` task once, in that order (`wired` doubles as the set of those linked).
    const linkOnce = (u: string) => {
      if (wired.has(u)) return;
      wired.add(u);
      link(u, task.id);
    };
    for (const arg of Object.values(task.arguments)) for (const u of producers(arg)) linkOnce(u);
    for (const u of task.after) linkOnce(u);
  }
  for (const group of Object.values(groups)) {
    if (group.kind === 'parallelFor') for (const u of producers(group.items)) link(u, group.id);
    if (group.kind === 'condition') {
      for (const b of group.branches) if (b.when) for (const u of [...producers(b.when.left), ...producers(b.when.right)]) link(u, group.id);
    }
    if (group.kind === 'exitHandler' && group.exitTask) link(group.id, group.exitTask);
  }

  const blocks = new Map<string, Block>();
  const sizeOf = (id: string): Size => {
    if (hasOwnName(tasks, id)) return taskSize(id);
    const block = blockOf(id);
    if (block.at.size) return framedSize(block.size);
    return conditionOf(id) !== undefined ? EMPTY_BRANCH : EMPTY_GROUP;
  };
  const blockOf = (container: string): Block => {
    const known = blocks.get(container);
    if (known) return known;
    const ids = members.get(container) ?? [];
    const group = own(groups, container);
    const branches = group?.kind === 'condition' ? group.branches.filter((b) => conditionOf(b.id) === container).map((b) => b.id) : [];
    const block = layered(ids, sizeOf, edges.get(container)?.list ?? [], { direction, nodeGap, rankGap });
    const result = branches.length ? stackBelow(branchRow(branches, sizeOf), block, rankGap) : block;
    blocks.set(container, result);
    return result;
  };

  const layout = nameRecord<NodePosition>();
  const place = (container: string, origin: Point) => {
    for (const [id, rel] of blockOf(container).at) {
      const x = origin.x + rel.x;
      const y = origin.y + rel.y;
      if (hasOwnName(tasks, id)) {
        layout[id] = { x, y };
        continue;
      }
      const occupied = blockOf(id).at.size > 0;
      // An occupied group's stored box is only a minimum (the canvas grows it around the members), so it is a point at
      // the frame's corner: a member later dragged out does not leave the frame stretched after it.
      if (hasOwnName(groups, id)) layout[id] = occupied ? { x, y, width: 1, height: 1 } : { x, y, ...EMPTY_GROUP };
      if (occupied) place(id, { x: x + FRAME_INSET.x, y: y + FRAME_INSET.y });
    }
  };
  place(ROOT, options.origin ?? { x: 20, y: 20 });
  return layout;
}

/** The branches of a condition side by side, in order, FRAME_PAD apart. */
function branchRow(branches: string[], sizeOf: (id: string) => Size): Block {
  const at = new Map<string, Point>();
  let x = 0;
  let height = 0;
  for (const id of branches) {
    const size = sizeOf(id);
    at.set(id, { x, y: 0 });
    x += size.width + FRAME_PAD;
    height = Math.max(height, size.height);
  }
  return { size: { width: Math.max(0, x - FRAME_PAD), height }, at };
}

function stackBelow(top: Block, bottom: Block, gap: number): Block {
  if (!bottom.at.size) return top;
  const at = new Map(top.at);
  const dy = top.size.height + gap;
  for (const [id, p] of bottom.at) at.set(id, { x: p.x, y: p.y + dy });
  return { size: { width: Math.max(top.size.width, bottom.size.width), height: dy + bottom.size.height }, at };
}

// What moving a frame and dropping a step mean for the document: a frame carries everything inside it; a step or
// group let go over a frame moves into that group or branch (setParent), and let go outside all frames leaves it.
import type { PipelineChange } from '../model/changes';
import type { NodePosition, PipelineDocument } from '../model/document';
import { containerAt, type Frame } from '../layout/group-frames';
import { graphIndex } from '../model/graph-index';
import { nameRecord, own } from '../names/names';

/** New positions for a frame's group and everything inside it, moved by `delta` from where they were in `before`. */
export function frameMovePositions(before: PipelineDocument, frame: Frame, delta: { x: number; y: number }): { [id: string]: NodePosition } {
  const graph = before.graph;
  const container = frame.id;
  const inside = graphIndex(graph).descendantsOf(container);
  const positions = nameRecord<NodePosition>();
  for (const id of [...inside.tasks, ...inside.groups]) {
    const at = own(graph.layout, id);
    if (at) positions[id] = { ...at, x: at.x + delta.x, y: at.y + delta.y };
  }
  if (frame.kind !== 'branch') {
    const at = own(graph.layout, frame.id) ?? { x: frame.x, y: frame.y, width: frame.width, height: frame.height };
    positions[frame.id] = { ...at, x: at.x + delta.x, y: at.y + delta.y };
  }
  return positions;
}

export interface DroppedNode {
  id: string;
  /** The dropped node's centre, in flow coordinates. */
  centre: { x: number; y: number };
}

/** setParent changes for nodes let go at the end of a drag, judged against the frames as they were when it began. */
export function dropParentChanges(document: PipelineDocument, frames: ReadonlyMap<string, Frame>, dropped: readonly DroppedNode[]): PipelineChange[] {
  const graph = document.graph;
  const movingFrames = new Set(dropped.map((d) => d.id).filter((id) => frames.has(id)));
  const carried = new Set<string>();
  for (const id of movingFrames) {
    const inside = graphIndex(graph).descendantsOf(id);
    for (const x of [...inside.tasks, ...inside.groups]) carried.add(x);
  }
  const byTarget = new Map<string | null, string[]>();
  for (const node of dropped) {
    if (carried.has(node.id)) continue;
    const task = own(graph.tasks, node.id);
    const group = own(graph.groups, node.id);
    if (!task && !group) continue;
    const target = containerAt(frames, node.centre, new Set([node.id])) ?? null;
    if ((target ?? undefined) === (task ?? group)?.parent) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), node.id]);
  }
  return [...byTarget.entries()].map(([parent, ids]) => ({ type: 'setParent', ids, parent }));
}

// Where groups are drawn: each group (and each branch of a condition) is a frame around its members. A frame is at
// least its stored layout box and grows to hold its members; an empty branch gets a slot beside its siblings.
import { EMPTY_BRANCH, EMPTY_GROUP, FRAME_HEADER, FRAME_PAD } from './frame-geometry';
import type { Argument, ConditionBranch, Group, PipelineGraph } from '../model/document';
import { graphIndex } from '../model/graph-index';
import { own as ownValue } from '../names/names';

export interface Frame {
  id: string;
  kind: Group['kind'] | 'branch';
  /** For a branch: the condition group it belongs to. */
  owner?: string;
  /** The container (group or branch) this frame sits in. */
  parent?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  title: string;
  detail: string;
}

export { FRAME_HEADER, FRAME_PAD };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function union(boxes: Box[]): Box | undefined {
  if (!boxes.length) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function padded(box: Box): Box {
  return { x: box.x - FRAME_PAD, y: box.y - FRAME_PAD - FRAME_HEADER, width: box.width + 2 * FRAME_PAD, height: box.height + 2 * FRAME_PAD + FRAME_HEADER };
}

export function argumentText(argument: Argument | undefined): string {
  if (!argument) return '?';
  switch (argument.kind) {
    case 'constant':
      return JSON.stringify(argument.value);
    case 'graphInput':
      return argument.input;
    case 'taskOutput':
    case 'collected':
      return `${argument.task}.${argument.output}`;
    case 'loopItem':
      return argument.field ? `item.${argument.field}` : 'item';
    default:
      return argument.kind;
  }
}

export function branchText(group: Extract<Group, { kind: 'condition' }>, branch: ConditionBranch): string {
  const index = group.branches.indexOf(branch);
  if (!branch.when) return 'else';
  const { left, operator, right } = branch.when;
  return `${index === 0 ? 'if' : 'elif'} ${argumentText(left)} ${operator} ${argumentText(right)}`;
}

export function groupTitle(group: Group): string {
  const name = group.displayName || group.id;
  return group.kind === 'condition' ? `Condition ${name}` : group.kind === 'parallelFor' ? `Parallel for ${name}` : `Exit handler ${name}`;
}

function groupDetail(group: Group): string {
  if (group.kind === 'parallelFor') return `each item of ${argumentText(group.items)}${group.parallelism ? `, ${group.parallelism} at a time` : ''}`;
  if (group.kind === 'exitHandler') return group.exitTask ? `then always ${group.exitTask}` : 'choose the exit task';
  return `${group.branches.length} branch${group.branches.length === 1 ? '' : 'es'}`;
}

/** Frames by id (groups and branches), computed from the graph's layout and the tasks' drawn sizes. */
export function computeFrames(graph: PipelineGraph, taskSize: (id: string) => { width: number; height: number }): Map<string, Frame> {
  const frames = new Map<string, Frame>();
  const index = graphIndex(graph);
  const visiting = new Set<string>();

  const contentBox = (container: string, depth: number): Box | undefined => {
    const entry = index.childrenOf(container);
    const boxes: Box[] = [];
    for (const id of entry.tasks) {
      const at = ownValue(graph.layout, id);
      if (at) boxes.push({ x: at.x, y: at.y, ...taskSize(id) });
    }
    for (const id of entry.groups) {
      const frame = groupFrame(id, container, depth);
      if (frame) boxes.push(frame);
    }
    return union(boxes);
  };

  const groupFrame = (id: string, parent: string | undefined, depth: number): Frame | undefined => {
    const group = ownValue(graph.groups, id);
    if (!group || visiting.has(id)) return frames.get(id);
    visiting.add(id);
    const stored = ownValue(graph.layout, id);
    const base: Box = { x: stored?.x ?? 0, y: stored?.y ?? 0, width: stored?.width ?? EMPTY_GROUP.width, height: stored?.height ?? EMPTY_GROUP.height };
    const inner: Box[] = [];
    const own = contentBox(id, depth + 2);
    if (own) inner.push(padded(own));
    if (group.kind === 'condition') {
      let nextX = base.x + FRAME_PAD;
      group.branches.forEach((branch, index) => {
        const content = contentBox(branch.id, depth + 2);
        const box = content ? padded(content) : { x: nextX, y: base.y + FRAME_HEADER + FRAME_PAD, ...EMPTY_BRANCH };
        nextX = box.x + box.width + FRAME_PAD;
        frames.set(branch.id, {
          id: branch.id,
          kind: 'branch',
          owner: id,
          parent: id,
          ...box,
          depth: depth + 1,
          title: `${group.displayName || group.id} branch ${index + 1}`,
          detail: branchText(group, branch),
        });
        inner.push(padded(box));
      });
    }
    const box = union([base, ...inner]) as Box;
    const frame: Frame = { id, kind: group.kind, ...box, depth, title: groupTitle(group), detail: groupDetail(group), ...(parent !== undefined ? { parent } : {}) };
    frames.set(id, frame);
    return frame;
  };

  // Two depth steps a group: its branches sit between it and what they hold.
  const depthOf = (id: string): number => index.groupAncestors(id).filter((c) => index.groups.has(c)).length * 2;
  for (const [id, group] of index.groups) if (!frames.has(id)) groupFrame(id, group.parent, depthOf(id));
  return frames;
}

/** The innermost container (group or branch) whose frame holds the point, skipping `exclude` and frames inside it. */
export function containerAt(frames: ReadonlyMap<string, Frame>, point: { x: number; y: number }, exclude: ReadonlySet<string> = new Set()): string | undefined {
  const inside = (frame: Frame): boolean => {
    for (let current: Frame | undefined = frame, hops = 0; current && hops < 100; hops++) {
      if (exclude.has(current.id)) return true;
      current = current.parent !== undefined ? frames.get(current.parent) : undefined;
    }
    return false;
  };
  let best: Frame | undefined;
  for (const frame of frames.values()) {
    if (point.x < frame.x || point.x > frame.x + frame.width || point.y < frame.y || point.y > frame.y + frame.height) continue;
    if (inside(frame)) continue;
    if (!best || frame.depth > best.depth) best = frame;
  }
  if (best?.kind === 'condition') {
    const firstBranch = [...frames.values()].find((f) => f.owner === best?.id);
    return firstBranch?.id;
  }
  return best?.id;
}

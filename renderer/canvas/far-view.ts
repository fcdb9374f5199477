// What the zoomed-out canvas draws, as plain data: a box per step and frame, one path for all wires, and which step a
// point falls on. Below FAR_ZOOM the canvas draws this (FarView) instead of React Flow's nodes and edges: port text
// is unreadable there anyway, and a thousand DOM nodes and wire SVGs made every pan frame cost 100 ms or more.
import type { Edge } from '@xyflow/react';
import type { PipelineDocument } from '../../shared/model/document';
import { estimatedGeometry, type CanvasNode } from './flow-model';
import { graphIndex } from '../../shared/model/graph-index';
import { own } from '../../shared/names/names';
import { TYPICAL_TASK } from '../../shared/layout/task-size';

/** Below this zoom port names (12 px) and types (11 px) would be under 6 px on screen: steps are drawn as boxes. */
export const FAR_ZOOM = 0.5;
/** Below this zoom step names are not drawn either (their letters would be under about 5 px). */
export const LABEL_ZOOM = 0.2;
/** Step names in the far view, in canvas units: 13 px on screen at FAR_ZOOM. */
export const FAR_NAME_SIZE = 26;

export interface FarBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FarTask extends FarBox {
  name: string;
}

export interface FarFrame extends FarBox {
  title: string;
}

type Sizes = ReadonlyMap<string, { width: number; height: number }>;

export function boxOf(node: CanvasNode, sizes: Sizes): FarBox {
  const size = sizes.get(node.id);
  return {
    id: node.id,
    x: node.position.x,
    y: node.position.y,
    width: size?.width ?? node.width ?? node.measured?.width ?? TYPICAL_TASK.width,
    height: size?.height ?? node.height ?? node.measured?.height ?? TYPICAL_TASK.height,
  };
}

/** A name cut to what fits across `width` canvas units at FAR_NAME_SIZE. */
export function fittedName(name: string, width: number): string {
  const room = Math.max(Math.floor((width - 16) / (FAR_NAME_SIZE * 0.58)), 3);
  return name.length <= room ? name : `${name.slice(0, room - 1)}…`;
}

export function farTasks(nodes: readonly CanvasNode[], sizes: Sizes): FarTask[] {
  return nodes.flatMap((n) => (n.type === 'task' ? [{ ...boxOf(n, sizes), name: n.data.label }] : []));
}

export function farFrames(nodes: readonly CanvasNode[], sizes: Sizes): FarFrame[] {
  return nodes.flatMap((n) => (n.type === 'frame' ? [{ ...boxOf(n, sizes), title: n.data.frame.kind === 'branch' ? n.data.frame.detail : n.data.frame.title }] : []));
}

export type Point = { x: number; y: number };
type Offset = (id: string) => Point;
const still: Offset = () => ({ x: 0, y: 0 });

export type HandleSpots = ReadonlyMap<string, ReadonlyMap<string, Point>>;

/** Where each handle of a task sits inside its box (the same estimate React Flow starts from before measuring). */
export function handleSpots(document: PipelineDocument): Map<string, Map<string, Point>> {
  const spots = new Map<string, Map<string, Point>>();
  for (const task of graphIndex(document.graph).tasks.values()) {
    const handles = estimatedGeometry(task, own(document.components, task.component)).handles ?? [];
    spots.set(task.id, new Map(handles.map((h) => [h.id ?? '', { x: h.x + (h.width ?? 0) / 2, y: h.y + (h.height ?? 0) / 2 }])));
  }
  return spots;
}

export interface WirePaths {
  /** Data wires, as one SVG path. */
  data: string;
  /** Ordering edges ("runs after"), as one SVG path. */
  after: string;
}

/**
 * The wires among `tasks`, as two SVG paths. `offset` moves some tasks (those being dragged); `only` keeps the
 * edges it accepts (the drag redraws only the wires of the moving steps).
 */
export function wirePaths(spots: HandleSpots, edges: readonly Edge[], tasks: ReadonlyMap<string, FarBox>, offset: Offset = still, only: (edge: Edge) => boolean = () => true): WirePaths {
  const parts = { data: [] as string[], after: [] as string[] };
  for (const edge of edges) {
    if (!only(edge)) continue;
    const from = tasks.get(edge.source);
    const to = tasks.get(edge.target);
    if (!from || !to) continue;
    const ordering = edge.data?.kind === 'after';
    // Ordering edges leave a step's bottom for the next one's top; wires leave an output's row for an input's row.
    const fromSpot = ordering ? { x: from.width / 2, y: from.height } : (spots.get(edge.source)?.get(edge.sourceHandle ?? '') ?? { x: from.width, y: from.height / 2 });
    const toSpot = ordering ? { x: to.width / 2, y: 0 } : (spots.get(edge.target)?.get(edge.targetHandle ?? '') ?? { x: 0, y: to.height / 2 });
    const [a, b] = [offset(edge.source), offset(edge.target)];
    const s = { x: from.x + a.x + Math.min(fromSpot.x, from.width), y: from.y + a.y + Math.min(fromSpot.y, from.height) };
    const t = { x: to.x + b.x + Math.max(toSpot.x, 0), y: to.y + b.y + Math.min(toSpot.y, to.height) };
    const bend = Math.max(40, (ordering ? Math.abs(t.y - s.y) : Math.abs(t.x - s.x)) / 2);
    const path = ordering
      ? `M${r(s.x)},${r(s.y)}C${r(s.x)},${r(s.y + bend)} ${r(t.x)},${r(t.y - bend)} ${r(t.x)},${r(t.y)}`
      : `M${r(s.x)},${r(s.y)}C${r(s.x + bend)},${r(s.y)} ${r(t.x - bend)},${r(t.y)} ${r(t.x)},${r(t.y)}`;
    (ordering ? parts.after : parts.data).push(path);
  }
  return { data: parts.data.join(''), after: parts.after.join('') };
}

const r = (n: number) => Math.round(n);

// Boxes placed in ranks along their edges, packed against (0, 0). Dagre does this well for a few dozen boxes but takes
// seconds for a thousand (its ranking and crossing reduction grow much faster than the graph), so a container with many
// members gets a plain linear-time layering instead: longest-path ranks, a few barycentre sweeps to order each rank,
// and each box placed near its predecessors without overlapping its neighbours.
import dagre from '@dagrejs/dagre';
import type { Size } from '../layout/frame-geometry';
import { compareLayouts } from './layout-score';

export type LayoutDirection = 'TB' | 'LR';

export interface Point {
  x: number;
  y: number;
}

/** Members placed relative to the top-left of their union, and that union's size. */
export interface Block {
  size: Size;
  at: Map<string, Point>;
}

export interface LayeredEdge {
  from: string;
  to: string;
  weight: number;
  /** Where the wire leaves `from` and enters `to`: the ports' distance from the box's top (LR) or left (TB); the middle when absent. */
  fromOffset?: number;
  toOffset?: number;
}

export interface LayeredOptions {
  direction: LayoutDirection;
  nodeGap: number;
  rankGap: number;
}

/** Above this many boxes in one container, the linear layering replaces dagre. */
export const DAGRE_LIMIT = 100;

export function layered(ids: readonly string[], sizeOf: (id: string) => Size, edges: readonly LayeredEdge[], options: LayeredOptions): Block {
  const sizes = new Map(ids.map((id) => [id, sizeOf(id)]));
  if (ids.length <= 1) {
    const at = new Map<string, Point>(ids.map((id) => [id, { x: 0, y: 0 }]));
    return { size: ids[0] !== undefined ? (sizes.get(ids[0]) as Size) : { width: 0, height: 0 }, at };
  }
  const ranked = ids.length <= DAGRE_LIMIT ? dagreLayered(ids, sizes, edges, options) : linearLayered(ids, sizes, edges, options);
  if (ids.length > DAGRE_LIMIT) return packed(alignedToPorts(ranked, sizes, edges, options), sizes);
  // Dagre places boxes by their middles, balanced, leaving room for wires that pass a rank; lining ports up is
  // straighter but can hide a wire behind a step or cross more wires on a dense graph. The better of the two wins
  // (layout-score.ts); on a tie, the straight one.
  const balanced = new Map([...ranked.at].map(([id, p]) => [id, { ...p }]));
  const straight = alignedToPorts(ranked, sizes, edges, options);
  return packed(compareLayouts(straight, balanced, sizes, edges, options.direction) <= 0 ? straight : balanced, sizes);
}

/** Positions, and each box's rank (its column, LR; its row, TB). */
interface Ranked {
  at: Map<string, Point>;
  ranks: string[][];
}

/**
 * Within each rank, from the first: each box is ordered and placed where its input ports line up with the output
 * ports that feed them (so wires run straight and leave a step in its port order), pushed along only as far as it
 * must be to clear the box before it. A box fed by nothing keeps its place. The ranks' order across stays the
 * layering's, so no wire turns back.
 */
function alignedToPorts({ at, ranks }: Ranked, sizes: Map<string, Size>, edges: readonly LayeredEdge[], options: LayeredOptions): Map<string, Point> {
  const horizontal = options.direction === 'TB';
  const cross = (s: Size) => (horizontal ? s.width : s.height);
  const crossOf = (p: Point) => (horizontal ? p.x : p.y);
  const incoming = new Map<string, LayeredEdge[]>();
  for (const e of edges) if (e.from !== e.to) (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to))?.push(e);
  const rankOf = new Map<string, number>();
  ranks.forEach((rank, r) => rank.forEach((id) => rankOf.set(id, r)));
  ranks.forEach((rank, r) => {
    const wanted = new Map<string, number>();
    for (const id of rank) {
      const size = sizes.get(id) as Size;
      let sum = 0;
      let weight = 0;
      for (const e of incoming.get(id) ?? []) {
        const from = at.get(e.from);
        if (!from || (rankOf.get(e.from) ?? r) >= r) continue;
        const fromSize = sizes.get(e.from) as Size;
        sum += e.weight * (crossOf(from) + (e.fromOffset ?? cross(fromSize) / 2) - (e.toOffset ?? cross(size) / 2));
        weight += e.weight;
      }
      wanted.set(id, weight ? sum / weight : crossOf(at.get(id) as Point));
    }
    const order = [...rank].sort((a, b) => (wanted.get(a) as number) - (wanted.get(b) as number) || crossOf(at.get(a) as Point) - crossOf(at.get(b) as Point));
    let cursor = -Infinity;
    for (const id of order) {
      const p = at.get(id) as Point;
      const start = Math.max(cursor, wanted.get(id) as number);
      if (horizontal) p.x = start;
      else p.y = start;
      cursor = start + cross(sizes.get(id) as Size) + options.nodeGap;
    }
  });
  return at;
}

/** Moves the boxes so their union starts at (0, 0), with integer corners. */
function packed(at: Map<string, Point>, sizes: Map<string, Size>): Block {
  let minX = Infinity;
  let minY = Infinity;
  for (const p of at.values()) {
    p.x = Math.round(p.x);
    p.y = Math.round(p.y);
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
  }
  let width = 0;
  let height = 0;
  for (const [id, p] of at) {
    const size = sizes.get(id) as Size;
    p.x -= minX;
    p.y -= minY;
    width = Math.max(width, p.x + size.width);
    height = Math.max(height, p.y + size.height);
  }
  return { size: { width, height }, at };
}

// Dagre keeps its nodes and edges in plain objects keyed by id, so a name such as `__proto__` or `constructor` would
// reach (and pollute) Object.prototype: dagre only ever sees positions in `ids`, and edges between boxes of `ids`.
function dagreLayered(ids: readonly string[], sizes: Map<string, Size>, edges: readonly LayeredEdge[], options: LayeredOptions): Ranked {
  const index = new Map(ids.map((id, i) => [id, `n${i}`]));
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: options.direction, nodesep: options.nodeGap, ranksep: options.rankGap, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(index.get(id) as string, { ...sizes.get(id) });
  for (const e of edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from !== undefined && to !== undefined) g.setEdge(from, to, { weight: e.weight, minlen: 1 });
  }
  dagre.layout(g);
  const at = new Map<string, Point>();
  // Dagre centres each rank on one line across the direction: boxes sharing a centre there share a rank.
  const byCentre = new Map<number, string[]>();
  for (const id of ids) {
    const node = g.node(index.get(id) as string) as { x: number; y: number };
    const size = sizes.get(id) as Size;
    at.set(id, { x: node.x - size.width / 2, y: node.y - size.height / 2 });
    const centre = Math.round(options.direction === 'LR' ? node.x : node.y);
    (byCentre.get(centre) ?? byCentre.set(centre, []).get(centre))?.push(id);
  }
  const ranks = [...byCentre.entries()].sort((a, b) => a[0] - b[0]).map(([, rank]) => rank);
  return { at, ranks };
}

// Boxes are numbered by their place in `ids`, and the passes below work on those numbers in arrays: the same steps as
// with maps keyed by id, in the same order (so the same positions), without hashing an id at each step.
function linearLayered(ids: readonly string[], sizes: Map<string, Size>, edges: readonly LayeredEdge[], options: LayeredOptions): Ranked {
  const n = ids.length;
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const preds: number[][] = [];
  const succs: number[][] = [];
  for (let i = 0; i < n; i++) {
    preds.push([]);
    succs.push([]);
  }
  for (const e of edges) {
    const from = indexOf.get(e.from);
    const to = indexOf.get(e.to);
    if (e.from === e.to || from === undefined || to === undefined) continue;
    (preds[to] as number[]).push(from);
    (succs[from] as number[]).push(to);
  }

  // Longest-path ranks in topological order; on a cycle the earliest remaining box goes next, its later
  // predecessors ignored.
  const rank = new Int32Array(n).fill(-1);
  const waiting = new Int32Array(n);
  const ready: number[] = [];
  for (let i = 0; i < n; i++) {
    waiting[i] = (preds[i] as number[]).length;
    if (waiting[i] === 0) ready.push(i);
  }
  let head = 0;
  let ranked = 0;
  let nextForced = 0;
  while (ranked < n) {
    let id: number;
    if (head < ready.length) id = ready[head++] as number;
    else {
      while ((rank[nextForced] as number) >= 0) nextForced++;
      id = nextForced;
    }
    if ((rank[id] as number) >= 0) continue;
    let r = 0;
    for (const u of preds[id] as number[]) {
      const ru = rank[u] as number;
      if (ru >= 0) r = Math.max(r, ru + 1);
    }
    rank[id] = r;
    ranked++;
    for (const v of succs[id] as number[]) {
      const left = (waiting[v] as number) - 1;
      waiting[v] = left;
      if (left === 0 && (rank[v] as number) < 0) ready.push(v);
    }
  }

  const layers: number[][] = [];
  for (let id = 0; id < n; id++) (layers[rank[id] as number] ??= []).push(id);
  const order = new Float64Array(n);
  layers.forEach((layer) => layer.forEach((id, i) => (order[id] = (i + 0.5) / layer.length)));
  const key = new Float64Array(n);
  const sweep = (range: number[], neighbours: number[][]) => {
    for (const r of range) {
      const layer = layers[r];
      if (!layer) continue;
      for (const id of layer) {
        const ns = neighbours[id] as number[];
        let sum = 0;
        for (const v of ns) sum += order[v] as number;
        key[id] = ns.length ? sum / ns.length : (order[id] as number);
      }
      // Stable: boxes with equal keys keep their order.
      layer.sort((a, b) => (key[a] as number) - (key[b] as number));
      layer.forEach((id, i) => (order[id] = (i + 0.5) / layer.length));
    }
  };
  const down = layers.map((_, r) => r).slice(1);
  const up = layers.map((_, r) => r).reverse().slice(1);
  for (let i = 0; i < 2; i++) {
    sweep(down, preds);
    sweep(up, succs);
  }

  const horizontal = options.direction === 'TB';
  const cross = (s: Size) => (horizontal ? s.width : s.height);
  const along = (s: Size) => (horizontal ? s.height : s.width);
  const centre = new Float64Array(n);
  const placedYet = new Uint8Array(n);
  const at = new Map<string, Point>();
  let main = 0;
  for (const layer of layers) {
    if (!layer) continue;
    let cursor = -Infinity;
    let depth = 0;
    for (const i of layer) {
      const id = ids[i] as string;
      const size = sizes.get(id) as Size;
      // The mean centre of the predecessors already placed.
      let sum = 0;
      let placed = 0;
      for (const u of preds[i] as number[]) {
        if (placedYet[u]) {
          sum += centre[u] as number;
          placed++;
        }
      }
      const want = placed ? sum / placed - cross(size) / 2 : cursor;
      const start = cursor === -Infinity ? (placed ? want : 0) : Math.max(cursor, want);
      centre[i] = start + cross(size) / 2;
      placedYet[i] = 1;
      at.set(id, horizontal ? { x: start, y: main } : { x: main, y: start });
      cursor = start + cross(size) + options.nodeGap;
      depth = Math.max(depth, along(size));
    }
    main += depth + options.rankGap;
  }
  return { at, ranks: layers.filter((layer) => layer !== undefined).map((layer) => layer.map((i) => ids[i] as string)) };
}

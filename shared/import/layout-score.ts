// How readable a layered layout's wires are, to choose between two placements of the same boxes: first how many wires
// pass behind a step they do not touch (a hidden wire cannot be followed), then how many pairs of wires cross. Wires
// are drawn as the canvas draws them (smoothstep): out of the output port, across to halfway, along to the input's
// level, and into the input port.
import type { Size } from '../layout/frame-geometry';
import type { LayeredEdge, LayoutDirection, Point } from './layered-layout';

/** A route's parts in the direction's own axes: two runs along (at a fixed `across`) and one step across between them. */
interface Route {
  edge: LayeredEdge;
  /** Out of the output port to halfway, and from halfway into the input port: [from, to, at]. */
  runs: [number, number, number][];
  /** Halfway along, from the output's level to the input's: [from, to, at]. */
  step: [number, number, number];
  /** Its bounding box: along from, along to, across from, across to. */
  box: [number, number, number, number];
}

/** Negative when `a` reads better than `b`, positive when worse, 0 when alike. */
export function compareLayouts(a: Map<string, Point>, b: Map<string, Point>, sizes: Map<string, Size>, edges: readonly LayeredEdge[], direction: LayoutDirection): number {
  const [hiddenA, crossingsA] = score(a, sizes, edges, direction);
  const [hiddenB, crossingsB] = score(b, sizes, edges, direction);
  return hiddenA - hiddenB || crossingsA - crossingsB;
}

function score(at: Map<string, Point>, sizes: Map<string, Size>, edges: readonly LayeredEdge[], direction: LayoutDirection): [number, number] {
  const lr = direction === 'LR';
  const along = (p: Point) => (lr ? p.x : p.y);
  const across = (p: Point) => (lr ? p.y : p.x);
  const length = (s: Size) => (lr ? s.width : s.height);
  const breadth = (s: Size) => (lr ? s.height : s.width);
  const routes: Route[] = edges.flatMap((edge) => {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    if (!from || !to || edge.from === edge.to) return [];
    const sa = sizes.get(edge.from) as Size;
    const sb = sizes.get(edge.to) as Size;
    const start: [number, number] = [along(from) + length(sa), across(from) + (edge.fromOffset ?? breadth(sa) / 2)];
    const end: [number, number] = [along(to), across(to) + (edge.toOffset ?? breadth(sb) / 2)];
    const middle = (start[0] + end[0]) / 2;
    const route: Route = {
      edge,
      runs: [
        [start[0], middle, start[1]],
        [middle, end[0], end[1]],
      ],
      step: [start[1], end[1], middle],
      box: [Math.min(start[0], end[0]), Math.max(start[0], end[0]), Math.min(start[1], end[1]), Math.max(start[1], end[1])],
    };
    return [route];
  });
  let hidden = 0;
  for (const route of routes) {
    for (const [id, p] of at) {
      if (id === route.edge.from || id === route.edge.to) continue;
      const size = sizes.get(id) as Size;
      const box = { a0: along(p), a1: along(p) + length(size), c0: across(p), c1: across(p) + breadth(size) };
      const runs = route.runs.some(([a0, a1, c]) => c > box.c0 && c < box.c1 && Math.max(a0, a1) > box.a0 && Math.min(a0, a1) < box.a1);
      const [c0, c1, a] = route.step;
      if (runs || (a > box.a0 && a < box.a1 && Math.max(c0, c1) > box.c0 && Math.min(c0, c1) < box.c1)) {
        hidden++;
        break;
      }
    }
  }
  let crossings = 0;
  for (let i = 0; i < routes.length; i++) {
    for (let j = i + 1; j < routes.length; j++) {
      const r = routes[i] as Route;
      const s = routes[j] as Route;
      if (r.edge.from === s.edge.from || r.edge.to === s.edge.to) continue;
      if (r.box[0] > s.box[1] || s.box[0] > r.box[1] || r.box[2] > s.box[3] || s.box[2] > r.box[3]) continue;
      if (r.runs.some((run) => cross(run, s.step)) || s.runs.some((run) => cross(run, r.step))) crossings++;
    }
  }
  return [hidden, crossings];
}

/** Whether a run along and a step across cross at a point inside both (touching ends do not count). */
function cross(run: readonly [number, number, number], step: readonly [number, number, number]): boolean {
  const [a0, a1, c] = run;
  const [c0, c1, a] = step;
  return a > Math.min(a0, a1) && a < Math.max(a0, a1) && c > Math.min(c0, c1) && c < Math.max(c0, c1);
}

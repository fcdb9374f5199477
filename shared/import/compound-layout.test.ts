import { describe, expect, it } from 'vitest';
import { EMPTY_BRANCH, EMPTY_GROUP, FRAME_HEADER, FRAME_PAD } from '../layout/frame-geometry';
import type { Argument, Group, NodePosition, PipelineGraph, Task } from '../model/document';
import { emptyGraph } from '../model/document';
import { task } from '../model/test-documents';
import { compoundLayout, type LayoutDirection } from './compound-layout';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const SIZE = { width: 240, height: 100 };
const out = (from: string): Argument => ({ kind: 'taskOutput', task: from, output: 'out' });
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (outer: Box, inner: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

function graphOf(tasks: Task[], groups: Group[]): PipelineGraph {
  const graph = emptyGraph();
  for (const t of tasks) graph.tasks[t.id] = t;
  for (const g of groups) graph.groups[g.id] = g;
  return graph;
}

function union(boxes: Box[]): Box | undefined {
  if (!boxes.length) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/**
 * Frames as the canvas draws them: the members' union with FRAME_PAD around it and a FRAME_HEADER bar on top, and at
 * least the group's stored box. (Empty branches are not drawn here; the test that has one checks its slot.)
 */
function frames(graph: PipelineGraph, layout: { [id: string]: NodePosition }): Map<string, Box> {
  const result = new Map<string, Box>();
  const frameOf = (container: string): Box | undefined => {
    const known = result.get(container);
    if (known) return known;
    const members: Box[] = [];
    for (const t of Object.values(graph.tasks)) if (t.parent === container && layout[t.id]) members.push({ ...(layout[t.id] as Box), ...SIZE });
    for (const g of Object.values(graph.groups)) if (g.parent === container) members.push(...[frameOf(g.id)].filter((f) => f !== undefined));
    const group = graph.groups[container];
    if (group?.kind === 'condition') for (const b of group.branches) members.push(...[frameOf(b.id)].filter((f) => f !== undefined));
    const content = union(members);
    const padded = content && { x: content.x - FRAME_PAD, y: content.y - FRAME_PAD - FRAME_HEADER, width: content.width + 2 * FRAME_PAD, height: content.height + 2 * FRAME_PAD + FRAME_HEADER };
    const stored = layout[container];
    const base = stored && { x: stored.x, y: stored.y, width: stored.width ?? EMPTY_GROUP.width, height: stored.height ?? EMPTY_GROUP.height };
    const box = union([padded, base].filter((b) => b !== undefined));
    if (box) result.set(container, box);
    return box;
  };
  for (const g of Object.values(graph.groups)) {
    frameOf(g.id);
    if (g.kind === 'condition') for (const b of g.branches) frameOf(b.id);
  }
  return result;
}

/** Overlaps and frames sticking out of their parents. */
function problems(graph: PipelineGraph, layout: { [id: string]: NodePosition }): string[] {
  const boxes = frames(graph, layout);
  const parentOf = (id: string): string | undefined => {
    const owner = Object.values(graph.groups).find((g) => g.kind === 'condition' && g.branches.some((b) => b.id === id));
    return owner ? owner.id : (graph.groups[id]?.parent ?? graph.tasks[id]?.parent);
  };
  const ancestors = (id: string) => {
    const list: string[] = [];
    for (let p = parentOf(id); p !== undefined && !list.includes(p); p = parentOf(p)) list.push(p);
    return list;
  };
  const all: [string, Box][] = [...boxes, ...Object.keys(graph.tasks).map((id): [string, Box] => [id, { ...(layout[id] as Box), ...SIZE }])];
  const found: string[] = [];
  all.forEach(([a, ba], i) => {
    for (const [b, bb] of all.slice(i + 1)) {
      if (ancestors(b).includes(a)) {
        if (!inside(ba, bb)) found.push(`${b} sticks out of ${a}`);
      } else if (ancestors(a).includes(b)) {
        if (!inside(bb, ba)) found.push(`${a} sticks out of ${b}`);
      } else if (overlap(ba, bb)) found.push(`${a} overlaps ${b}`);
    }
  });
  return found;
}

const layoutOf = (graph: PipelineGraph, direction: LayoutDirection = 'TB') => compoundLayout(graph, { direction, taskSize: () => SIZE });

/** source → condition (if: a → loop{b → c}; else: d) → sink, sink reading c's output from inside the loop. */
function nested(): PipelineGraph {
  return graphOf(
    [
      task('source', 'x'),
      task('a', 'x', { parent: 'cond-if' }),
      task('b', 'x', { parent: 'loop', arguments: { in: out('a') } }),
      task('c', 'x', { parent: 'loop', after: ['b'] }),
      task('d', 'x', { parent: 'cond-else' }),
      task('sink', 'x', { arguments: { in: { kind: 'collected', task: 'c', output: 'out' } } }),
      task('side', 'x'),
    ],
    [
      { kind: 'condition', id: 'cond', branches: [{ id: 'cond-if', when: { left: out('source'), operator: '==', right: { kind: 'constant', value: 'x' } } }, { id: 'cond-else' }] },
      { kind: 'parallelFor', id: 'loop', parent: 'cond-if', items: { kind: 'constant', value: [1, 2] } },
    ],
  );
}

describe('compound layout', () => {
  it('keeps nested frames inside their parents and clear of everything else', () => {
    const graph = nested();
    const layout = layoutOf(graph);
    expect(problems(graph, layout)).toEqual([]);
    const f = frames(graph, layout);
    expect(inside(f.get('cond') as Box, f.get('loop') as Box)).toBe(true);
    expect(inside(f.get('cond-if') as Box, f.get('loop') as Box)).toBe(true);
  });

  it('runs top to bottom, edges across group borders included', () => {
    const graph = nested();
    const layout = layoutOf(graph);
    const f = frames(graph, layout);
    const cond = f.get('cond') as Box;
    const loop = f.get('loop') as Box;
    // The condition reads source's output; sink reads c's, from two groups down.
    expect((layout.source?.y ?? 0) + SIZE.height).toBeLessThanOrEqual(cond.y);
    expect(cond.y + cond.height).toBeLessThanOrEqual(layout.sink?.y ?? 0);
    expect((layout.a?.y ?? 0) + SIZE.height).toBeLessThanOrEqual(loop.y);
    expect((layout.b?.y ?? 0) + SIZE.height).toBeLessThanOrEqual(layout.c?.y ?? 0);
  });

  it('puts the branches of a condition side by side in their order', () => {
    const graph = nested();
    const f = frames(graph, layoutOf(graph));
    const ifBranch = f.get('cond-if') as Box;
    const elseBranch = f.get('cond-else') as Box;
    expect(elseBranch.x).toBe(ifBranch.x + ifBranch.width + FRAME_PAD);
    expect(elseBranch.y).toBe(ifBranch.y);
  });

  it('leaves room for an empty branch where the canvas draws its slot', () => {
    const graph = nested();
    delete graph.tasks.d;
    // A second condition beside the first, also with an empty else, so one of the two slots faces the other condition.
    graph.tasks.e = task('e', 'x', { parent: 'two-if' });
    graph.groups.two = { kind: 'condition', id: 'two', branches: [{ id: 'two-if', when: { left: out('source'), operator: '!=', right: { kind: 'constant', value: 'x' } } }, { id: 'two-else' }] };
    const layout = layoutOf(graph);
    const f = frames(graph, layout);
    // Where the canvas draws an empty branch, and how far its condition's frame grows to hold it.
    const grownSlot = (condition: string, before: string): Box => {
      const previous = f.get(before) as Box;
      const slot = { x: previous.x + previous.width + FRAME_PAD, y: previous.y, ...EMPTY_BRANCH };
      return union([f.get(condition) as Box, { x: slot.x - FRAME_PAD, y: slot.y - FRAME_PAD - FRAME_HEADER, width: slot.width + 2 * FRAME_PAD, height: slot.height + 2 * FRAME_PAD + FRAME_HEADER }]) as Box;
    };
    const one = grownSlot('cond', 'cond-if');
    const two = grownSlot('two', 'two-if');
    expect(overlap(one, two)).toBe(false);
    for (const id of ['source', 'sink', 'side']) {
      expect(overlap({ ...(layout[id] as Box), ...SIZE }, one)).toBe(false);
      expect(overlap({ ...(layout[id] as Box), ...SIZE }, two)).toBe(false);
    }
  });

  it('gives an empty group a visible box that nothing covers', () => {
    const graph = graphOf([task('a', 'x'), task('b', 'x', { after: ['a'] })], [{ kind: 'parallelFor', id: 'empty', items: { kind: 'constant', value: [] } }]);
    const layout = layoutOf(graph);
    expect(layout.empty).toMatchObject(EMPTY_GROUP);
    expect(problems(graph, layout)).toEqual([]);
  });

  it('places an exit handler task after its group', () => {
    const graph = graphOf(
      [task('work', 'x', { parent: 'guard' }), task('more', 'x', { parent: 'guard', after: ['work'] }), task('cleanup', 'x')],
      [{ kind: 'exitHandler', id: 'guard', exitTask: 'cleanup' }],
    );
    const layout = layoutOf(graph);
    const guard = frames(graph, layout).get('guard') as Box;
    expect(problems(graph, layout)).toEqual([]);
    expect(guard.y + guard.height).toBeLessThanOrEqual(layout.cleanup?.y ?? 0);
  });

  it('runs left to right when asked', () => {
    const graph = nested();
    const layout = layoutOf(graph, 'LR');
    const cond = frames(graph, layout).get('cond') as Box;
    expect(problems(graph, layout)).toEqual([]);
    expect((layout.source?.x ?? 0) + SIZE.width).toBeLessThanOrEqual(cond.x);
    expect(cond.x + cond.width).toBeLessThanOrEqual(layout.sink?.x ?? 0);
  });

  it('lays out groups whose parents form a cycle instead of hanging', () => {
    const graph = graphOf(
      [task('a', 'x', { parent: 'g1' }), task('b', 'x', { parent: 'g2' })],
      [
        { kind: 'parallelFor', id: 'g1', parent: 'g2', items: { kind: 'constant', value: [1] } },
        { kind: 'parallelFor', id: 'g2', parent: 'g1', items: { kind: 'constant', value: [1] } },
      ],
    );
    const layout = layoutOf(graph);
    expect(Object.keys(layout).sort()).toEqual(['a', 'b', 'g1', 'g2']);
  });

  it('lays out a big container without overlaps, in order, with no blow-up', () => {
    const tasks: Task[] = [];
    for (let i = 0; i < 400; i++) {
      const ups = [i - 1, i - 7, Math.floor(i / 3)].filter((u) => u >= 0 && u < i).map((u) => `t${u}`);
      tasks.push(task(`t${i}`, 'x', { after: [...new Set(ups)], ...(i % 50 >= 40 ? { parent: `loop${Math.floor(i / 50)}` } : {}) }));
    }
    const groups: Group[] = Array.from({ length: 8 }, (_, k) => ({ kind: 'parallelFor', id: `loop${k}`, items: { kind: 'constant', value: [1] } }));
    const graph = graphOf(tasks, groups);
    const started = Date.now();
    const layout = layoutOf(graph);
    expect(Date.now() - started).toBeLessThan(15_000); // only a blow-up breaks this; speed is in the bench
    expect(problems(graph, layout)).toEqual([]);
    for (const t of tasks) {
      for (const u of t.after) {
        if (graph.tasks[u]?.parent === t.parent) expect((layout[u]?.y ?? 0) + SIZE.height).toBeLessThanOrEqual(layout[t.id]?.y ?? 0);
      }
    }
  });
});

// Every IR the real KFP SDK compiled (../shared/kfp/ir/valid), opened in the editor, is laid out so that nothing on the
// canvas covers anything else: judged with the canvas's own frames (shared/layout/group-frames), at the size a task is
// drawn before it is measured. The same holds after the Auto layout command, and for the 1,000-task synthetic pipeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { producers } from '../../shared/import/compound-layout';
import { importIr } from '../../shared/import/ir.import';
import { layoutGraph } from '../../shared/import/ir-layout';
import { estimatedTaskSize } from '../../shared/layout/task-size';
import { applyPipelineChanges } from '../../shared/model/changes';
import type { PipelineDocument } from '../../shared/model/document';
import { autoLayoutChange } from '../../shared/edit/auto-layout';
import { computeFrames, type Frame } from '../../shared/layout/group-frames';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (outer: Box, inner: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const show = (b: Box) => `(${b.x},${b.y} ${b.width}x${b.height})`;

/** Everything on the canvas that covers what it should not, or lies outside its frame, or flows against the direction. */
function layoutProblems(doc: PipelineDocument): string[] {
  const { graph } = doc;
  const sizeOf = (id: string) => {
    const task = graph.tasks[id];
    return estimatedTaskSize(task, task ? doc.components[task.component] : undefined);
  };
  const frames = computeFrames(graph, sizeOf);
  const problems: string[] = [];
  const taskBoxes = new Map<string, Box>();
  for (const id of Object.keys(graph.tasks)) {
    const at = graph.layout[id];
    if (!at) problems.push(`task ${id} has no position`);
    else taskBoxes.set(id, { x: at.x, y: at.y, ...sizeOf(id) });
  }
  /** The frames around a container, innermost first. */
  const framesAround = (container: string | undefined): string[] => {
    const out: string[] = [];
    for (let c = container; c !== undefined && frames.has(c) && !out.includes(c); c = frames.get(c)?.parent) out.push(c);
    return out;
  };
  const frameList = [...frames.values()];
  const ancestors = new Map<string, string[]>(frameList.map((f) => [f.id, framesAround(f.parent)]));

  frameList.forEach((a, i) => {
    for (const b of frameList.slice(i + 1)) {
      if (ancestors.get(b.id)?.includes(a.id)) {
        if (!inside(a, b)) problems.push(`frame ${b.id} ${show(b)} sticks out of ${a.id} ${show(a)}`);
      } else if (ancestors.get(a.id)?.includes(b.id)) {
        if (!inside(b, a)) problems.push(`frame ${a.id} ${show(a)} sticks out of ${b.id} ${show(b)}`);
      } else if (overlap(a, b)) problems.push(`frames ${a.id} ${show(a)} and ${b.id} ${show(b)} overlap`);
    }
  });
  for (const [id, box] of taskBoxes) {
    const around = framesAround(graph.tasks[id]?.parent);
    for (const frame of frameList) {
      if (around.includes(frame.id)) {
        if (!inside(frame, box)) problems.push(`task ${id} ${show(box)} sticks out of ${frame.id} ${show(frame)}`);
      } else if (overlap(frame, box)) problems.push(`task ${id} ${show(box)} overlaps frame ${frame.id} ${show(frame)}`);
    }
  }
  const byX = [...taskBoxes].sort((a, b) => a[1].x - b[1].x);
  byX.forEach(([id, a], i) => {
    for (let j = i + 1; j < byX.length; j++) {
      const [other, b] = byX[j] as [string, Box];
      if (b.x >= a.x + a.width) break;
      if (overlap(a, b)) problems.push(`tasks ${id} ${show(a)} and ${other} ${show(b)} overlap`);
    }
  });

  // An edge runs from the outermost box holding its producer to the one holding its consumer, in the flow direction.
  const outermostBoxes = (from: string, to: string): [Box, Box] | undefined => {
    const chain = (id: string) => [...framesAround(graph.tasks[id]?.parent).reverse(), id];
    const a = chain(from);
    const b = chain(to);
    let i = 0;
    while (a[i] !== undefined && a[i] === b[i]) i++;
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || frames.get(x)?.kind === 'branch' || frames.get(y)?.kind === 'branch') return undefined;
    const boxOf = (id: string): Box | undefined => frames.get(id) ?? taskBoxes.get(id);
    const bx = boxOf(x);
    const by = boxOf(y);
    return bx && by ? [bx, by] : undefined;
  };
  for (const task of Object.values(graph.tasks)) {
    for (const u of new Set([...Object.values(task.arguments).flatMap(producers), ...task.after])) {
      if (!graph.tasks[u] || u === task.id) continue;
      const boxes = outermostBoxes(u, task.id);
      if (!boxes) continue;
      const [a, b] = boxes;
      const forward = a.x + a.width <= b.x;
      if (!forward) problems.push(`edge ${u} -> ${task.id} runs against the flow: ${show(a)} then ${show(b)}`);
    }
  }
  return problems;
}

const nestingDepth = (doc: PipelineDocument): number => {
  const frames: ReadonlyMap<string, Frame> = computeFrames(doc.graph, () => ({ width: 240, height: 100 }));
  return Math.max(0, ...[...frames.values()].map((f) => f.depth + 1));
};

const files = listKfpFiles('ir/valid').filter((f) => /\.ya?ml$/.test(f));
if (!hasKfp) console.warn(KFP_MISSING_NOTE);

describe.skipIf(!hasKfp || !files.length)('opened IR is laid out without overlaps', () => {
  const docs = files.map((file) => [path.basename(file), importIr(readFileSync(file, 'utf8'))] as const);

  it('includes pipelines with groups nested in groups', () => {
    expect(docs.filter(([, doc]) => nestingDepth(doc) >= 3).length).toBeGreaterThanOrEqual(3);
  });

  it.each(docs)('%s, as imported (left to right)', (_name, doc) => {
    expect(layoutProblems(doc)).toEqual([]);
  });

  it.each(docs)('%s, after Auto layout', (_name, doc) => {
    expect(layoutProblems(applyPipelineChanges(doc, [autoLayoutChange(doc)]))).toEqual([]);
  });
});

describe('the 1,000-task synthetic pipeline', () => {
  it('is laid out without overlaps', () => {
    const doc = makeSyntheticPipeline(1000);
    layoutGraph(doc.graph, doc.components);
    expect(layoutProblems(doc)).toEqual([]);
  });

  it('keeps clear the slots the canvas draws for empty branches', () => {
    const doc = makeSyntheticPipeline(200);
    const elseBranches = new Set(Object.values(doc.graph.groups).flatMap((g) => (g.kind === 'condition' ? g.branches.filter((b) => !b.when).map((b) => b.id) : [])));
    const emptied = Object.values(doc.graph.tasks).filter((t) => t.parent !== undefined && elseBranches.has(t.parent));
    expect(emptied.length).toBeGreaterThan(0);
    for (const t of emptied) delete doc.graph.tasks[t.id];
    layoutGraph(doc.graph, doc.components);
    expect(layoutProblems(doc)).toEqual([]);
    expect(layoutProblems(applyPipelineChanges(doc, [autoLayoutChange(doc)]))).toEqual([]);
  });
});

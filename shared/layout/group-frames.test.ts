import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../model/changes';
import { twoStepDocument } from '../model/test-documents';
import { addGroupChanges } from '../edit/group-changes';
import { autoLayoutChange } from '../edit/auto-layout';
import { dropParentChanges, frameMovePositions } from '../edit/frame-drag';
import { computeFrames, containerAt } from './group-frames';
import { checkWire } from '../edit/wire-check';

const size = () => ({ width: 240, height: 100 });
const inside = (outer: { x: number; y: number; width: number; height: number }, inner: { x: number; y: number; width: number; height: number }) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

function withLoopAroundUse() {
  const doc = twoStepDocument();
  const { groupId, changes } = addGroupChanges(doc, 'parallelFor', ['use'], { x: 0, y: 0 });
  return { doc: applyPipelineChanges(doc, changes), loop: groupId };
}

describe('group frames', () => {
  it('puts the selected steps in a new group whose frame holds them', () => {
    const { doc, loop } = withLoopAroundUse();
    expect(doc.graph.tasks.use?.parent).toBe(loop);
    const frames = computeFrames(doc.graph, size);
    const frame = frames.get(loop);
    expect(frame && inside(frame, { ...(doc.graph.layout.use as { x: number; y: number }), ...size() })).toBe(true);
    expect(frame && inside(frame, { ...(doc.graph.layout.make as { x: number; y: number }), ...size() })).toBe(false);
  });

  it('draws each condition branch as its own frame inside the condition, labelled by its comparison', () => {
    const doc = twoStepDocument();
    const { groupId, changes } = addGroupChanges(doc, 'condition', ['use'], { x: 0, y: 0 });
    const next = applyPipelineChanges(doc, changes);
    const frames = computeFrames(next.graph, size);
    const group = next.graph.groups[groupId];
    if (group?.kind !== 'condition') throw new Error('no condition');
    const [ifBranch, elseBranch] = group.branches;
    expect(next.graph.tasks.use?.parent).toBe(ifBranch?.id);
    expect(frames.get(ifBranch?.id ?? '')?.detail).toBe("if label == \"x\"");
    expect(frames.get(elseBranch?.id ?? '')?.detail).toBe('else');
    for (const b of group.branches) expect(inside(frames.get(groupId) as never, frames.get(b.id) as never)).toBe(true);
    // A drop in the empty else branch lands there, not in the if branch.
    const elseFrame = frames.get(elseBranch?.id ?? '');
    if (!elseFrame) throw new Error('no else frame');
    expect(containerAt(frames, { x: elseFrame.x + 10, y: elseFrame.y + 40 })).toBe(elseBranch?.id);
  });

  it('moves everything inside a frame with it, and a step dropped outside leaves its group', () => {
    const { doc, loop } = withLoopAroundUse();
    const frames = computeFrames(doc.graph, size);
    const frame = frames.get(loop);
    if (!frame) throw new Error('no frame');
    const moved = frameMovePositions(doc, frame, { x: 100, y: 50 });
    expect(moved.use).toMatchObject({ x: (doc.graph.layout.use?.x ?? 0) + 100, y: (doc.graph.layout.use?.y ?? 0) + 50 });
    expect(moved.make).toBeUndefined();
    const out = dropParentChanges(doc, frames, [{ id: 'use', centre: { x: frame.x + frame.width + 400, y: frame.y } }]);
    expect(applyPipelineChanges(doc, out).graph.tasks.use?.parent).toBeUndefined();
    const backIn = dropParentChanges(doc, frames, [{ id: 'make', centre: { x: frame.x + 30, y: frame.y + 60 } }]);
    expect(applyPipelineChanges(doc, backIn).graph.tasks.make?.parent).toBe(loop);
    // Dropping where it already is changes nothing.
    expect(dropParentChanges(doc, frames, [{ id: 'use', centre: { x: frame.x + 30, y: frame.y + 60 } }])).toEqual([]);
  });

  it('auto layout keeps group members together inside their frame', () => {
    const { doc, loop } = withLoopAroundUse();
    const laid = applyPipelineChanges(doc, [autoLayoutChange(doc)]);
    const frames = computeFrames(laid.graph, size);
    const frame = frames.get(loop);
    const make = { ...(laid.graph.layout.make as { x: number; y: number }), ...size() };
    expect(frame && inside(frame, { ...(laid.graph.layout.use as { x: number; y: number }), ...size() })).toBe(true);
    expect(frame && (make.x + make.width <= frame.x || make.y + make.height <= frame.y || make.x >= frame.x + frame.width || make.y >= frame.y + frame.height)).toBe(true);
  });
});

describe('ordering edges', () => {
  const doc = twoStepDocument();
  const order = (source: string, target: string) => ({ source, sourceHandle: 'order:out', target, targetHandle: 'order:in' });

  it('lets a task run after another, but not after itself, twice, or in a cycle', () => {
    expect(checkWire(doc, order('make', 'use'))).toBeUndefined();
    expect(checkWire(doc, order('use', 'use'))).toMatch(/itself/);
    expect(checkWire(doc, order('use', 'make'))).toMatch(/cycle/);
    const after = applyPipelineChanges(doc, [{ type: 'addAfter', task: 'use', dependsOn: 'make' }]);
    expect(checkWire(after, order('make', 'use'))).toMatch(/already/);
    expect(checkWire(doc, { source: 'make', sourceHandle: 'order:out', target: 'use', targetHandle: 'in:data' })).toMatch(/bottom handle/);
  });
});

import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../../shared/model/changes';
import type { Task } from '../../shared/model/document';
import { twoStepDocument } from '../../shared/model/test-documents';
import { copySelection, PASTE_OFFSET, pasteChanges } from './clipboard';

describe('copy and paste', () => {
  it('gives pasted tasks fresh ids and keeps the wires among them', () => {
    const doc = twoStepDocument();
    const clip = copySelection(doc, ['make', 'use']);
    if (!clip) throw new Error('nothing copied');
    const { ids, changes } = pasteChanges(doc, clip);
    const next = applyPipelineChanges(doc, changes);
    expect(ids).toHaveLength(2);
    expect(ids.some((id) => id in doc.graph.tasks)).toBe(false);
    const [make, use] = ids as [string, string];
    expect(next.graph.tasks[use]?.arguments.data).toEqual({ kind: 'taskOutput', task: make, output: 'data' });
    expect(next.graph.tasks[use]?.arguments.label).toEqual({ kind: 'graphInput', input: 'label' });
    expect(next.graph.layout[make]).toEqual({ x: PASTE_OFFSET, y: PASTE_OFFSET });
    // The originals are untouched.
    expect(next.graph.tasks.use?.arguments.data).toEqual({ kind: 'taskOutput', task: 'make', output: 'data' });
  });

  it('keeps a wire from a task that was not copied, and drops one from a task that is gone', () => {
    const doc = twoStepDocument();
    doc.graph.tasks.use = { ...(doc.graph.tasks.use as Task), after: ['make'] };
    const clip = copySelection(doc, ['use']);
    if (!clip) throw new Error('nothing copied');
    const kept = applyPipelineChanges(doc, pasteChanges(doc, clip).changes);
    const copy = Object.values(kept.graph.tasks).find((t) => t.id !== 'use' && t.component === 'use');
    expect(copy?.arguments.data).toEqual({ kind: 'taskOutput', task: 'make', output: 'data' });
    expect(copy?.after).toEqual(['make']);
    const withoutMake = applyPipelineChanges(doc, [{ type: 'removeNodes', ids: ['make'] }]);
    const pasted = applyPipelineChanges(withoutMake, pasteChanges(withoutMake, clip).changes);
    const orphan = Object.values(pasted.graph.tasks).find((t) => t.id !== 'use');
    expect(orphan?.arguments.data).toBeUndefined();
    expect(orphan?.after).toEqual([]);
  });

  it('lands each further paste a step further away with new ids again', () => {
    const doc = twoStepDocument();
    const clip = copySelection(doc, ['make']);
    if (!clip) throw new Error('nothing copied');
    const once = applyPipelineChanges(doc, pasteChanges(doc, clip, 1).changes);
    const twice = pasteChanges(once, clip, 2);
    const after = applyPipelineChanges(once, twice.changes);
    expect(Object.keys(after.graph.tasks)).toHaveLength(4);
    expect(after.graph.layout[twice.ids[0] as string]).toEqual({ x: 2 * PASTE_OFFSET, y: 2 * PASTE_OFFSET });
  });
});

describe('pasted names', () => {
  it('names each pasted task as a copy, so every task on the canvas keeps its own name', () => {
    const doc = twoStepDocument();
    const clip = copySelection(doc, ['make']);
    if (!clip) throw new Error('nothing copied');
    const once = applyPipelineChanges(doc, pasteChanges(doc, clip).changes);
    const twice = applyPipelineChanges(once, pasteChanges(once, clip, 2).changes);
    expect(Object.values(twice.graph.tasks).map((t) => t.displayName || t.id).sort()).toEqual(['make', 'make (copy 2)', 'make (copy)', 'use']);
  });
});

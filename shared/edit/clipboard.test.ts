import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../model/changes';
import type { Task } from '../model/document';
import { validate } from '../validate/validate';
import { twoStepDocument } from '../model/test-documents';
import { copySelection, PASTE_OFFSET, pasteChanges } from './clipboard';
import { copyOf, groupedDocument } from './clipboard.fixtures';

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

describe('names taken from values', () => {
  it('follow the copies: a pasted secret named by a copied task reads the pasted task', () => {
    const doc = twoStepDocument();
    const fromMake = { kind: 'taskOutput', task: 'make', output: 'count' } as const;
    doc.graph.tasks.use = { ...(doc.graph.tasks.use as Task), options: { secrets: [{ kind: 'volume', secretName: '', mountPath: '/s', secretNameFrom: fromMake }], pvcs: [{ pvcName: 'fixed', mountPath: '/d' }] } };
    const clip = copySelection(doc, ['make', 'use']);
    if (!clip) throw new Error('nothing copied');
    const { ids, changes } = pasteChanges(doc, clip);
    const next = applyPipelineChanges(doc, changes);
    const [make, use] = ids as [string, string];
    expect(next.graph.tasks[use]?.options).toEqual({ secrets: [{ kind: 'volume', secretName: '', mountPath: '/s', secretNameFrom: { ...fromMake, task: make } }], pvcs: [{ pvcName: 'fixed', mountPath: '/d' }] });
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

describe('copy and paste of groups', () => {
  it('copies a group with its members and nested groups, under fresh ids, keeping the structure and the wires inside', () => {
    const doc = groupedDocument();
    const { ids, changes } = pasteChanges(doc, copyOf(doc, ['loop']));
    const next = applyPipelineChanges(doc, changes);
    expect(Object.keys(next.graph.tasks)).toHaveLength(5);
    expect(Object.keys(next.graph.groups)).toHaveLength(4);
    const [loop] = ids as [string];
    expect(ids).toHaveLength(1);
    expect(loop in doc.graph.groups).toBe(false);
    expect(next.graph.groups[loop]).toMatchObject({ kind: 'parallelFor', items: { kind: 'constant', value: [1, 2] } });
    const cond = Object.values(next.graph.groups).find((g) => g.kind === 'condition' && g.id !== 'cond');
    if (cond?.kind !== 'condition') throw new Error('condition not pasted');
    expect(cond.parent).toBe(loop);
    const [yes, no] = cond.branches;
    expect([yes?.id, no?.id].some((id) => id === 'cond-yes' || id === 'cond-no')).toBe(false);
    expect(yes?.when?.left).toEqual({ kind: 'loopItem', loop });
    expect(no?.when).toBeUndefined();
    const use = Object.values(next.graph.tasks).find((t) => t.parent === loop);
    const check = Object.values(next.graph.tasks).find((t) => t.parent === yes?.id);
    if (!use || !check) throw new Error('members not pasted');
    expect(check.arguments).toEqual({ data: { kind: 'taskOutput', task: use.id, output: 'model' }, label: { kind: 'loopItem', loop } });
    expect(check.after).toEqual([use.id]);
    // The validator finds nothing wrong with the pasted structure (groups, nesting, loop items, wires).
    expect(validate(next).filter((d) => d.code.startsWith('KFS1'))).toEqual([]);
    // The originals are untouched.
    expect(next.graph.tasks.check).toEqual(doc.graph.tasks.check);
    expect(next.graph.groups.cond).toEqual(doc.graph.groups.cond);
  });

  it('drops wires from things that were not copied, and keeps pipeline parameters', () => {
    const doc = groupedDocument();
    const next = applyPipelineChanges(doc, pasteChanges(doc, copyOf(doc, ['loop'])).changes);
    const use = Object.values(next.graph.tasks).find((t) => t.component === 'use' && t.id !== 'use' && t.after.length === 0);
    expect(use?.arguments).toEqual({ label: { kind: 'graphInput', input: 'label' } });
  });

  it('offsets frames and members by the same step, keeping frame sizes', () => {
    const doc = groupedDocument();
    const { ids, changes } = pasteChanges(doc, copyOf(doc, ['loop']), 2);
    const next = applyPipelineChanges(doc, changes);
    expect(next.graph.layout[ids[0] as string]).toEqual({ x: -20 + 2 * PASTE_OFFSET, y: 80 + 2 * PASTE_OFFSET, width: 400, height: 300 });
    const check = Object.values(next.graph.tasks).find((t) => t.id !== 'check' && t.after.length === 1);
    expect(next.graph.layout[check?.id as string]).toEqual({ x: 30 + 2 * PASTE_OFFSET, y: 240 + 2 * PASTE_OFFSET });
  });

  it('names pasted groups as copies, so every frame keeps its own title', () => {
    const doc = groupedDocument();
    const clip = copyOf(doc, ['loop']);
    const once = applyPipelineChanges(doc, pasteChanges(doc, clip).changes);
    const twice = applyPipelineChanges(once, pasteChanges(once, clip, 2).changes);
    const loops = Object.values(twice.graph.groups).filter((g) => g.kind === 'parallelFor');
    expect(loops.map((g) => g.displayName).sort()).toEqual(['Each shard', 'Each shard (copy 2)', 'Each shard (copy)']);
    const ids = Object.keys(twice.graph.groups).concat(Object.keys(twice.graph.tasks));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('copies the whole condition when one of its branches is selected, pasted inside the same loop', () => {
    const doc = groupedDocument();
    const clip = copyOf(doc, ['cond-no']);
    expect(clip.groups.map((g) => g.id)).toEqual(['cond']);
    expect(clip.tasks.map((t) => t.id)).toEqual(['check']);
    const { ids, changes } = pasteChanges(doc, clip);
    const next = applyPipelineChanges(doc, changes);
    const cond = next.graph.groups[ids[0] as string];
    expect(cond?.parent).toBe('loop');
    const check = Object.values(next.graph.tasks).find((t) => t.id !== 'check' && t.component === 'use' && t.parent !== 'loop');
    // `use` was not copied: the wire and the ordering edge from it go; the loop item still names the enclosing loop.
    expect(check?.arguments).toEqual({ label: { kind: 'loopItem', loop: 'loop' } });
    expect(check?.after).toEqual([]);
  });

  it('takes an exit handler with its exit task', () => {
    const doc = twoStepDocument();
    doc.graph.tasks.notify = { id: 'notify', component: 'make', arguments: {}, after: [], options: {} };
    doc.graph.groups = { guard: { kind: 'exitHandler', id: 'guard', exitTask: 'notify' } };
    doc.graph.tasks.make = { ...(doc.graph.tasks.make as Task), parent: 'guard' };
    const clip = copyOf(doc, ['guard']);
    const next = applyPipelineChanges(doc, pasteChanges(doc, clip).changes);
    const guard = Object.values(next.graph.groups).find((g) => g.id !== 'guard');
    if (guard?.kind !== 'exitHandler') throw new Error('exit handler not pasted');
    expect(guard.exitTask).not.toBe('notify');
    expect(next.graph.tasks[guard.exitTask]?.component).toBe('make');
    expect(next.graph.tasks[guard.exitTask]?.parent).toBeUndefined();
    expect(Object.values(next.graph.tasks).filter((t) => t.parent === guard.id)).toHaveLength(1);
  });
});

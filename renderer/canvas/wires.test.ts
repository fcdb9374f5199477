import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../../shared/model/changes';
import type { Task } from '../../shared/model/document';
import { twoStepDocument } from '../../shared/model/test-documents';
import { deleteChanges } from '../../shared/edit/delete-changes';
import { buildEdges, newNodeCache } from './flow-model';
import { loopDocument, oneOfDocument } from '../../shared/edit/wires.fixtures';

const wireInto = (edges: ReturnType<typeof buildEdges>, target: string, input: string) => edges.filter((e) => e.target === target && e.targetHandle === `in:${input}`);

describe('wires drawn on the canvas', () => {
  it('draws a collected loop output as a labelled wire from the producing port to the reader port', () => {
    const edges = buildEdges(loopDocument());
    const [wire, ...more] = wireInto(edges, 'total', 'counts');
    expect(more).toEqual([]);
    expect(wire).toMatchObject({ source: 'shard', sourceHandle: 'out:count', className: 'kfs-edge-collected', label: 'collected' });
    expect(wire?.ariaLabel).toBe('Wire from Shard output count to Total input counts, collected as a list over its loop');
    // Counted as a wire by what reads selections (ids of wires start with `data:`), and distinct from a plain one.
    expect(wire?.id.startsWith('data:')).toBe(true);
    expect(wire?.selectable).not.toBe(false);
  });

  it('draws one wire per source of a oneOf, and the task outputs inside a text template', () => {
    const edges = buildEdges(oneOfDocument());
    const oneOf = wireInto(edges, 'pick', 'best');
    expect(oneOf.map((e) => [e.source, e.sourceHandle, e.className, e.label])).toEqual([
      ['high', 'out:count', 'kfs-edge-oneof', 'one of'],
      ['low', 'out:count', 'kfs-edge-oneof', 'one of'],
    ]);
    const template = wireInto(edges, 'report', 'note');
    expect(template.map((e) => [e.source, e.sourceHandle, e.className, e.label])).toEqual([['pick', 'out:sum', 'kfs-edge-template', 'in text']]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('draws a template that reads one output twice as one wire, and none to a task that is gone', () => {
    const doc = oneOfDocument();
    const sum = { kind: 'taskOutput', task: 'pick', output: 'sum' } as const;
    doc.graph.tasks.report = { ...(doc.graph.tasks.report as Task), arguments: { note: { kind: 'template', parts: [sum, ' and ', sum, { kind: 'collected', task: 'ghost', output: 'x' }] } } };
    expect(wireInto(buildEdges(doc), 'report', 'note').map((e) => e.source)).toEqual(['pick']);
  });

  it('keeps plain wires as they were', () => {
    const [wire] = wireInto(buildEdges(twoStepDocument()), 'use', 'data');
    expect(wire).toMatchObject({ id: 'data:make.data->use.data', source: 'make', ariaLabel: 'Wire from make output data to use input data' });
    expect(wire?.className).toBeUndefined();
    expect(wire?.label).toBeUndefined();
  });

  it('reuses a collected wire while its two tasks are unchanged, and redraws it when the reader changes', () => {
    const cache = newNodeCache();
    const doc = loopDocument();
    const first = wireInto(buildEdges(doc, cache), 'total', 'counts')[0];
    const moved = applyPipelineChanges(doc, [{ type: 'moveNodes', positions: { total: { x: 5, y: 5 } } }]);
    expect(wireInto(buildEdges(moved, cache), 'total', 'counts')[0]).toBe(first);
    const renamed = applyPipelineChanges(moved, [{ type: 'updateTask', id: 'total', displayName: 'Sum' }]);
    expect(wireInto(buildEdges(renamed, cache), 'total', 'counts')[0]?.ariaLabel).toMatch(/to Sum input counts/);
  });
});

describe('deleting those wires', () => {
  it('removes a collected argument, leaving the reader input unset', () => {
    const doc = loopDocument();
    const next = applyPipelineChanges(doc, deleteChanges(wireInto(buildEdges(doc), 'total', 'counts'), []));
    expect(next.graph.tasks.total?.arguments).toEqual({});
    expect(buildEdges(next)).toEqual([]);
  });

  it('removes only the deleted source of a oneOf, and the argument with its last source', () => {
    const doc = oneOfDocument();
    const [high, low] = wireInto(buildEdges(doc), 'pick', 'best');
    if (!high || !low) throw new Error('oneOf wires not drawn');
    const once = applyPipelineChanges(doc, deleteChanges([high], []));
    expect(once.graph.tasks.pick?.arguments.best).toEqual({ kind: 'oneOf', sources: [{ task: 'low', output: 'count' }] });
    const both = applyPipelineChanges(doc, deleteChanges([high, low], []));
    expect(both.graph.tasks.pick?.arguments.best).toBeUndefined();
    expect(both.graph.tasks.pick?.arguments.counts).toEqual({ kind: 'constant', value: [] });
  });

  it('removes a text template whose wire is deleted', () => {
    const doc = oneOfDocument();
    const next = applyPipelineChanges(doc, deleteChanges(wireInto(buildEdges(doc), 'report', 'note'), []));
    expect(next.graph.tasks.report?.arguments.note).toBeUndefined();
    expect(next.graph.tasks.report?.arguments.counts).toBeDefined();
  });
});

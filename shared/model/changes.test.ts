import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from './changes';
import type { PipelineDocument } from './document';
import { task, twoStepDocument } from './test-documents';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('applyPipelineChanges', () => {
  it('adds a task and wires it, leaving the original document untouched', () => {
    const before = deepFreeze(twoStepDocument());
    const after = applyPipelineChanges(before, [
      { type: 'addTask', task: task('use-2', 'use'), position: { x: 200, y: 120 } },
      { type: 'setArgument', task: 'use-2', input: 'data', argument: { kind: 'taskOutput', task: 'make', output: 'data' } },
      { type: 'addAfter', task: 'use-2', dependsOn: 'use' },
    ]);
    expect(Object.keys(after.graph.tasks)).toEqual(['make', 'use', 'use-2']);
    expect(after.graph.tasks['use-2']?.arguments.data).toEqual({ kind: 'taskOutput', task: 'make', output: 'data' });
    expect(after.graph.tasks['use-2']?.after).toEqual(['use']);
    expect(after.graph.layout['use-2']).toEqual({ x: 200, y: 120 });
    expect(Object.keys(before.graph.tasks)).toEqual(['make', 'use']);
  });

  it('skips a task whose id is taken and an ordering edge to itself or to nothing', () => {
    const before = twoStepDocument();
    const after = applyPipelineChanges(before, [
      { type: 'addTask', task: task('make', 'use') },
      { type: 'removeNodes', ids: ['ghost'] },
      { type: 'addAfter', task: 'use', dependsOn: 'use' },
      { type: 'addAfter', task: 'use', dependsOn: 'ghost' },
    ]);
    expect(after).toBe(before);
  });

  it('removing a task removes the wires and ordering edges that pointed at it', () => {
    const doc = applyPipelineChanges(twoStepDocument(), [{ type: 'addAfter', task: 'use', dependsOn: 'make' }]);
    const after = applyPipelineChanges(doc, [{ type: 'removeNodes', ids: ['make'] }]);
    expect(after.graph.tasks.make).toBeUndefined();
    expect(after.graph.tasks.use?.arguments.data).toBeUndefined();
    expect(after.graph.tasks.use?.arguments.label).toEqual({ kind: 'graphInput', input: 'label' });
    expect(after.graph.tasks.use?.after).toEqual([]);
    expect(after.graph.layout.make).toBeUndefined();
  });

  it('renaming a task follows every reference: wires, ordering, exit handler, outputs, layout', () => {
    let doc: PipelineDocument = twoStepDocument();
    doc = applyPipelineChanges(doc, [
      { type: 'addAfter', task: 'use', dependsOn: 'make' },
      { type: 'addGroup', group: { id: 'exit-handler-1', kind: 'exitHandler', exitTask: 'make' } },
      { type: 'putOutput', output: { name: 'model', type: { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' }, source: { kind: 'taskOutput', task: 'use', output: 'model' } } },
      { type: 'renameNode', id: 'make', newId: 'load' },
      { type: 'renameNode', id: 'use', newId: 'train' },
    ]);
    expect(Object.keys(doc.graph.tasks)).toEqual(['load', 'train']);
    expect(doc.graph.tasks.load?.id).toBe('load');
    expect(doc.graph.tasks.train?.arguments.data).toEqual({ kind: 'taskOutput', task: 'load', output: 'data' });
    expect(doc.graph.tasks.train?.after).toEqual(['load']);
    expect(doc.graph.groups['exit-handler-1']).toMatchObject({ exitTask: 'load' });
    expect(doc.graph.outputs[0]?.source).toEqual({ kind: 'taskOutput', task: 'train', output: 'model' });
    expect(Object.keys(doc.graph.layout)).toEqual(['load', 'train']);
  });

  it('renaming onto a taken id does nothing', () => {
    const before = twoStepDocument();
    expect(applyPipelineChanges(before, [{ type: 'renameNode', id: 'make', newId: 'use' }])).toBe(before);
  });

  it('renaming a parameter rewires its uses; removing it disconnects them', () => {
    const renamed = applyPipelineChanges(twoStepDocument(), [
      { type: 'putParameter', previousName: 'label', parameter: { name: 'tag', type: { kind: 'parameter', type: 'STRING' } } },
    ]);
    expect(renamed.graph.inputs.map((p) => p.name)).toEqual(['tag']);
    expect(renamed.graph.tasks.use?.arguments.label).toEqual({ kind: 'graphInput', input: 'tag' });
    const removed = applyPipelineChanges(renamed, [{ type: 'removeParameter', name: 'tag' }]);
    expect(removed.graph.inputs).toEqual([]);
    expect(removed.graph.tasks.use?.arguments.label).toBeUndefined();
  });

  it('removing a group keeps its tasks, lifted to the group parent; loop items follow a loop rename', () => {
    let doc = applyPipelineChanges(twoStepDocument(), [
      { type: 'addGroup', group: { id: 'condition-1', kind: 'condition', branches: [{ id: 'condition-1-if' }] } },
      { type: 'addGroup', group: { id: 'for-loop-1', kind: 'parallelFor', items: { kind: 'constant', value: [1, 2] }, parent: 'condition-1-if' } },
      { type: 'setParent', ids: ['use'], parent: 'for-loop-1' },
      { type: 'setArgument', task: 'use', input: 'label', argument: { kind: 'loopItem', loop: 'for-loop-1' } },
      { type: 'renameNode', id: 'for-loop-1', newId: 'for-rows' },
    ]);
    expect(doc.graph.tasks.use?.parent).toBe('for-rows');
    expect(doc.graph.tasks.use?.arguments.label).toEqual({ kind: 'loopItem', loop: 'for-rows' });
    doc = applyPipelineChanges(doc, [{ type: 'removeNodes', ids: ['for-rows'] }]);
    expect(doc.graph.tasks.use?.parent).toBe('condition-1-if');
    doc = applyPipelineChanges(doc, [{ type: 'removeNodes', ids: ['condition-1'] }]);
    expect(doc.graph.tasks.use?.parent).toBeUndefined();
    expect(doc.graph.tasks.use).toBeDefined();
  });

  it('refuses to nest a group inside itself', () => {
    const doc = applyPipelineChanges(twoStepDocument(), [
      { type: 'addGroup', group: { id: 'outer', kind: 'parallelFor', items: { kind: 'constant', value: [1] } } },
      { type: 'addGroup', group: { id: 'inner', kind: 'parallelFor', items: { kind: 'constant', value: [1] }, parent: 'outer' } },
    ]);
    expect(applyPipelineChanges(doc, [{ type: 'setParent', ids: ['outer'], parent: 'inner' }])).toBe(doc);
  });

  it('edits a nested pipeline in its graph component', () => {
    const outer = twoStepDocument();
    const inner = twoStepDocument();
    const doc: PipelineDocument = {
      ...outer,
      components: { ...outer.components, inner: { name: 'Inner', inputs: [], outputs: [], implementation: { kind: 'graph', graph: inner.graph } } },
    };
    const after = applyPipelineChanges(doc, [{ type: 'renameNode', graph: 'inner', id: 'make', newId: 'load' }]);
    const graph = after.components.inner?.implementation;
    expect(graph?.kind === 'graph' && Object.keys(graph.graph.tasks)).toEqual(['load', 'use']);
    expect(after.graph).toBe(doc.graph);
  });

  it('keeps a component while a task uses it', () => {
    const doc = twoStepDocument();
    expect(applyPipelineChanges(doc, [{ type: 'removeComponent', id: 'make' }]).components.make).toBeDefined();
    const unused = applyPipelineChanges(doc, [{ type: 'removeNodes', ids: ['make'] }, { type: 'removeComponent', id: 'make' }]);
    expect(unused.components.make).toBeUndefined();
  });
});

describe('renames reach into templates and names taken from values', () => {
  it('follows a task rename inside a template and a secret name source; a removal leaves them for validation', () => {
    const start = applyPipelineChanges(twoStepDocument(), [
      { type: 'setArgument', task: 'use', input: 'label', argument: { kind: 'template', parts: ['n=', { kind: 'taskOutput', task: 'make', output: 'count' }] } },
      {
        type: 'setTaskOptions',
        id: 'use',
        options: { secrets: [{ kind: 'env', secretName: '', key: 'k', envVar: 'K', secretNameFrom: { kind: 'graphInput', input: 'label' } }] },
      },
    ]);
    const renamed = applyPipelineChanges(start, [
      { type: 'renameNode', id: 'make', newId: 'load' },
      { type: 'putParameter', previousName: 'label', parameter: { name: 'tag', type: { kind: 'parameter', type: 'STRING' } } },
    ]);
    const use = renamed.graph.tasks.use!;
    expect(use.arguments.label).toEqual({ kind: 'template', parts: ['n=', { kind: 'taskOutput', task: 'load', output: 'count' }] });
    expect(use.options.secrets?.[0]).toMatchObject({ secretNameFrom: { kind: 'graphInput', input: 'tag' } });
    const removed = applyPipelineChanges(renamed, [{ type: 'removeNodes', ids: ['load'] }, { type: 'removeParameter', name: 'tag' }]);
    expect(removed.graph.tasks.use!.arguments.label).toEqual(use.arguments.label);
    expect(removed.graph.tasks.use!.options).toEqual(use.options);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../shared/model/document';
import { task, twoStepDocument } from '../../shared/model/test-documents';
import { beginDrag, createEditorStore, loadDocument } from './editor-store';

describe('editor store', () => {
  it('edits the document only through changes, and undoes and redoes them', () => {
    const store = createEditorStore(twoStepDocument());
    const before = store.getState().document;
    store.getState().apply([{ type: 'updateTask', id: 'use', displayName: 'Use it' }]);
    expect(store.getState().document.graph.tasks.use?.displayName).toBe('Use it');
    expect(store.getState().dirty).toBe(true);
    store.temporal.getState().undo();
    expect(store.getState().document).toBe(before);
    store.temporal.getState().redo();
    expect(store.getState().document.graph.tasks.use?.displayName).toBe('Use it');
  });

  it('keeps selection out of the undo history', () => {
    const store = createEditorStore(twoStepDocument());
    store.getState().select(['use']);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    store.getState().apply([{ type: 'removeNodes', ids: ['use'] }]);
    store.getState().select([]);
    store.temporal.getState().undo();
    expect(store.getState().document.graph.tasks.use).toBeDefined();
    expect(store.getState().selection).toEqual([]);
  });

  it('records no history for a change that changes nothing', () => {
    const store = createEditorStore(twoStepDocument());
    store.getState().apply([{ type: 'updateTask', id: 'no-such-task', displayName: 'x' }]);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('makes a whole drag one undo step', () => {
    const store = createEditorStore(twoStepDocument());
    const start = store.getState().document.graph.layout.make;
    const { end } = beginDrag(store);
    for (let x = 1; x <= 20; x++) store.getState().apply([{ type: 'moveNodes', positions: { make: { x: x * 10, y: 5 } } }]);
    end();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    expect(store.getState().document.graph.layout.make).toEqual({ x: 200, y: 5 });
    store.temporal.getState().undo();
    expect(store.getState().document.graph.layout.make).toEqual(start);
  });

  it('starts a fresh history and selection when a document is loaded', () => {
    const store = createEditorStore(emptyDocument());
    store.getState().apply([{ type: 'setPipelineInfo', name: 'changed' }]);
    store.getState().select(['x']);
    loadDocument(store, twoStepDocument());
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.getState().selection).toEqual([]);
    expect(store.getState().generation).toBe(1);
    store.getState().apply([{ type: 'addTask', task: task('more', 'use') }]);
    store.temporal.getState().undo();
    expect(store.getState().document).toEqual(twoStepDocument());
  });
});

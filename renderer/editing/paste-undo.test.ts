import { describe, expect, it } from 'vitest';
import { pasteChanges } from '../../shared/edit/clipboard';
import { copyOf, groupedDocument } from '../../shared/edit/clipboard.fixtures';
import { createEditorStore } from '../store/editor-store';

describe('paste in the editor', () => {
  it('pastes as one undo step', () => {
    const doc = groupedDocument();
    const store = createEditorStore(doc);
    const { changes } = pasteChanges(doc, copyOf(doc, ['loop']));
    store.getState().apply(changes);
    expect(Object.keys(store.getState().document.graph.groups)).toHaveLength(4);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.temporal.getState().undo();
    expect(store.getState().document).toBe(doc);
  });
});

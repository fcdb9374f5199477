// Renders the Properties panel (Inspector) for one document with one task selected, as the panel tests need it.
import { render, screen, within } from '@testing-library/react';
import type { PipelineDocument } from '../../shared/model/document';
import { EditorStoreContext } from '../store/editor-context';
import { createEditorStore, type EditorStore } from '../store/editor-store';
import { Inspector } from './Inspector';

export function renderInspector(doc: PipelineDocument, selected = 'use'): { store: EditorStore; readonly panel: ReturnType<typeof within> } {
  const store = createEditorStore(doc);
  store.getState().select([selected]);
  render(
    <EditorStoreContext.Provider value={store}>
      <Inspector />
    </EditorStoreContext.Provider>,
  );
  return {
    store,
    get panel() {
      return within(screen.getByRole('region', { name: 'Task options' }));
    },
  };
}

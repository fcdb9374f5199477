// One store per open document (createStore, provided by context). Undo history covers the document only.
import { temporal } from 'zundo';
import { createStore } from 'zustand';
import type { PipelineDocument } from '../../shared/model/document';
import { createDiagnosticsSlice, type DiagnosticsSlice } from './diagnostics.slice';
import { createDocumentSlice, type DocumentSlice } from './document.slice';
import { createFeedbackSlice, type FeedbackSlice } from './feedback.slice';
import { createSelectionSlice, type SelectionSlice } from './selection.slice';
import { createUiSlice, type UiSlice } from './ui.slice';

export type EditorState = DocumentSlice & DiagnosticsSlice & SelectionSlice & FeedbackSlice & UiSlice;

export const HISTORY_LIMIT = 200;

export function createEditorStore(initial: PipelineDocument) {
  const store = createStore<EditorState>()(
    temporal(
      (...a) => ({
        ...createDocumentSlice(initial)(...a),
        ...createDiagnosticsSlice(...a),
        ...createSelectionSlice(...a),
        ...createFeedbackSlice(...a),
        ...createUiSlice(...a),
      }),
      {
        partialize: (state) => ({ document: state.document }),
        equality: (past, current) => past.document === current.document,
        limit: HISTORY_LIMIT,
      },
    ),
  );
  return store;
}

export type EditorStore = ReturnType<typeof createEditorStore>;

/** Replaces the document (New, Open, an example): selection and history start afresh. */
export function loadDocument(store: EditorStore, document: PipelineDocument, path?: string, revision?: string): void {
  const { pause, resume, clear } = store.temporal.getState();
  pause();
  store.setState((state) => ({ document, path, revision, dirty: false, generation: state.generation + 1, selection: [], wireRefusal: undefined }));
  resume();
  clear();
}

/**
 * Node drags: history is paused while the node follows the pointer, and the whole drag becomes one undo step at
 * its end (the document is put back as it was before the drag, history resumes, then the final positions apply).
 * `before` is that document, for the drag to measure from.
 */
export function beginDrag(store: EditorStore): { before: PipelineDocument; end: () => void } {
  const before = store.getState().document;
  store.temporal.getState().pause();
  const end = () => {
    const after = store.getState().document;
    store.setState({ document: before });
    store.temporal.getState().resume();
    if (after !== before) store.setState({ document: after, dirty: true });
  };
  return { before, end };
}

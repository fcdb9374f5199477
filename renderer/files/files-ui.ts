// The file actions' own UI state, one per editor store: which dialog is open (confirm discard, Save As, Compile,
// an error). Kept apart from the document store so it never enters undo history or re-renders the canvas.
import { createStore, type StoreApi } from 'zustand';
import type { EditorStore } from '../store/editor-store';

export type FilesDialog =
  | { kind: 'confirmDiscard'; then: 'new' | 'open' }
  | { kind: 'saveAs' }
  /** The file the document came from now holds another document: replace it only when the person says so. */
  | { kind: 'confirmReplace'; path: string }
  | { kind: 'compile' }
  | { kind: 'error'; title: string; code?: string; message: string; where?: string; advice?: string };

export interface FilesUiState {
  dialog: FilesDialog | undefined;
  show: (dialog: FilesDialog) => void;
  close: () => void;
}

const stores = new WeakMap<EditorStore, StoreApi<FilesUiState>>();

export function filesUi(editor: EditorStore): StoreApi<FilesUiState> {
  let ui = stores.get(editor);
  if (!ui) {
    ui = createStore<FilesUiState>()((set) => ({
      dialog: undefined,
      show: (dialog) => set({ dialog }),
      close: () => set({ dialog: undefined }),
    }));
    stores.set(editor, ui);
  }
  return ui;
}

/** The hidden file input the Open action clicks (a browser upload in web mode). */
export const OPEN_INPUT_ID = 'kfs-open-pipeline-file';

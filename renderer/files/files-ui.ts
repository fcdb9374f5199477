// The file actions' dialogs: which one is open (confirm discard, Save As, Compile, an error). Held by the editor
// store's UI slice (openFileDialog / fileDialog), outside undo history.
export type FilesDialog =
  | { kind: 'confirmDiscard'; then: 'new' | 'open' }
  | { kind: 'saveAs' }
  /** The file the document came from now holds another document: replace it only when the person says so. */
  | { kind: 'confirmReplace'; path: string }
  | { kind: 'compile' }
  | { kind: 'error'; title: string; code?: string; message: string; where?: string; advice?: string };

/** The hidden file input the Open action clicks (a browser upload in web mode). */
export const OPEN_INPUT_ID = 'kfs-open-pipeline-file';

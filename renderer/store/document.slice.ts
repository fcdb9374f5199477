// The open document and the only way to edit it: a list of PipelineChange applied by applyPipelineChanges.
import type { StateCreator } from 'zustand';
import { applyPipelineChanges, type PipelineChange } from '../../shared/model/changes';
import type { PipelineDocument } from '../../shared/model/document';
import type { EditorState } from './editor-store';

export interface DocumentSlice {
  document: PipelineDocument;
  /** Where the document was opened from or saved to; undefined for a new or example document. */
  path: string | undefined;
  /** The revision of the file at `path` as last opened or saved: a save over anything else is refused by the host. */
  revision: string | undefined;
  dirty: boolean;
  /** Bumped each time a document is loaded, so views can fit it in once. */
  generation: number;
  apply: (changes: readonly PipelineChange[]) => void;
  setPath: (path: string | undefined, revision?: string) => void;
}

export const createDocumentSlice =
  (initial: PipelineDocument): StateCreator<EditorState, [], [], DocumentSlice> =>
  (set) => ({
    document: initial,
    path: undefined,
    revision: undefined,
    dirty: false,
    generation: 0,
    apply: (changes) =>
      set((state) => {
        const document = applyPipelineChanges(state.document, changes);
        return document === state.document ? state : { document, dirty: true };
      }),
    setPath: (path, revision) => set({ path, revision, dirty: false }),
  });

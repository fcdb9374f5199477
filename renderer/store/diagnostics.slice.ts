// The document's diagnostics, held by the store: validated once per document version (on first ask after a change),
// with the host's stale-image warnings (KFS856) added, and shared by the canvas badges, Problems, the inspector, the
// status line and Compile.
import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../../shared/errors/codes';
import type { PipelineDocument } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';
import { NO_STALE_IMAGES, staleImageDiagnostics, type StaleImages } from '../../shared/images/stale-image.diagnostics';
import type { EditorState } from './editor-store';

export interface DiagnosticsSlice {
  /** Images built from the app whose build context changed since (the host checks them; see useStaleImageSync). */
  staleImages: StaleImages;
  setStaleImages: (stale: StaleImages) => void;
  /** validate(document) and the stale-image warnings: the same array until the document or the stale images change. */
  diagnostics: () => readonly Diagnostic[];
}

export const createDiagnosticsSlice: StateCreator<EditorState, [], [], DiagnosticsSlice> = (set, get) => {
  let validated: { document?: PipelineDocument; diagnostics: readonly Diagnostic[] } = { diagnostics: [] };
  let combined: { validated?: readonly Diagnostic[]; stale?: StaleImages; diagnostics: readonly Diagnostic[] } = { diagnostics: [] };
  return {
    staleImages: NO_STALE_IMAGES,
    setStaleImages: (staleImages) => set({ staleImages }),
    diagnostics: () => {
      const { document, staleImages } = get();
      if (validated.document !== document) validated = { document, diagnostics: validate(document) };
      if (combined.validated !== validated.diagnostics || combined.stale !== staleImages) {
        const stale = staleImageDiagnostics(document, staleImages);
        combined = { validated: validated.diagnostics, stale: staleImages, diagnostics: stale.length ? [...validated.diagnostics, ...stale] : validated.diagnostics };
      }
      return combined.diagnostics;
    },
  };
};

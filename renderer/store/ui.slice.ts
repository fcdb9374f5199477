// Editor UI state that is not the document: which step, image rebuild or file dialog is open, and the copied tasks.
// Not in undo history.
import type { StateCreator } from 'zustand';
import type { Clipboard } from '../../shared/edit/clipboard';
import type { FilesDialog } from '../files/files-ui';
import type { EditorState } from './editor-store';

export interface StepDialogState {
  mode: 'image' | 'script';
  /** The component being edited ("Edit step"); absent for a new step. */
  componentId?: string;
}

export interface UiSlice {
  stepDialog: StepDialogState | undefined;
  clipboard: Clipboard | undefined;
  /** The component whose image is being rebuilt (from Problems or the step's stale badge). */
  rebuildImage: string | undefined;
  openStepDialog: (dialog: StepDialogState | undefined) => void;
  openRebuild: (componentId: string | undefined) => void;
  /** The dialog of New, Open, Save As or Compile that is open (renderer/files). */
  fileDialog: FilesDialog | undefined;
  openFileDialog: (dialog: FilesDialog | undefined) => void;
  setClipboard: (clipboard: Clipboard | undefined) => void;
}

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set) => ({
  stepDialog: undefined,
  clipboard: undefined,
  rebuildImage: undefined,
  openStepDialog: (stepDialog) => set({ stepDialog }),
  openRebuild: (rebuildImage) => set({ rebuildImage }),
  fileDialog: undefined,
  openFileDialog: (fileDialog) => set({ fileDialog }),
  setClipboard: (clipboard) => set({ clipboard }),
});

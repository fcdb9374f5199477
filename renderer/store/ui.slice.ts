// Editor UI state that is not the document: which step dialog is open, and the copied tasks. Not in undo history.
import type { StateCreator } from 'zustand';
import type { Clipboard } from '../../shared/edit/clipboard';
import type { EditorState } from './editor-store';

export interface StepDialogState {
  mode: 'image' | 'script';
  /** The component being edited ("Edit step"); absent for a new step. */
  componentId?: string;
}

export interface UiSlice {
  stepDialog: StepDialogState | undefined;
  clipboard: Clipboard | undefined;
  openStepDialog: (dialog: StepDialogState | undefined) => void;
  setClipboard: (clipboard: Clipboard | undefined) => void;
}

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set) => ({
  stepDialog: undefined,
  clipboard: undefined,
  openStepDialog: (stepDialog) => set({ stepDialog }),
  setClipboard: (clipboard) => set({ clipboard }),
});

// What is selected on the canvas (task, group and edge ids). Not part of undo history.
// A new selection also dismisses a refused-wire message: the person has moved on.
import type { StateCreator } from 'zustand';
import type { EditorState } from './editor-store';

export interface SelectionSlice {
  selection: readonly string[];
  select: (ids: readonly string[]) => void;
}

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set) => ({
  selection: [],
  select: (ids) =>
    set((state) =>
      state.selection.length === ids.length && state.selection.every((id, i) => id === ids[i]) ? state : { selection: [...ids], wireRefusal: undefined },
    ),
});

// Short-lived messages to the person: a refused wire (shown at the pointer) and the status line.
import type { StateCreator } from 'zustand';
import type { EditorState } from './editor-store';

export interface WireRefusal {
  reason: string;
  /** Position inside the canvas, in CSS pixels. */
  x: number;
  y: number;
}

export interface FeedbackSlice {
  wireRefusal: WireRefusal | undefined;
  status: string;
  refuseWire: (refusal: WireRefusal | undefined) => void;
  setStatus: (status: string) => void;
}

export const createFeedbackSlice: StateCreator<EditorState, [], [], FeedbackSlice> = (set) => ({
  wireRefusal: undefined,
  status: '',
  refuseWire: (wireRefusal) => set({ wireRefusal }),
  setStatus: (status) => set({ status }),
});

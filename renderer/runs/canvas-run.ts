// The latest run of the document open in the editor, as its canvas shows it: each step's state in that run, which
// step's drawer is open, and whether states are shown at all. A run belongs to the document it was started from
// (the editor's load generation): loading another document lets it go.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useUiStore } from '../store/ui-stores';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { canvasTaskStates, type CanvasTaskState } from './run-state';

export interface CanvasRunState {
  /** The run, where it runs (a cluster profile; undefined for this computer) and the editor generation it belongs to. */
  run: { runId: string; target: string | undefined; generation: number } | undefined;
  /** Its newest snapshot, once one has arrived. */
  snapshot: RunSnapshot | undefined;
  /** Canvas step name → its state in the run. */
  states: ReadonlyMap<string, CanvasTaskState>;
  /** The step whose drawer is open over the editor. */
  openTask: string | undefined;
  shown: boolean;
  /** A run was started from the editor's document (loaded as `generation`). */
  tie(runId: string, target: string | undefined, generation: number): void;
  setSnapshot(snapshot: RunSnapshot): void;
  /** The editor loaded another document: its steps are not this run's. */
  release(): void;
  open(task: string | undefined): void;
  setShown(shown: boolean): void;
}

const NO_STATES: ReadonlyMap<string, CanvasTaskState> = new Map();

export function createCanvasRun() {
  return createStore<CanvasRunState>()((set) => ({
    run: undefined,
    snapshot: undefined,
    states: NO_STATES,
    openTask: undefined,
    shown: true,
    tie: (runId, target, generation) => set({ run: { runId, target, generation }, snapshot: undefined, states: NO_STATES, openTask: undefined, shown: true }),
    setSnapshot: (snapshot) =>
      set((s) => (s.run?.runId === snapshot.id && (!s.snapshot || s.snapshot.revision <= snapshot.revision) ? { snapshot, states: canvasTaskStates(snapshot) } : s)),
    release: () => set({ run: undefined, snapshot: undefined, states: NO_STATES, openTask: undefined }),
    open: (openTask) => set({ openTask }),
    setShown: (shown) => set((s) => ({ shown, openTask: shown ? s.openTask : undefined })),
  }));
}

export type CanvasRunStore = ReturnType<typeof createCanvasRun>;

/** Reads the given canvas run store, else the App's (UiStoresContext). */
export function useCanvasRun<T>(selector: (state: CanvasRunState) => T, store?: CanvasRunStore): T {
  return useStore(useUiStore('canvasRun', store), selector);
}

/** A step's state in the document's latest run, while states are shown. */
export const selectStepState = (task: string) => (s: CanvasRunState) => (s.shown ? s.states.get(task)?.state : undefined);

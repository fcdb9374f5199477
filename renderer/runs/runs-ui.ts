// What the runs UI shows: the Run dialog, the runs view (and which run and task), and toasts. One store for the app
// (runs are not per document), so commands in the registry can open the dialog or the runs view.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RunSnapshot } from '../../shared/runtime/runtime';

export type RunsView = 'editor' | 'runs';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'success' | 'error';
  runId?: string;
}

export interface RunsUiState {
  view: RunsView;
  /** Where runs are listed and sent: a cluster profile's name, or undefined for this computer (the local runtime). */
  target: string | undefined;
  setTarget(target: string | undefined): void;
  runDialogOpen: boolean;
  /** The run shown in the runs view; none shows only the lists. */
  runId: string | undefined;
  /** The task (by its canvas name) whose drawer is open. */
  taskName: string | undefined;
  experimentId: string | undefined;
  toasts: Toast[];
  /** The newest snapshot of the run being watched, so the runs list shows its state without waiting for a reload. */
  live: RunSnapshot | undefined;
  setLive(run: RunSnapshot): void;
  openRunDialog(): void;
  closeRunDialog(): void;
  showRuns(runId?: string): void;
  showEditor(): void;
  selectTask(name: string | undefined): void;
  selectExperiment(id: string | undefined): void;
  toast(text: string, tone?: Toast['tone'], runId?: string): void;
  dismissToast(id: number): void;
}

let nextToast = 1;

export function createRunsUi() {
  return createStore<RunsUiState>()((set) => ({
    view: 'editor',
    target: undefined,
    setTarget: (target) => set((s) => (s.target === target ? s : { target, runId: undefined, taskName: undefined, experimentId: undefined, live: undefined })),
    runDialogOpen: false,
    runId: undefined,
    taskName: undefined,
    experimentId: undefined,
    toasts: [],
    live: undefined,
    setLive: (live) => set({ live }),
    openRunDialog: () => set({ runDialogOpen: true }),
    closeRunDialog: () => set({ runDialogOpen: false }),
    showRuns: (runId) => set((s) => ({ view: 'runs', runId: runId ?? s.runId, taskName: runId && runId !== s.runId ? undefined : s.taskName })),
    showEditor: () => set({ view: 'editor' }),
    selectTask: (taskName) => set({ taskName }),
    selectExperiment: (experimentId) => set({ experimentId }),
    toast: (text, tone = 'info', runId) => set((s) => ({ toasts: [...s.toasts.slice(-3), { id: nextToast++, text, tone, ...(runId ? { runId } : {}) }] })),
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  }));
}

export type RunsUiStore = ReturnType<typeof createRunsUi>;

/** The app's runs UI (commands reach it from the registry). Tests make their own with createRunsUi. */
export const runsUi: RunsUiStore = createRunsUi();

export function useRunsUi<T>(selector: (state: RunsUiState) => T, store: RunsUiStore = runsUi): T {
  return useStore(store, selector);
}

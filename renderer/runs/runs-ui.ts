// What the runs UI shows: the Run dialog, the runs view (and which run and task), and toasts. One store for the app
// (runs are not per document), so commands in the registry can open the dialog or the runs view.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useUiStore } from '../store/ui-stores';
import type { RunSnapshot, RunState } from '../../shared/runtime/runtime';
import { notifyRunEndsSetting, saveNotifyRunEndsSetting } from './run-notifier';

export type RunsView = 'editor' | 'runs';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'success' | 'error';
  runId?: string;
  /** The run the toast is about (see runKey), so following that run again can take it away. */
  about?: string;
}

/** A run the app follows to its end, to say how it ended (a toast, a notification when the window is hidden). */
export interface FollowedRun {
  runId: string;
  /** Where the run is: a cluster profile's name, or undefined for this computer. */
  target: string | undefined;
  /** How the run had ended before it was retried: a snapshot still showing that end is not the retried run's end. */
  previousEnd?: { state: RunState; finishedAt?: string };
}

/** One key per run and target (run ids only mean something on their target). */
export const runKey = (runId: string, target: string | undefined): string => `${target ?? ''}:${runId}`;

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
  /** Runs ticked in the runs list for comparing (ids of the runs view's target). */
  chosen: readonly string[];
  toggleChosen(runId: string): void;
  /** The runs being compared (shown instead of one run); undefined when not comparing. */
  comparing: readonly string[] | undefined;
  compareChosen(): void;
  closeCompare(): void;
  toasts: Toast[];
  /** The setting: tell the person (system or browser notification) when a run the app follows ends out of sight. */
  notifyRunEnds: boolean;
  setNotifyRunEnds(on: boolean): void;
  /** The newest snapshot of the run being watched, so the runs list shows its state without waiting for a reload. */
  live: RunSnapshot | undefined;
  setLive(run: RunSnapshot): void;
  openRunDialog(): void;
  closeRunDialog(): void;
  showRuns(runId?: string): void;
  showEditor(): void;
  selectTask(name: string | undefined): void;
  selectExperiment(id: string | undefined): void;
  toast(text: string, tone?: Toast['tone'], runId?: string, about?: string): void;
  dismissToast(id: number): void;
  /** Runs the runs host follows to their end (one entry per run and target), until it has said how they ended. */
  followed: readonly FollowedRun[];
  /** Follow a run to its end and say how it ended (a run started from the Run dialog, or one retried). */
  followRun(runId: string, target: string | undefined, previousEnd?: FollowedRun['previousEnd']): void;
  /** The runs host has said how this run ended (a newer followRun of the same run stays). */
  unfollow(run: FollowedRun): void;
}

let nextToast = 1;

export function createRunsUi() {
  return createStore<RunsUiState>()((set) => ({
    view: 'editor',
    target: undefined,
    setTarget: (target) =>
      set((s) => (s.target === target ? s : { target, runId: undefined, taskName: undefined, experimentId: undefined, live: undefined, chosen: [], comparing: undefined })),
    runDialogOpen: false,
    runId: undefined,
    taskName: undefined,
    experimentId: undefined,
    chosen: [],
    toggleChosen: (runId) => set((s) => ({ chosen: s.chosen.includes(runId) ? s.chosen.filter((id) => id !== runId) : [...s.chosen, runId] })),
    comparing: undefined,
    compareChosen: () => set((s) => ({ comparing: [...s.chosen] })),
    closeCompare: () => set({ comparing: undefined }),
    toasts: [],
    notifyRunEnds: notifyRunEndsSetting(),
    setNotifyRunEnds: (on) => {
      saveNotifyRunEndsSetting(on);
      set({ notifyRunEnds: on });
    },
    live: undefined,
    setLive: (live) => set({ live }),
    openRunDialog: () => set({ runDialogOpen: true }),
    closeRunDialog: () => set({ runDialogOpen: false }),
    showRuns: (runId) =>
      set((s) => ({ view: 'runs', runId: runId ?? s.runId, taskName: runId && runId !== s.runId ? undefined : s.taskName, comparing: runId ? undefined : s.comparing })),
    showEditor: () => set({ view: 'editor' }),
    selectTask: (taskName) => set({ taskName }),
    selectExperiment: (experimentId) => set({ experimentId }),
    toast: (text, tone = 'info', runId, about) =>
      set((s) => ({ toasts: [...s.toasts.slice(-3), { id: nextToast++, text, tone, ...(runId ? { runId } : {}), ...(about ? { about } : {}) }] })),
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    followed: [],
    followRun: (runId, target, previousEnd) => {
      const about = runKey(runId, target);
      // How the run ended before is no longer the last word once it runs again.
      set((s) => ({
        followed: [...s.followed.filter((f) => runKey(f.runId, f.target) !== about), { runId, target, ...(previousEnd ? { previousEnd } : {}) }],
        toasts: s.toasts.filter((t) => t.about !== about),
      }));
    },
    unfollow: (run) => set((s) => (s.followed.includes(run) ? { followed: s.followed.filter((f) => f !== run) } : s)),
  }));
}

export type RunsUiStore = ReturnType<typeof createRunsUi>;

/** Reads the given runs store, else the App's (UiStoresContext). */
export function useRunsUi<T>(selector: (state: RunsUiState) => T, store?: RunsUiStore): T {
  return useStore(useUiStore('runs', store), selector);
}

// Pure helpers for showing runs: each canvas task's state (a task in a loop aggregates its iterations), words and
// durations as people read them.
import { durationMs, type RunSnapshot, type RunState, type TaskSnapshot, type TaskState } from '../../shared/runtime/runtime';

export interface CanvasTaskState {
  state: TaskState;
  startedAt?: string;
  finishedAt?: string;
  /** The runtime's tasks behind this canvas task (several for a task in a loop), in run order. */
  tasks: TaskSnapshot[];
}

const isStep = (t: TaskSnapshot): boolean => t.kind === 'container' || t.kind === 'importer';

function aggregate(states: TaskState[]): TaskState {
  const has = (s: TaskState) => states.includes(s);
  if (has('running')) return 'running';
  if (has('failed')) return 'failed';
  if (has('pending')) return states.every((s) => s === 'pending') ? 'pending' : 'running';
  if (has('cancelled')) return 'cancelled';
  if (states.every((s) => s === 'skipped')) return 'skipped';
  if (states.every((s) => s === 'cached')) return 'cached';
  return 'succeeded';
}

/** Canvas task name → its state in the run. */
export function canvasTaskStates(run: RunSnapshot): Map<string, CanvasTaskState> {
  const byName = new Map<string, TaskSnapshot[]>();
  for (const task of run.tasks) {
    if (!isStep(task)) continue;
    const list = byName.get(task.name) ?? [];
    list.push(task);
    byName.set(task.name, list);
  }
  const out = new Map<string, CanvasTaskState>();
  for (const [name, tasks] of byName) {
    const state = aggregate(tasks.map((t) => t.state));
    const starts = tasks.flatMap((t) => (t.startedAt ? [t.startedAt] : [])).sort();
    const ends = tasks.flatMap((t) => (t.finishedAt ? [t.finishedAt] : [])).sort();
    const allEnded = ends.length === tasks.length;
    out.set(name, {
      state,
      tasks,
      ...(starts[0] ? { startedAt: starts[0] } : {}),
      ...(allEnded && ends.length ? { finishedAt: ends[ends.length - 1] } : {}),
    });
  }
  return out;
}

export const TASK_STATE_TEXT: Record<TaskState, string> = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cached: 'cached',
  cancelled: 'cancelled',
};

/** A mark per state, shown with its word (never colour alone). */
export const TASK_STATE_ICON: Record<TaskState, string> = {
  pending: '○',
  running: '◔',
  succeeded: '✓',
  failed: '✕',
  skipped: '⤼',
  cached: '↺',
  cancelled: '⊘',
};

export const RUN_STATE_TEXT: Record<RunState, string> = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted (the app stopped while it ran)',
};

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function durationText(item: { startedAt?: string; finishedAt?: string }, now: number): string {
  return formatDuration(durationMs(item, now));
}

export function formatStart(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}

/** The sentence that says how steps run ("Steps run on this machine without containers: ..."). */
export function executionText(execution: RunSnapshot['execution']): string {
  if (execution.mode === 'host') {
    if (/as asked/i.test(execution.reason)) return 'Steps run on this machine without containers, as chosen: images are ignored.';
    const why = /docker|podman|engine/i.test(execution.reason) ? 'no container engine (Docker or Podman) answers' : execution.reason.replace(/\.$/, '');
    return `Steps run on this machine without containers: ${why}.`;
  }
  if (execution.mode === 'cluster') return `Steps run on the cluster. ${execution.reason}`;
  return `Steps run in ${execution.mode} containers: ${execution.reason}.`;
}

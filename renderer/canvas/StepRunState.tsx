// The document's latest run on the editor's canvas: each step's state (a mark and a word, not colour alone) that opens
// the step's drawer when clicked, and a bar saying how the run went with a switch that hides the states.
import { Panel } from '@xyflow/react';
import { useMemo } from 'react';
import { selectStepState, useCanvasRun } from '../runs/canvas-run';
import { RUN_STATE_TEXT, TASK_STATE_ICON, TASK_STATE_TEXT } from '../runs/run-state';
import { useUiStores } from '../store/ui-stores';

export function StepRunState({ taskId, label }: { taskId: string; label: string }) {
  const { canvasRun } = useUiStores();
  const state = useCanvasRun(useMemo(() => selectStepState(taskId), [taskId]), canvasRun);
  if (!state) return null;
  const text = TASK_STATE_TEXT[state];
  return (
    <button
      type="button"
      className={`kfs-step-run kfs-state-${state} nodrag`}
      aria-label={`${label}: ${text} in the last run; show its details`}
      title="Show this step's inputs, outputs and log in the last run"
      onClick={() => canvasRun.getState().open(taskId)}
    >
      <span aria-hidden="true">{TASK_STATE_ICON[state]}</span> {text}
    </button>
  );
}

export function CanvasRunBar() {
  const { canvasRun, runs } = useUiStores();
  const run = useCanvasRun((s) => s.run, canvasRun);
  const snapshot = useCanvasRun((s) => s.snapshot, canvasRun);
  const shown = useCanvasRun((s) => s.shown, canvasRun);
  if (!run) return null;
  const state = snapshot?.state;
  const icon = state && state !== 'interrupted' ? TASK_STATE_ICON[state] : '!';
  const showRun = () => {
    runs.getState().setTarget(run.target);
    runs.getState().showRuns(run.runId);
  };
  return (
    <Panel position="top-right" className="kfs-canvas-run-bar">
      <span className={state ? `kfs-state-${state} kfs-canvas-run-state` : 'kfs-canvas-run-state'} role="status" aria-label={`Last run of this pipeline: ${state ? RUN_STATE_TEXT[state] : 'starting'}`}>
        {state ? <span aria-hidden="true">{icon} </span> : null}
        Last run: {state ? RUN_STATE_TEXT[state] : 'starting…'}
      </span>
      <label>
        <input type="checkbox" checked={shown} onChange={(e) => canvasRun.getState().setShown(e.target.checked)} /> Show run states
      </label>
      <button type="button" onClick={showRun}>
        Open run
      </button>
    </Panel>
  );
}

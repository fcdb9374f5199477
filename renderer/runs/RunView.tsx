// One run: its state, how steps run, the pipeline canvas with each task's live state, and the task drawer; Terminate,
// Retry and Clone into the editor.
import { useUiStore } from '../store/ui-stores';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { PipelineDocument } from '../../shared/model/document';
import { countTaskStates, isTerminalRun, type RunSnapshot } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';
import { EditorStoreContext } from '../store/editor-context';
import { loadDocument } from '../store/editor-store';
import { RunCanvas } from './RunCanvas';
import { durationText, executionText, formatStart, RUN_STATE_TEXT } from './run-state';
import { useRunsUi, type RunsUiStore } from './runs-ui';
import { RunWatcherContext, targetWatcher, useRunWatcher } from './run-watcher';
import { TaskDrawer } from './TaskDrawer';
import { useNow } from './use-now';
import { own } from '../../shared/names/names';

export interface RunViewProps {
  runId: string;
  ui?: RunsUiStore;
}

export function RunView({ runId, ui: givenUi }: RunViewProps) {
  const ui = useUiStore('runs', givenUi);
  const host = useHost();
  const target = useRunsUi((s) => s.target, ui);
  const shared = useRunWatcher();
  const watcher = useMemo(() => targetWatcher(shared, target), [shared, target]);
  const on = useMemo(() => (target === undefined ? {} : { target }), [target]);
  const editor = useContext(EditorStoreContext);
  const [run, setRun] = useState<RunSnapshot | undefined>();
  const [document, setDocument] = useState<PipelineDocument | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [watchKey, setWatchKey] = useState(0);
  const taskName = useRunsUi((s) => s.taskName, ui);
  const followed = useRunsUi((s) => s.followed.some((f) => f.runId === runId && f.target === target), ui);
  const now = useNow(run !== undefined && !isTerminalRun(run.state));

  useEffect(() => {
    let live = true;
    setError(undefined);
    void host.runGet({ runId, ...on }).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(`${result.error.code} ${result.error.message}`);
      setRun((current) => (current && current.id === runId && current.revision > result.value.run.revision ? current : result.value.run));
      setDocument(result.value.document);
    });
    return () => {
      live = false;
    };
  }, [host, runId, on]);

  useEffect(() => {
    return watcher.watchRun(runId, (snapshot) => setRun((current) => (current && current.id === snapshot.id && current.revision > snapshot.revision && !isTerminalRun(snapshot.state) ? current : snapshot)));
  }, [watcher, runId, watchKey]);

  useEffect(() => {
    if (run) ui.getState().setLive(run);
  }, [run, ui]);

  const openTask = useCallback((name: string) => ui.getState().selectTask(name), [ui]);

  const act = async (what: 'terminate' | 'retry') => {
    setBusy(what);
    const result = what === 'terminate' ? await host.runTerminate({ runId, ...on }) : await host.runRetry({ runId, ...on });
    setBusy(undefined);
    if (!result.ok) return ui.getState().toast(`Could not ${what} the run: ${result.error.code} ${result.error.message}`, 'error');
    if (what !== 'retry') return;
    setWatchKey((k) => k + 1);
    // The retried run is followed to its end like one started from the Run dialog, so its end gets a toast too.
    const previousEnd = run ? { state: run.state, ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}) } : undefined;
    ui.getState().followRun(runId, target, previousEnd);
  };

  const clone = () => {
    if (!document || !editor) return;
    loadDocument(editor, structuredClone(document));
    editor.getState().setStatus(`Cloned the pipeline of run ${run?.displayName ?? runId} into the editor.`);
    ui.getState().showEditor();
  };

  if (error) return <p className="kfs-error-text" role="alert">{error}</p>;
  if (!run) return <p className="kfs-muted">Loading the run…</p>;
  const counts = Object.entries(countTaskStates(run)).map(([state, n]) => `${n} ${state}`).join(', ');
  const running = !isTerminalRun(run.state);
  const task = taskName ? (document ? own(document.graph.tasks, taskName) : undefined) : undefined;
  return (
    <section className="kfs-run-view" aria-label={`Run ${run.displayName}`}>
      <header className="kfs-run-header">
        <div>
          <h2>{run.displayName}</h2>
          <p>
            <span className={`kfs-run-badge kfs-state-${run.state}`} role="status" aria-label={`Run state: ${run.state}`}>
              {RUN_STATE_TEXT[run.state]}
            </span>{' '}
            <span className="kfs-muted">
              started {formatStart(run.startedAt ?? run.createdAt)}
              {run.startedAt ? ` · ${durationText(run, now)}` : ''}
              {counts ? ` · ${counts}` : ''}
            </span>
          </p>
          <p className="kfs-run-execution" title={run.execution.reason}>
            {target ? `On ${target}. ` : ''}
            {executionText(run.execution)}
          </p>
          {Object.keys(run.parameters).length ? (
            <p className="kfs-run-params" aria-label="Run parameters">
              {Object.entries(run.parameters).map(([k, v]) => (
                <code key={k}>{k}={typeof v === 'string' ? v : JSON.stringify(v)}</code>
              ))}
            </p>
          ) : null}
          {run.error ? <p className="kfs-error-text">{run.error}</p> : null}
        </div>
        <div className="kfs-run-actions">
          <button type="button" disabled={!running || busy !== undefined} onClick={() => void act('terminate')}>
            {busy === 'terminate' && running ? 'Terminating…' : 'Terminate'}
          </button>
          <button type="button" disabled={running || run.state === 'succeeded' || busy !== undefined} onClick={() => void act('retry')}>
            Retry
          </button>
          <button type="button" disabled={!document || !editor} onClick={clone}>
            Clone into editor
          </button>
          {running ? (
            <button type="button" disabled={followed} onClick={() => ui.getState().followRun(runId, target)} title="A toast, and a notification if you are not looking at this run, when it ends">
              {followed ? 'Will tell you when it ends' : 'Tell me when it ends'}
            </button>
          ) : null}
        </div>
      </header>
      <div className="kfs-run-body">
        {document ? (
          <ReactFlowProvider>
            <RunCanvas document={document} run={run} now={now} selectedTask={taskName} onOpenTask={openTask} />
          </ReactFlowProvider>
        ) : (
          <p className="kfs-muted">This run has no pipeline drawing.</p>
        )}
        {taskName ? (
          <RunWatcherContext.Provider value={watcher}>
            <TaskDrawer key={taskName} run={run} taskName={taskName} label={task?.displayName || taskName} now={now} ui={ui} onClose={() => ui.getState().selectTask(undefined)} />
          </RunWatcherContext.Provider>
        ) : null}
      </div>
    </section>
  );
}

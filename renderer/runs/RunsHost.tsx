// Everything of runs the shell shows: the Run dialog, the runs view (experiments, runs, one run), and the toasts and
// notifications when a run started here ends. Mounted once inside the app's providers.
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { isTerminalRun, type RunSnapshot } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';
import { EditorStoreContext } from '../store/editor-context';
import { createHttpHostEvents, storedToken } from './http-host-events';
import { RunDialog } from './RunDialog';
import { ExperimentsList, RunsList } from './RunsLists';
import { RunView } from './RunView';
import { runsUi, useRunsUi, type RunsUiStore } from './runs-ui';
import { pollingWatcher, RunWatcherContext, subscriptionWatcher, type RunWatcher } from './run-watcher';
import './runs.css';

function sessionStore(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : undefined;
  } catch {
    return undefined;
  }
}

function notifyEnd(run: RunSnapshot, ui: RunsUiStore): void {
  const text = `Run ${run.displayName} ${run.state}.`;
  ui.getState().toast(text, run.state === 'succeeded' ? 'success' : 'error', run.id);
  // Only if the person already allowed notifications: the app never asks on its own.
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && typeof document !== 'undefined' && document.hidden) {
    try {
      new Notification('KFP Studio', { body: text, tag: run.id });
    } catch {
      // Some browsers only allow notifications from a service worker: the toast is enough.
    }
  }
}

function Toasts({ ui }: { ui: RunsUiStore }) {
  const toasts = useRunsUi((s) => s.toasts, ui);
  return (
    <div className="kfs-toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`kfs-toast kfs-toast-${t.tone}`}>
          <span>{t.text}</span>
          {t.runId ? (
            <button type="button" onClick={() => { ui.getState().showRuns(t.runId); ui.getState().dismissToast(t.id); }}>Show</button>
          ) : null}
          <button type="button" aria-label="Dismiss" onClick={() => ui.getState().dismissToast(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}

function RunsScreen({ ui }: { ui: RunsUiStore }) {
  const runId = useRunsUi((s) => s.runId, ui);
  const [refresh, setRefresh] = useState(0);
  return (
    <div className="kfs-runs-screen" role="main" aria-label="Runs view">
      <div className="kfs-runs-bar">
        <button type="button" onClick={() => ui.getState().showEditor()}>← Editor</button>
        <h1>Runs</h1>
        <button type="button" onClick={() => setRefresh((n) => n + 1)}>Refresh</button>
      </div>
      <div className="kfs-runs-layout">
        <div className="kfs-runs-side">
          <ExperimentsList ui={ui} refresh={refresh} />
          <RunsList ui={ui} refresh={refresh} />
        </div>
        <div className="kfs-runs-detail">{runId ? <RunView key={runId} runId={runId} ui={ui} /> : <p className="kfs-muted">Choose a run.</p>}</div>
      </div>
    </div>
  );
}

export interface RunsHostProps {
  ui?: RunsUiStore;
  /** How runs are followed; default: the host's event channel in web mode, else polling. */
  watcher?: RunWatcher;
}

export function RunsHost({ ui = runsUi, watcher }: RunsHostProps) {
  const host = useHost();
  const editor = useContext(EditorStoreContext);
  const view = useRunsUi((s) => s.view, ui);
  const dialogOpen = useRunsUi((s) => s.runDialogOpen, ui);
  const chosen = useMemo<RunWatcher>(() => {
    if (watcher) return watcher;
    const token = storedToken(sessionStore());
    return token && typeof TextDecoderStream !== 'undefined' ? subscriptionWatcher(host, createHttpHostEvents(token)) : pollingWatcher(host);
  }, [host, watcher]);
  const watching = useRef(new Map<string, () => void>());

  useEffect(() => {
    const map = watching.current;
    return () => {
      for (const stop of map.values()) stop();
      map.clear();
    };
  }, []);

  const onStarted = (runId: string) => {
    let ended = false;
    const stop = chosen.watchRun(runId, (run) => {
      if (ended || !isTerminalRun(run.state)) return;
      ended = true;
      notifyEnd(run, ui);
      watching.current.get(runId)?.();
      watching.current.delete(runId);
    });
    watching.current.set(runId, stop);
  };

  const document = dialogOpen && editor ? editor.getState().document : undefined;
  const path = dialogOpen && editor ? editor.getState().path : undefined;
  return (
    <RunWatcherContext.Provider value={chosen}>
      {view === 'runs' ? <RunsScreen ui={ui} /> : null}
      {document ? <RunDialog document={document} {...(path ? { sourcePath: path } : {})} ui={ui} onStarted={onStarted} /> : null}
      <Toasts ui={ui} />
    </RunWatcherContext.Provider>
  );
}

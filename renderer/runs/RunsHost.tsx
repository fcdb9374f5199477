// Everything of runs the shell shows: the Run dialog, the runs view (its target, experiments, runs, schedules of a KFP
// target, one run), the Clusters dialog, and the toasts and notifications when a run started or retried here ends.
// Mounted once inside the app's providers.
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { isTerminalRun, type RunSnapshot } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';
import { ClustersDialogHost } from '../clusters/ClustersDialog';
import { findProfile, useClustersUi } from '../clusters/clusters-ui';
import { SchedulesList } from '../clusters/SchedulesList';
import { TargetSelect } from '../clusters/TargetSelect';
import '../clusters/clusters.css';
import { EditorStoreContext } from '../store/editor-context';
import { desktopHostEvents } from '../host/desktop-host-events';
import { desktopBridge } from '../host/desktop-bridge';
import { browserNotifier, desktopNotifier, type RunEndNotifier } from './run-notifier';
import { createHttpHostEvents, storedToken } from './http-host-events';
import { RunDialog } from './RunDialog';
import { useUiStore, useUiStores } from '../store/ui-stores';
import { CanvasRunWatch, CanvasTaskDrawer } from './CanvasRunHost';
import { ExperimentsList, RunsList } from './RunsLists';
import { RunView } from './RunView';
import { RunsCompare } from './RunsCompare';
import { runKey, useRunsUi, type FollowedRun, type RunsUiStore, type Toast as ToastData } from './runs-ui';
import { pollingWatcher, RunWatcherContext, subscriptionWatcher, type RunWatcher } from './run-watcher';
import './runs.css';

function sessionStore(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : undefined;
  } catch {
    return undefined;
  }
}

function notifyEnd(run: RunSnapshot, ui: RunsUiStore, target: string | undefined, notifier: RunEndNotifier): void {
  const text = `Run ${run.displayName}${target ? ` on ${target}` : ''} ${run.state}.`;
  // A toast's Show opens the run on the runs view's target, so it is offered only while that is the run's target.
  const showable = ui.getState().target === target;
  ui.getState().toast(text, run.state === 'succeeded' ? 'success' : 'error', showable ? run.id : undefined, runKey(run.id, target));
  // Someone looking at this very run sees it end; anyone else (another window or tab, the editor, another run) is
  // told by a notification, if they want that.
  const state = ui.getState();
  const away = typeof document !== 'undefined' && (document.hidden || !document.hasFocus());
  const looking = !away && state.view === 'runs' && state.runId === run.id && state.target === target && !state.comparing;
  if (!looking && state.notifyRunEnds) notifier.show({ title: `KFP Studio: run ${run.state}`, body: text, tag: runKey(run.id, target) });
}

/** Notifications are on and the person has not answered yet: ask now (call it from a click). */
function askIfWanted(ui: RunsUiStore, notifier: RunEndNotifier): void {
  if (ui.getState().notifyRunEnds && notifier.permission() === 'default') void notifier.ask();
}

/** The setting, in the runs view's bar; turning it on asks the browser's permission (a click, as browsers want). */
function NotifySetting({ ui, notifier }: { ui: RunsUiStore; notifier: RunEndNotifier }) {
  const on = useRunsUi((s) => s.notifyRunEnds, ui);
  const [permission, setPermission] = useState(() => notifier.permission());
  const change = (next: boolean) => {
    ui.getState().setNotifyRunEnds(next);
    if (next && notifier.permission() === 'default') void notifier.ask().then(setPermission);
  };
  const blocked = on && (permission === 'denied' || permission === 'unsupported');
  return (
    <label className="kfs-notify-setting" title={blocked ? (permission === 'denied' ? 'This browser blocks notifications from this page: allow them in its site settings.' : 'This browser has no notifications: the app says it in a toast instead.') : 'A notification when a run started or retried here ends while you are not looking at it.'}>
      <input type="checkbox" checked={on} onChange={(e) => change(e.target.checked)} /> Notify when runs end{blocked ? ' (blocked)' : ''}
    </label>
  );
}

/** A retried run's first snapshots may still show how it ended before (a cluster takes a moment to start it again). */
const STALE_END_RETRY_MS = 1000;
const STALE_END_RETRIES = 30;

/** Follows a run until it ends, then calls `onEnd` once; an end the run had before it was retried does not count. */
function followToEnd(watcher: RunWatcher, { runId, target, previousEnd }: FollowedRun, onEnd: (run: RunSnapshot) => void): () => void {
  let ended = false;
  let live = false;
  let stale = false;
  let retries = 0;
  let stop: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = () => {
    stale = false;
    stop = watcher.watchRun(
      runId,
      (run) => {
        if (ended) return;
        if (!isTerminalRun(run.state)) {
          live = true;
          return;
        }
        if (previousEnd && !live && run.state === previousEnd.state && run.finishedAt === previousEnd.finishedAt) {
          stale = true;
          return;
        }
        ended = true;
        onEnd(run);
      },
      () => {
        // The watch ended on the old end: look again shortly, as the run has not started again yet.
        if (ended || !stale || retries >= STALE_END_RETRIES) return;
        retries++;
        timer = setTimeout(watch, STALE_END_RETRY_MS);
      },
      target,
    );
  };
  watch();
  return () => {
    ended = true;
    if (timer !== undefined) clearTimeout(timer);
    stop();
  };
}

/** A success says its piece and goes (it covered the Problems panel's counts until dismissed); a failure stays. */
export const SUCCESS_TOAST_MS = 10_000;

function Toasts({ ui }: { ui: RunsUiStore }) {
  const toasts = useRunsUi((s) => s.toasts, ui);
  // Pointer or focus on a toast holds every toast, so one being read or clicked never goes away under the person.
  const [held, setHeld] = useState(false);
  return (
    <div
      className="kfs-toasts"
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {toasts.map((t) => (
        <Toast key={t.id} toast={t} ui={ui} held={held} />
      ))}
    </div>
  );
}

function Toast({ toast: t, ui, held }: { toast: ToastData; ui: RunsUiStore; held: boolean }) {
  useEffect(() => {
    if (t.tone !== 'success' || held) return undefined;
    const timer = setTimeout(() => ui.getState().dismissToast(t.id), SUCCESS_TOAST_MS);
    return () => clearTimeout(timer);
  }, [t.id, t.tone, held, ui]);
  return (
    <div className={`kfs-toast kfs-toast-${t.tone}`}>
      <span>{t.text}</span>
      {t.runId ? (
        <button type="button" onClick={() => { ui.getState().showRuns(t.runId); ui.getState().dismissToast(t.id); }}>Show</button>
      ) : null}
      <button type="button" aria-label="Dismiss" onClick={() => ui.getState().dismissToast(t.id)}>×</button>
    </div>
  );
}

function RunsScreen({ ui, notifier }: { ui: RunsUiStore; notifier: RunEndNotifier }) {
  const runId = useRunsUi((s) => s.runId, ui);
  const target = useRunsUi((s) => s.target, ui);
  const experimentId = useRunsUi((s) => s.experimentId, ui);
  const comparing = useRunsUi((s) => s.comparing, ui);
  const profiles = useClustersUi((s) => s.profiles);
  const { clusters } = useUiStores();
  const [refresh, setRefresh] = useState(0);
  return (
    <div className="kfs-runs-screen" role="main" aria-label="Runs view">
      <div className="kfs-runs-bar">
        <button type="button" onClick={() => ui.getState().showEditor()}>← Editor</button>
        <h1>Runs</h1>
        <TargetSelect label="Run target" value={target} onChange={(next) => ui.getState().setTarget(next)} />
        <button type="button" onClick={() => clusters.getState().openDialog()}>Clusters…</button>
        <button type="button" onClick={() => setRefresh((n) => n + 1)}>Refresh</button>
        <NotifySetting ui={ui} notifier={notifier} />
      </div>
      <div className="kfs-runs-layout">
        <div className="kfs-runs-side">
          <ExperimentsList ui={ui} refresh={refresh} />
          <RunsList ui={ui} refresh={refresh} />
          {target !== undefined && findProfile(profiles, target)?.kind === 'kfp' ? <SchedulesList target={target} refresh={refresh} experimentId={experimentId} /> : null}
        </div>
        <div className="kfs-runs-detail">{comparing ? <RunsCompare runIds={comparing} ui={ui} /> : runId ? <RunView key={`${target ?? ''}:${runId}`} runId={runId} ui={ui} /> : <p className="kfs-muted">Choose a run.</p>}</div>
      </div>
    </div>
  );
}

export interface RunsHostProps {
  ui?: RunsUiStore;
  /** How runs are followed; default: the host's event channel in web mode, else polling. */
  watcher?: RunWatcher;
  /** How an ended run is told out of sight; default: system notifications in the desktop app, else the browser's. */
  notifier?: RunEndNotifier;
}

export function RunsHost({ ui: givenUi, watcher, notifier: given }: RunsHostProps) {
  const ui = useUiStore('runs', givenUi);
  const { canvasRun } = useUiStores();
  const host = useHost();
  const editor = useContext(EditorStoreContext);
  const view = useRunsUi((s) => s.view, ui);
  const dialogOpen = useRunsUi((s) => s.runDialogOpen, ui);
  const desktopEvents = useMemo(() => (watcher ? undefined : desktopHostEvents()), [watcher]);
  const notifier = useMemo<RunEndNotifier>(() => {
    if (given) return given;
    const bridge = desktopBridge();
    return bridge ? desktopNotifier(bridge) : browserNotifier();
  }, [given]);
  useEffect(() => () => desktopEvents?.stop(), [desktopEvents]);
  const chosen = useMemo<RunWatcher>(() => {
    if (watcher) return watcher;
    if (desktopEvents) return subscriptionWatcher(host, desktopEvents);
    const token = storedToken(sessionStore());
    return token && typeof TextDecoderStream !== 'undefined' ? subscriptionWatcher(host, createHttpHostEvents(token)) : pollingWatcher(host);
  }, [desktopEvents, host, watcher]);
  const watching = useRef(new Map<string, { run: FollowedRun; stop: () => void }>());

  useEffect(() => {
    const map = watching.current;
    return () => {
      for (const { stop } of map.values()) stop();
      map.clear();
    };
  }, []);

  // Runs handed over with followRun (started from the Run dialog, retried in the run view) are followed to their end.
  // Each entry stays in the store until its end is said, so a remount (React's strict mode) follows it again.
  const followed = useRunsUi((s) => s.followed, ui);
  useEffect(() => {
    const map = watching.current;
    for (const run of followed) {
      const key = runKey(run.runId, run.target);
      const current = map.get(key);
      if (current?.run === run) continue;
      current?.stop();
      const stop = followToEnd(chosen, run, (ended) => {
        notifyEnd(ended, ui, run.target, notifier);
        // Called from inside the watch: stop it after this call returns.
        queueMicrotask(() => {
          if (map.get(key)?.run === run) {
            stop();
            map.delete(key);
          }
          ui.getState().unfollow(run);
        });
      });
      map.set(key, { run, stop });
    }
  }, [followed, ui, chosen, notifier]);
  const onStarted = (runId: string, target: string | undefined) => {
    ui.getState().followRun(runId, target);
    // The run belongs to the document open now: its canvas shows the run's states.
    if (editor) canvasRun.getState().tie(runId, target, editor.getState().generation);
  };

  const document = dialogOpen && editor ? editor.getState().document : undefined;
  const path = dialogOpen && editor ? editor.getState().path : undefined;
  return (
    <RunWatcherContext.Provider value={chosen}>
      {view === 'runs' ? <RunsScreen ui={ui} notifier={notifier} /> : null}
      {editor ? <CanvasRunWatch watcher={chosen} /> : null}
      {editor ? <CanvasTaskDrawer watcher={chosen} ui={ui} /> : null}
      {document ? <RunDialog document={document} {...(path ? { sourcePath: path } : {})} ui={ui} onStarting={() => askIfWanted(ui, notifier)} onStarted={onStarted} /> : null}
      <ClustersDialogHost />
      <Toasts ui={ui} />
    </RunWatcherContext.Provider>
  );
}

// The editor's side of runs: the document's latest run followed while it runs (its states drawn on the canvas's
// steps), and the drawer of a step whose state was clicked, the same drawer the runs view shows. Mounted by RunsHost.
import { useUiStore } from '../store/ui-stores';
import { useContext, useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { isTerminalRun } from '../../shared/runtime/runtime';
import { own } from '../../shared/names/names';
import { useHost } from '../host/host-context';
import { EditorStoreContext, useEditor } from '../store/editor-context';
import { selectDocument } from '../store/selectors';
import { useCanvasRun, type CanvasRunStore } from './canvas-run';
import { useRunsUi, type RunsUiStore } from './runs-ui';
import { RunWatcherContext, targetWatcher, type RunWatcher } from './run-watcher';
import { TaskDrawer } from './TaskDrawer';
import { useNow } from './use-now';

/**
 * Follows the document's latest run, and lets it go when the editor loads another document. A document opened from a
 * file (after a reload, say) finds its latest run on this computer by the path the run was started from.
 */
export function CanvasRunWatch({ watcher, store: givenStore }: { watcher: RunWatcher; store?: CanvasRunStore }) {
  const store = useUiStore('canvasRun', givenStore);
  const host = useHost();
  const editor = useContext(EditorStoreContext);
  const run = useCanvasRun((s) => s.run, store);
  useEffect(() => {
    if (!editor) return;
    return editor.subscribe((state) => {
      const tied = store.getState().run;
      if (tied && tied.generation !== state.generation) store.getState().release();
    });
  }, [editor, store]);
  useEffect(() => {
    if (!editor) return;
    let asked: number | undefined;
    const look = ({ path, generation }: { path: string | undefined; generation: number }) => {
      if (!path || asked === generation || store.getState().run) return;
      asked = generation;
      void host.runList({ sortBy: 'createdAt', descending: true }).then((result) => {
        if (!result.ok || store.getState().run || editor.getState().generation !== generation) return;
        const latest = result.value.runs.find((r) => r.sourcePath === path);
        if (latest) store.getState().tie(latest.id, undefined, generation);
      });
    };
    look(editor.getState());
    return editor.subscribe(look);
  }, [editor, host, store]);
  useEffect(() => {
    if (!run) return;
    let live = true;
    const on = run.target === undefined ? {} : { target: run.target };
    void host.runGet({ runId: run.runId, ...on }).then((result) => {
      if (live && result.ok) store.getState().setSnapshot(result.value.run);
    });
    const stop = watcher.watchRun(run.runId, (snapshot) => store.getState().setSnapshot(snapshot), undefined, run.target);
    return () => {
      live = false;
      stop();
    };
  }, [host, run, store, watcher]);
  return null;
}

/** The drawer of the step whose run state was clicked on the editor's canvas. */
export function CanvasTaskDrawer({ watcher, ui: givenUi, store: givenStore }: { watcher: RunWatcher; ui?: RunsUiStore; store?: CanvasRunStore }) {
  const ui = useUiStore('runs', givenUi);
  const store = useUiStore('canvasRun', givenStore);
  const view = useRunsUi((s) => s.view, ui);
  const taskName = useCanvasRun((s) => s.openTask, store);
  const snapshot = useCanvasRun((s) => s.snapshot, store);
  const target = useCanvasRun((s) => s.run?.target, store);
  const document = useEditor(selectDocument);
  const scoped = useMemo(() => targetWatcher(watcher, target), [watcher, target]);
  const now = useNow(snapshot !== undefined && !isTerminalRun(snapshot.state));
  if (view !== 'editor' || !taskName || !snapshot) return null;
  const task = own(document.graph.tasks, taskName);
  // Over the editor's side panels (Properties and Parameters), where a step's details are read; the canvas stays.
  const side = window.document.querySelector('.kfs-side');
  const drawer = (
    <div className={side ? 'kfs-canvas-drawer' : 'kfs-canvas-drawer kfs-canvas-drawer-fixed'}>
      <RunWatcherContext.Provider value={scoped}>
        <TaskDrawer key={taskName} run={snapshot} taskName={taskName} label={task?.displayName || taskName} now={now} ui={ui} where={{ target }} onClose={() => store.getState().open(undefined)} />
      </RunWatcherContext.Provider>
    </div>
  );
  return side ? createPortal(drawer, side) : drawer;
}

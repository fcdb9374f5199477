import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { ok } from '../../shared/host-api/host-result';
import type { LogChunk, RunSnapshot, TaskSnapshot, TaskState } from '../../shared/runtime/runtime';
import { emptyDocument } from '../../shared/model/document';
import { HostContext } from '../host/host-context';
import { EditorStoreContext } from '../store/editor-context';
import { createEditorStore } from '../store/editor-store';
import { bundledExample, createTestHost } from '../test-host';
import { RunView } from './RunView';
import { createRunsUi } from './runs-ui';
import { RunWatcherContext, type RunWatcher } from './run-watcher';

const doc = bundledExample('classic-local');

function task(id: string, state: TaskState, extra: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return { id, name: id, displayName: id, kind: 'container', state, attempts: state === 'pending' ? 0 : 1, hasLog: state !== 'pending', ...extra };
}

function snapshot(revision: number, state: RunSnapshot['state'], tasks: TaskSnapshot[]): RunSnapshot {
  return {
    id: 'run-1',
    experimentId: 'default',
    displayName: 'classic-local run',
    pipelineName: 'classic-local',
    state,
    createdAt: '2026-11-29T10:00:00.000Z',
    startedAt: '2026-11-29T10:00:00.000Z',
    ...(state === 'succeeded' || state === 'failed' ? { finishedAt: '2026-11-29T10:00:07.000Z' } : {}),
    parameters: { rows: 400 },
    execution: { mode: 'host', reason: 'No container engine answers (docker is not on the PATH)' },
    tasks,
    revision,
  };
}

/** A watcher the test drives: it pushes snapshots and log chunks as the runtime would. */
function drivenWatcher() {
  const runs = new Set<(run: RunSnapshot) => void>();
  const logs = new Map<string, (chunk: LogChunk) => void>();
  const watcher: RunWatcher = {
    watchRun: (_id, on) => {
      runs.add(on);
      return () => runs.delete(on);
    },
    followLog: (_run, taskId, _from, on) => {
      logs.set(taskId, on);
      return () => logs.delete(taskId);
    },
  };
  return {
    watcher,
    push: (run: RunSnapshot) => act(() => runs.forEach((on) => on(run))),
    log: (taskId: string, text: string) => act(() => logs.get(taskId)?.({ text, offset: text.length })),
    following: (taskId: string) => logs.has(taskId),
  };
}

function renderRun(first: RunSnapshot, overrides: Partial<HostApi> = {}) {
  const host: HostApi = { ...createTestHost(), runGet: async () => ok({ run: first, document: doc }), ...overrides };
  const driven = drivenWatcher();
  const ui = createRunsUi();
  const editor = createEditorStore(emptyDocument('scratch'));
  render(
    <HostContext.Provider value={host}>
      <EditorStoreContext.Provider value={editor}>
        <RunWatcherContext.Provider value={driven.watcher}>
          <RunView runId="run-1" ui={ui} />
        </RunWatcherContext.Provider>
      </EditorStoreContext.Provider>
    </HostContext.Provider>,
  );
  return { ...driven, ui, editor };
}

const node = (name: RegExp) => screen.getByRole('button', { name });

/** The canvas size the browser reports (jsdom lays nothing out): the pane's width and height. */
const pane = { width: 1000, height: 700 };
const paneSize = Object.getOwnPropertyDescriptors(HTMLElement.prototype);
function measurePane(size: (element: HTMLElement) => { width: number; height: number } | undefined) {
  Object.defineProperties(HTMLElement.prototype, {
    offsetWidth: { get(this: HTMLElement) { return size(this)?.width ?? paneSize.offsetWidth?.get?.call(this); }, configurable: true },
    offsetHeight: { get(this: HTMLElement) { return size(this)?.height ?? paneSize.offsetHeight?.get?.call(this); }, configurable: true },
  });
}

/** Where each step is drawn on screen, in the canvas's pixels, from the viewport's pan and zoom. */
function stepsOnScreen(): { name: string; left: number; top: number; right: number; bottom: number }[] {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const match = viewport?.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/);
  if (!match) throw new Error(`no viewport transform: ${viewport?.style.transform}`);
  const [x, y, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return [...document.querySelectorAll<HTMLElement>('.react-flow__node-runTask')].map((el) => {
    const at = el.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\)/);
    const [px, py] = [Number(at?.[1]), Number(at?.[2])];
    return { name: el.getAttribute('data-id') ?? '', left: x + px * zoom, top: y + py * zoom, right: x + (px + Number.parseFloat(el.style.width)) * zoom, bottom: y + (py + Number.parseFloat(el.style.height)) * zoom };
  });
}

const hiddenSteps = (width: number, height: number) =>
  stepsOnScreen()
    .filter((s) => s.left < 0 || s.top < 0 || s.right > width || s.bottom > height)
    .map((s) => s.name);

describe('the run view', () => {
  afterEach(() => {
    Object.assign(pane, { width: 1000, height: 700 });
    Object.defineProperties(HTMLElement.prototype, { offsetWidth: paneSize.offsetWidth ?? {}, offsetHeight: paneSize.offsetHeight ?? {} });
  });

  it('fits every step into the part of the canvas the task drawer leaves, and again when the canvas changes size', async () => {
    const drawer = 440;
    // The canvas shares the run body's width with the drawer beside it.
    const size = () => ({ width: pane.width - (document.querySelector('.kfs-task-drawer') ? drawer : 0), height: pane.height });
    measurePane((el) => (el.classList.contains('react-flow__renderer') ? size() : undefined));
    const { push } = renderRun(snapshot(1, 'running', [task('make-data', 'running')]));
    fireEvent.click(await screen.findByRole('button', { name: /^Make data: running/ }, { timeout: 5000 }));
    screen.getByRole('complementary', { name: 'Task Make data' });
    await waitFor(() => expect(stepsOnScreen()).toHaveLength(Object.keys(doc.graph.tasks).length));
    // The browser reports the canvas's new size (a ResizeObserver in a window; here the resize event React Flow hears).
    act(() => void window.dispatchEvent(new Event('resize')));
    await waitFor(() => expect(hiddenSteps(size().width, size().height)).toEqual([]));
    const zoomBeside = stepsOnScreen()[0];
    // A narrower window while the drawer stays open, and a taller header (a failed run's error line).
    pane.width = 900;
    pane.height = 560;
    act(() => void window.dispatchEvent(new Event('resize')));
    await waitFor(() => expect(hiddenSteps(size().width, size().height)).toEqual([]));
    push(snapshot(2, 'failed', [task('make-data', 'failed')]));
    // Closing the drawer gives the canvas its width back: the pipeline is drawn larger again.
    fireEvent.click(screen.getByRole('button', { name: 'Close the task drawer' }));
    act(() => void window.dispatchEvent(new Event('resize')));
    await waitFor(() => expect(stepsOnScreen()[0]!.right - stepsOnScreen()[0]!.left).toBeGreaterThan((zoomBeside?.right ?? 0) - (zoomBeside?.left ?? 0)));
    expect(hiddenSteps(size().width, size().height)).toEqual([]);
  });

  it('shows each task live state on its canvas node as words and timing, and how steps run', async () => {
    const { push } = renderRun(snapshot(1, 'running', [task('make-data', 'running', { startedAt: '2026-11-29T10:00:00.000Z' }), task('preprocess', 'pending')]));
    await screen.findByRole('button', { name: /^Make data: running/ }, { timeout: 5000 });
    expect(node(/^Preprocess: /).getAttribute('aria-label')).toBe('Preprocess: pending');
    // Tasks the runtime has not declared yet are pending too.
    expect(node(/^Test: /).getAttribute('aria-label')).toBe('Test: pending');
    expect(screen.getByText('Steps run on this machine without containers: no container engine (Docker or Podman) answers.')).toBeTruthy();
    push(
      snapshot(2, 'running', [
        task('make-data', 'succeeded', { startedAt: '2026-11-29T10:00:00.000Z', finishedAt: '2026-11-29T10:00:01.500Z' }),
        task('preprocess', 'running', { startedAt: '2026-11-29T10:00:01.600Z' }),
        task('train', 'cached'),
        task('test', 'skipped', { skipReason: 'upstream task failed' }),
      ]),
    );
    expect(node(/^Make data: /).getAttribute('aria-label')).toBe('Make data: succeeded, 1.5 s');
    expect(node(/^Preprocess: /).getAttribute('aria-label')).toMatch(/^Preprocess: running/);
    expect(node(/^Train: /).getAttribute('aria-label')).toBe('Train: cached');
    expect(node(/^Test: /).getAttribute('aria-label')).toBe('Test: skipped');
    expect(node(/^Make data: /).className).toContain('kfs-state-succeeded');
    // An older snapshot arriving late does not move the run back.
    push(snapshot(1, 'running', [task('make-data', 'running')]));
    expect(node(/^Make data: /).getAttribute('aria-label')).toBe('Make data: succeeded, 1.5 s');
    expect(screen.getByRole('button', { name: 'Terminate' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', true);
  });

  it('opens a task drawer with its inputs, outputs and its log streaming in', async () => {
    const running = task('train', 'running', { startedAt: '2026-11-29T10:00:00.000Z', inputs: { parameters: { label_column: 'tipped', epochs: 300 }, artifacts: {} } });
    const { push, log, following, ui } = renderRun(snapshot(3, 'running', [task('make-data', 'succeeded'), running]));
    fireEvent.click(await screen.findByRole('button', { name: /^Train: running/ }, { timeout: 5000 }));
    expect(ui.getState().taskName).toBe('train');
    const drawer = screen.getByRole('complementary', { name: 'Task Train' });
    expect(within(drawer).getByText('label_column')).toBeTruthy();
    expect(within(drawer).getByText('tipped')).toBeTruthy();
    expect(following('train')).toBe(true);
    log('train', 'epoch 1: loss 0.69\n');
    log('train', 'epoch 50: loss 0.41\n');
    expect(within(drawer).getByRole('log', { name: 'Log of train' }).textContent).toBe('epoch 1: loss 0.69\nepoch 50: loss 0.41\n');
    push(snapshot(4, 'failed', [task('make-data', 'succeeded'), { ...running, state: 'failed', finishedAt: '2026-11-29T10:00:03.000Z', error: { message: 'The step exited with code 2.', exitCode: 2 } }]));
    expect(within(drawer).getByRole('alert').textContent).toBe('The step exited with code 2.');
    expect(screen.getByRole('status', { name: 'Run state: failed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', false);
  });

  it('previews an output artifact from the drawer', async () => {
    const metrics = { name: 'metrics', uri: '/runs/run-1/tasks/test/artifacts/metrics', schemaTitle: 'system.Metrics', metadata: {} };
    const test = task('test', 'succeeded', { outputs: { parameters: { accuracy: 0.8 }, artifacts: { metrics: [metrics] } } });
    renderRun(snapshot(5, 'succeeded', [test]), {
      runArtifactRead: async ({ output }) => ok({ text: output === 'metrics' ? '{"accuracy": 0.8, "precision": 0.75}' : '', bytes: 40, truncated: false, binary: false }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /^Test: succeeded/ }, { timeout: 5000 }));
    fireEvent.click(screen.getByRole('button', { name: 'Preview metrics' }));
    const table = await screen.findByRole('table', { name: 'Metrics' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['accuracy0.8', 'precision0.75']);
  });

  it('clones the run pipeline into the editor and goes back to it', async () => {
    const { ui, editor } = renderRun(snapshot(6, 'succeeded', [task('make-data', 'succeeded')]));
    ui.getState().showRuns('run-1');
    await screen.findByRole('button', { name: /^Make data: succeeded/ }, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Clone into editor' }));
    expect(editor.getState().document.name).toBe('classic-local');
    expect(Object.keys(editor.getState().document.graph.tasks)).toEqual(Object.keys(doc.graph.tasks));
    expect(ui.getState().view).toBe('editor');
  });
});

describe('a run followed to its end from its view', () => {
  it('"Tell me when it ends" follows a running run (started elsewhere), once; an ended run offers nothing', async () => {
    const { ui, push } = renderRun(snapshot(1, 'running', [task('make-data', 'running')]));
    const button = await screen.findByRole('button', { name: 'Tell me when it ends' });
    fireEvent.click(button);
    expect(ui.getState().followed).toEqual([{ runId: 'run-1', target: undefined }]);
    expect(screen.getByRole('button', { name: 'Will tell you when it ends' })).toHaveProperty('disabled', true);
    push(snapshot(2, 'succeeded', [task('make-data', 'succeeded')]));
    await waitFor(() => expect(screen.queryByRole('button', { name: /tell (me|you) when it ends/i })).toBeNull());
  });
});

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostApi, HostRequest } from '../../shared/host-api/host-api.calls';
import { ok } from '../../shared/host-api/host-result';
import type { RunSnapshot, TaskSnapshot } from '../../shared/runtime/runtime';
import { HostContext } from '../host/host-context';
import { createUiStores } from '../store/create-ui-stores';
import { UiStoresContext } from '../store/ui-stores';
import { bundledExample, createTestHost } from '../test-host';
import { RunsHost, SUCCESS_TOAST_MS } from './RunsHost';
import { createRunsUi } from './runs-ui';
import type { RunWatcher } from './run-watcher';

const doc = bundledExample('classic-local');

function snapshot(revision: number, state: RunSnapshot['state'], finishedAt?: string): RunSnapshot {
  const task: TaskSnapshot = { id: 'make-data', name: 'make-data', displayName: 'make-data', kind: 'container', state: state === 'succeeded' || state === 'failed' ? state : 'running', attempts: 1, hasLog: true };
  return {
    id: 'run-1',
    experimentId: 'default',
    displayName: 'nightly',
    pipelineName: 'classic-local',
    state,
    createdAt: '2026-11-29T10:00:00.000Z',
    startedAt: '2026-11-29T10:00:00.000Z',
    ...(finishedAt ? { finishedAt } : {}),
    parameters: {},
    execution: { mode: 'host', reason: 'docker is not on the PATH' },
    tasks: [task],
    revision,
  };
}

/** A watcher the test drives: every watch of a run (with the target it names) gets the snapshots pushed. */
function drivenWatcher() {
  const watches = new Set<{ target: string | undefined; on: (run: RunSnapshot) => void; end: ((reason?: string) => void) | undefined }>();
  const watcher: RunWatcher = {
    watchRun: (_id, on, end, target) => {
      const watch = { target, on, end };
      watches.add(watch);
      return () => watches.delete(watch);
    },
    followLog: () => () => undefined,
  };
  return {
    watcher,
    targets: () => [...watches].map((w) => w.target),
    push: (run: RunSnapshot) => act(() => [...watches].forEach((w) => w.on(run))),
    /** Every watch ends, as the host ends one after a snapshot of an ended run. */
    endAll: () =>
      act(() =>
        [...watches].forEach((w) => {
          watches.delete(w);
          w.end?.('The run failed.');
        }),
      ),
  };
}

function renderRunsHost(first: RunSnapshot, target?: string, before?: (ui: ReturnType<typeof createRunsUi>) => void) {
  const retried: HostRequest<'runRetry'>[] = [];
  const host: HostApi = {
    ...createTestHost(),
    runGet: async () => ok({ run: first, document: doc }),
    runRetry: async (request) => {
      retried.push(request);
      return ok({});
    },
  };
  const driven = drivenWatcher();
  const ui = createRunsUi();
  if (target !== undefined) ui.getState().setTarget(target);
  ui.getState().showRuns('run-1');
  before?.(ui);
  render(
    <StrictMode>
      <HostContext.Provider value={host}>
        <UiStoresContext.Provider value={createUiStores()}>
          <RunsHost ui={ui} watcher={driven.watcher} />
        </UiStoresContext.Provider>
      </HostContext.Provider>
    </StrictMode>,
  );
  return { ...driven, ui, retried, user: userEvent.setup() };
}

const toasts = () => within(screen.getByRole('status', { name: 'Notifications' }));
const toastTexts = () => toasts().queryAllByText(/^Run /).map((s) => s.textContent);

describe('the end of a run, in a toast', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a success go after a while unless a pointer rests on it, and keeps a failure until dismissed', () => {
    vi.useFakeTimers();
    const { ui, push } = renderRunsHost(snapshot(1, 'running'));
    act(() => ui.getState().followRun('run-1', undefined));
    push(snapshot(3, 'succeeded', '2026-11-29T10:00:07.000Z'));
    expect(toastTexts()).toEqual(['Run nightly succeeded.']);
    const area = screen.getByRole('status', { name: 'Notifications' });
    fireEvent.pointerEnter(area);
    act(() => vi.advanceTimersByTime(SUCCESS_TOAST_MS * 2));
    expect(toastTexts()).toEqual(['Run nightly succeeded.']);
    fireEvent.pointerLeave(area);
    act(() => vi.advanceTimersByTime(SUCCESS_TOAST_MS + 1));
    expect(toastTexts()).toEqual([]);

    act(() => ui.getState().followRun('run-1', undefined));
    push(snapshot(4, 'running'));
    push(snapshot(5, 'failed', '2026-11-29T10:01:07.000Z'));
    expect(toastTexts()).toEqual(['Run nightly failed.']);
    act(() => vi.advanceTimersByTime(SUCCESS_TOAST_MS * 3));
    expect(toastTexts()).toEqual(['Run nightly failed.']);
  });

  it('says how a run started from the Run dialog ended, with Show on its target', async () => {
    const { ui, push } = renderRunsHost(snapshot(1, 'running'));
    act(() => ui.getState().followRun('run-1', undefined));
    push(snapshot(2, 'running'));
    expect(toastTexts()).toEqual([]);
    push(snapshot(3, 'succeeded', '2026-11-29T10:00:07.000Z'));
    expect(toastTexts()).toEqual(['Run nightly succeeded.']);
    expect(toasts().getByRole('button', { name: 'Show' })).toBeTruthy();
  });

  it('follows a run handed over before the runs host mounted (mounted twice, as in strict mode) once to its end', async () => {
    const { ui, push } = renderRunsHost(snapshot(1, 'running'), undefined, (store) => store.getState().followRun('run-1', undefined));
    push(snapshot(3, 'failed', '2026-11-29T10:00:07.000Z'));
    expect(toastTexts()).toEqual(['Run nightly failed.']);
    await waitFor(() => expect(ui.getState().followed).toEqual([]));
  });

  it('says how a run retried from the run view ended, and the earlier failure is no longer the last word', async () => {
    const failed = snapshot(3, 'failed', '2026-11-29T10:00:07.000Z');
    const { ui, push, retried, user } = renderRunsHost(snapshot(1, 'running'));
    // Started from the Run dialog: it fails.
    act(() => ui.getState().followRun('run-1', undefined));
    push(failed);
    expect(toastTexts()).toEqual(['Run nightly failed.']);
    await screen.findByRole('status', { name: 'Run state: failed' }, { timeout: 5000 });

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(retried).toEqual([{ runId: 'run-1' }]));
    expect(toastTexts()).toEqual([]);
    // A snapshot still showing the old end (the runtime has not started it again yet) is not the retried run's end.
    push(failed);
    expect(toastTexts()).toEqual([]);
    push(snapshot(4, 'running'));
    push(snapshot(5, 'succeeded', '2026-11-29T10:01:02.000Z'));
    expect(toastTexts()).toEqual(['Run nightly succeeded.']);
    expect(screen.getByRole('status', { name: 'Run state: succeeded' })).toBeTruthy();
  });

  it('follows a run retried on a cluster there, and names the cluster in its toast', async () => {
    const { push, retried, targets, user } = renderRunsHost(snapshot(3, 'failed', '2026-11-29T10:00:07.000Z'), 'prod');
    await user.click(await screen.findByRole('button', { name: 'Retry' }, { timeout: 5000 }));
    await waitFor(() => expect(retried).toEqual([{ runId: 'run-1', target: 'prod' }]));
    // The run view's own watch and the end-of-run watch both ask the cluster, not this computer.
    await waitFor(() => expect(targets()).toEqual(['prod', 'prod']));
    push(snapshot(4, 'running'));
    push(snapshot(5, 'failed', '2026-11-29T10:02:00.000Z'));
    expect(toastTexts()).toEqual(['Run nightly on prod failed.']);
  });

  it('looks again when a retried run still showed its old end, and says how the retried run ended', async () => {
    const failed = snapshot(3, 'failed', '2026-11-29T10:00:07.000Z');
    const { push, endAll, targets, user } = renderRunsHost(failed);
    await user.click(await screen.findByRole('button', { name: 'Retry' }, { timeout: 5000 }));
    await waitFor(() => expect(targets()).toHaveLength(2));
    // The cluster had not started the run again yet: the watch saw the old failure and ended.
    push(failed);
    endAll();
    expect(toastTexts()).toEqual([]);
    await waitFor(() => expect(targets()).toHaveLength(1), { timeout: 3000 });
    push(snapshot(4, 'running'));
    push(snapshot(5, 'succeeded', '2026-11-29T10:01:02.000Z'));
    expect(toastTexts()).toEqual(['Run nightly succeeded.']);
  });
});

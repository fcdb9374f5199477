// The run target reaches every run call: the Run dialog's "Run on", upload (a name clash → a new version), schedules,
// the runs view's "Run target" with its lists and schedules, and the run view (terminate, the task log).
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ClusterProfile } from '../../shared/host-api/cluster.calls';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { fail, ok } from '../../shared/host-api/host-result';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { emptyDocument } from '../../shared/model/document';
import { HostContext } from '../host/host-context';
import { EditorStoreContext } from '../store/editor-context';
import { createEditorStore } from '../store/editor-store';
import { bundledExample, createTestHost } from '../test-host';
import { RunDialog } from '../runs/RunDialog';
import { RunsHost } from '../runs/RunsHost';
import { createRunsUi } from '../runs/runs-ui';
import { pollingWatcher, type RunWatcher } from '../runs/run-watcher';
import { memoryClusterCalls, recordingHost } from './cluster-calls.test-host';
import { UiStoresContext } from '../store/ui-stores';
import { createUiStores } from '../store/create-ui-stores';

const PROFILES: ClusterProfile[] = [
  { id: 'prod-1', name: 'prod', createdAt: '', kind: 'kfp', connection: { mode: 'url', url: 'http://127.0.0.1:9/pipeline', auth: 'none' } },
  { id: 'wf-1', name: 'wf', createdAt: '', kind: 'argo', context: 'emu', namespace: 'pipelines' },
];
const doc = bundledExample('classic-local');

function run(id: string, state: RunSnapshot['state'], tasks: RunSnapshot['tasks'] = []): RunSnapshot {
  return { id, experimentId: 'e-prod', displayName: `${id} run`, pipelineName: 'classic-local', state, createdAt: '2026-03-02T10:00:00.000Z', parameters: {}, execution: { mode: 'cluster', reason: 'KFP 2.5.0' }, tasks, revision: 1 };
}

/** A host with two profiles whose run calls answer per target, recording every call. */
function clusterHost(overrides: Partial<HostApi> = {}) {
  const base: HostApi = {
    ...createTestHost(),
    ...memoryClusterCalls(PROFILES),
    experimentList: async ({ target }) => ok({ experiments: target === 'prod' ? [{ id: 'e-prod', name: 'Prod experiment', createdAt: '' }] : [{ id: 'default', name: 'Default', createdAt: '' }] }),
    runtimeInfo: async ({ target }) => ok({ kind: target ? 'kfp' : 'local', execution: target ? { mode: 'cluster', reason: 'KFP 2.5.0' } : { mode: 'host', reason: 'docker is not on the PATH' } }),
    runSubmit: async () => ok({ runId: 'r-1' }),
    runList: async ({ target }) => ok({ runs: target === 'prod' ? [run('r-prod', 'running')] : [run('r-local', 'succeeded')] }),
    ...overrides,
  };
  return recordingHost(base);
}

function withHost(host: HostApi, children: React.ReactNode, editor = createEditorStore(emptyDocument('scratch'))) {
  return (
    <HostContext.Provider value={host}>
      <EditorStoreContext.Provider value={editor}>
        <UiStoresContext.Provider value={createUiStores()}>{children}</UiStoresContext.Provider>
      </EditorStoreContext.Provider>
    </HostContext.Provider>
  );
}

describe('the Run dialog on a cluster target', () => {
  it('runs on the profile chosen in "Run on", with that target experiments, and shows the run there', async () => {
    const { host, of } = clusterHost();
    const ui = createRunsUi();
    ui.getState().openRunDialog();
    const started: [string, string | undefined][] = [];
    render(withHost(host, <RunDialog document={doc} ui={ui} onStarted={(id, target) => started.push([id, target])} />));
    const user = userEvent.setup();
    const runOn = screen.getByRole('combobox', { name: 'Run on' }) as HTMLSelectElement;
    expect(runOn.value).toBe('');
    await screen.findByRole('option', { name: 'prod (KFP)' });
    expect(screen.getByRole('option', { name: 'wf (Argo)' })).toBeTruthy();
    await user.selectOptions(runOn, 'wf');
    await screen.findByText(/^Steps run on the cluster/);
    // Argo has no pipeline store: no upload or schedule there.
    expect(screen.queryByRole('button', { name: 'Upload pipeline' })).toBeNull();
    await user.selectOptions(runOn, 'prod');
    await screen.findByRole('option', { name: 'Prod experiment' });
    expect(screen.getByRole('button', { name: 'Upload pipeline' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start run' }));
    expect(of('runSubmit')).toEqual([expect.objectContaining({ target: 'prod', experimentId: 'e-prod', document: doc })]);
    expect(of('experimentList').map((r) => r.target)).toEqual([undefined, 'wf', 'prod']);
    expect(of('runtimeInfo').map((r) => r.target)).toEqual([undefined, 'wf', 'prod']);
    expect(ui.getState()).toMatchObject({ target: 'prod', runId: 'r-1', view: 'runs', runDialogOpen: false });
    expect(started).toEqual([['r-1', 'prod']]);
  });

  it('uploads the pipeline; a name taken (KFS909) offers a new version, and runs then start from that version', async () => {
    const { host, of } = clusterHost({
      pipelineUpload: async (request) =>
        request.newVersionOf
          ? ok({ pipelineId: 'p-1', versionId: 'v-2', name: request.newVersionOf, newVersion: true })
          : fail('KFS909', `A pipeline named "${request.name ?? ''}" exists already on the cluster.`),
    });
    const ui = createRunsUi();
    ui.getState().setTarget('prod');
    render(withHost(host, <RunDialog document={doc} ui={ui} />));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Upload pipeline' }));
    expect((await screen.findByRole('alert')).textContent).toBe('KFS909 A pipeline named "classic-local" exists already on the cluster. Upload it as a new version of "classic-local" instead?');
    await user.click(screen.getByRole('button', { name: 'Upload as new version' }));
    expect(of('pipelineUpload')).toEqual([
      { target: 'prod', document: doc, name: 'classic-local' },
      { target: 'prod', document: doc, newVersionOf: 'classic-local' },
    ]);
    expect((await screen.findByRole('status')).textContent).toMatch(/^Uploaded a new version of pipeline classic-local \(version v-2\)/);
    expect(screen.queryByRole('button', { name: 'Upload as new version' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start run' }));
    const submitted = of('runSubmit')[0];
    expect(submitted).toMatchObject({ target: 'prod', pipelineVersion: { pipelineId: 'p-1', versionId: 'v-2' } });
    expect(submitted?.document).toBeUndefined();
  });

  it('schedules a recurring run with the dialog parameters; a wrong cron is said before asking the host', async () => {
    const { host, of } = clusterHost({ recurringRunCreate: async () => ok({ id: 'rr-1', cron: '0 30 2 * * 1-5' }) });
    const ui = createRunsUi();
    ui.getState().setTarget('prod');
    render(withHost(host, <RunDialog document={doc} ui={ui} />));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Schedule' }));
    const group = screen.getByRole('group', { name: 'Schedule' });
    const cron = within(group).getByLabelText(/^Cron/);
    await user.clear(cron);
    await user.type(cron, '30 2 * *');
    await user.clear(within(group).getByLabelText('Max concurrent runs'));
    await user.type(within(group).getByLabelText('Max concurrent runs'), '2');
    await user.click(within(group).getByLabelText(/^Catch up/));
    await user.clear(screen.getByLabelText(/^rows/));
    await user.type(screen.getByLabelText(/^rows/), '120');
    await user.click(within(group).getByRole('button', { name: 'Create schedule' }));
    expect(within(group).getByText('A cron schedule has five fields (minute, hour, day of month, month, day of week); this has 4.')).toBeTruthy();
    expect(of('recurringRunCreate')).toHaveLength(0);
    await user.type(cron, ' 1-5');
    await user.click(within(group).getByRole('button', { name: 'Create schedule' }));
    expect(of('recurringRunCreate')).toEqual([
      {
        target: 'prod',
        document: doc,
        displayName: `${doc.displayName ?? doc.name} schedule`,
        cron: '30 2 * * 1-5',
        maxConcurrency: 2,
        catchup: false,
        parameters: { rows: 120, seed: 7, test_fraction: 0.25, epochs: 300 },
        experimentId: 'e-prod',
      },
    ]);
    expect(ui.getState()).toMatchObject({ runDialogOpen: false, view: 'runs', target: 'prod' });
    expect(ui.getState().toasts.at(-1)?.text).toMatch(/^Schedule .* created on prod\.$/);
  });
});

describe('the runs view on a cluster target', () => {
  const idle: RunWatcher = { watchRun: () => () => undefined, followLog: () => () => undefined };

  it('lists runs and experiments of the "Run target", and that KFP target schedules (enable/disable, delete)', async () => {
    const schedules = [{ id: 'rr-1', displayName: 'nightly', enabled: true, cron: '0 2 * * *', maxConcurrency: 1, catchup: true }];
    const { host, of } = clusterHost({
      recurringRunList: async () => ok({ recurringRuns: schedules.map((s) => ({ ...s })) }),
      recurringRunSetEnabled: async ({ id, enabled }) => {
        const found = schedules.find((s) => s.id === id);
        if (found) found.enabled = enabled;
        return ok({});
      },
      recurringRunDelete: async ({ id }) => {
        schedules.splice(schedules.findIndex((s) => s.id === id), 1);
        return ok({});
      },
    });
    const ui = createRunsUi();
    ui.getState().showRuns();
    render(withHost(host, <RunsHost ui={ui} watcher={idle} />));
    const user = userEvent.setup();
    const list = screen.getByRole('region', { name: 'Runs' });
    await within(list).findByRole('button', { name: 'r-local run' });
    expect(screen.queryByRole('region', { name: 'Schedules' })).toBeNull();
    await screen.findByRole('option', { name: 'prod (KFP)' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Run target' }), 'prod');
    expect(ui.getState().target).toBe('prod');
    await within(list).findByRole('button', { name: 'r-prod run' });
    expect(within(list).queryByRole('button', { name: 'r-local run' })).toBeNull();
    await screen.findByRole('button', { name: 'Prod experiment' });
    expect(of('runList').at(-1)?.target).toBe('prod');
    expect(of('experimentList').at(-1)?.target).toBe('prod');
    const region = screen.getByRole('region', { name: 'Schedules' });
    const row = await within(region).findByRole('row', { name: /nightly cron 0 2 \* \* \*.* enabled/ });
    await user.click(within(row).getByRole('button', { name: 'Disable nightly' }));
    await within(region).findByRole('row', { name: /nightly .* disabled/ });
    expect(of('recurringRunSetEnabled')).toEqual([{ target: 'prod', id: 'rr-1', enabled: false }]);
    await user.click(within(region).getByRole('button', { name: 'Delete nightly…' }));
    expect(of('recurringRunDelete')).toHaveLength(0);
    await user.click(within(region).getByRole('button', { name: 'Delete nightly' }));
    await within(region).findByText('No schedules on prod: use Schedule… in the Run dialog.');
    expect(of('recurringRunDelete')).toEqual([{ target: 'prod', id: 'rr-1' }]);
    expect(of('recurringRunList').every((r) => r.target === 'prod')).toBe(true);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Run target' }), 'wf');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Schedules' })).toBeNull());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Run target' }), '');
    await within(list).findByRole('button', { name: 'r-local run' });
    expect(of('runList').at(-1)?.target).toBeUndefined();
  });

  it('reads, terminates and follows the log of a run where it runs', async () => {
    const running = run('r-prod', 'running', [{ id: 'train', name: 'train', displayName: 'train', kind: 'container', state: 'running', attempts: 1, hasLog: true }]);
    const follows: (string | undefined)[] = [];
    const watches: (string | undefined)[] = [];
    const watcher: RunWatcher = {
      watchRun: (_id, _on, _end, target) => {
        watches.push(target);
        return () => undefined;
      },
      followLog: (_run, _task, _from, _on, _end, target) => {
        follows.push(target);
        return () => undefined;
      },
    };
    const { host, of } = clusterHost({ runGet: async () => ok({ run: running, document: doc }), runTerminate: async () => ok({}) });
    const ui = createRunsUi();
    ui.getState().setTarget('prod');
    ui.getState().showRuns('r-prod');
    render(withHost(host, <RunsHost ui={ui} watcher={watcher} />));
    const user = userEvent.setup();
    await screen.findByText(/^On prod\./);
    // A click without pointer moves, as React Flow's drag handling needs a real layout.
    fireEvent.click(await screen.findByRole('button', { name: /^Train: running/ }, { timeout: 5000 }));
    await user.click(screen.getByRole('button', { name: 'Terminate' }));
    expect(of('runGet')[0]).toEqual({ target: 'prod', runId: 'r-prod' });
    expect(of('runTerminate')).toEqual([{ target: 'prod', runId: 'r-prod' }]);
    expect(watches).toEqual(['prod']);
    expect(follows).toEqual(['prod']);
  });

  it('the polling watcher asks the run target for snapshots and logs', async () => {
    const { host, of } = clusterHost({
      runGet: async () => ok({ run: run('r-prod', 'succeeded', [{ id: 'a', name: 'a', displayName: 'a', kind: 'container', state: 'succeeded', attempts: 1, hasLog: true }]) }),
      runLogRead: async ({ from }) => ok({ text: from ? '' : 'hello\n', offset: 6 }),
    });
    const watcher = pollingWatcher(host, 1);
    const seen: string[] = [];
    await act(
      () =>
        new Promise<void>((resolve) => {
          watcher.watchRun('r-prod', (snapshot) => seen.push(snapshot.state), () => {
            watcher.followLog('r-prod', 'a', 0, (chunk) => seen.push(chunk.text), () => resolve(), 'prod');
          }, 'prod');
        }),
    );
    expect(seen).toEqual(['succeeded', 'hello\n']);
    expect(of('runGet').every((r) => r.target === 'prod')).toBe(true);
    expect(of('runLogRead').map((r) => [r.target, r.from])).toEqual([['prod', 0], ['prod', 6]]);
  });
});

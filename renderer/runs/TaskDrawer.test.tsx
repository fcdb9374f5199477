import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { fail, ok } from '../../shared/host-api/host-result';
import type { ArtifactEntry, ArtifactValue, RunSnapshot, TaskSnapshot } from '../../shared/runtime/runtime';
import { HostContext } from '../host/host-context';
import { createTestHost } from '../test-host';
import { createRunsUi } from './runs-ui';
import { RunWatcherContext, type RunWatcher } from './run-watcher';
import { TaskDrawer } from './TaskDrawer';

const quietWatcher: RunWatcher = { watchRun: () => () => undefined, followLog: () => () => undefined };

const folder: ArtifactValue = { name: 'report', uri: '/data/runs/run-1/write-report/report', schemaTitle: 'system.Artifact', metadata: {} };
const model: ArtifactValue = { name: 'model', uri: '/data/runs/run-1/write-report/model', schemaTitle: 'system.Model', metadata: {} };

const FILES: { [path: string]: string } = {
  'summary.txt': 'all good\n',
  'tables/scores.csv': 'name,score\nada,3\nbob,5\n',
};

function run(): RunSnapshot {
  const task: TaskSnapshot = {
    id: 'write-report',
    name: 'write-report',
    displayName: 'write-report',
    kind: 'container',
    state: 'succeeded',
    attempts: 1,
    hasLog: true,
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:00:01.000Z',
    outputs: { parameters: {}, artifacts: { report: [folder], model: [model] } },
  };
  return {
    id: 'run-1',
    experimentId: 'default',
    displayName: 'report run',
    pipelineName: 'report',
    state: 'succeeded',
    createdAt: '2026-11-29T10:00:00.000Z',
    parameters: {},
    execution: { mode: 'host', reason: 'test' },
    tasks: [task],
    revision: 3,
  };
}

/** A host answering as the local runtime does for a run with a folder artifact and a file artifact; it records calls. */
function folderHost(entry: Partial<ArtifactEntry> = {}) {
  const calls: { call: string; request: { target?: string; path?: string; output?: string } }[] = [];
  const host: HostApi = {
    ...createTestHost(),
    runArtifactList: async (request) => {
      calls.push({ call: 'list', request });
      return ok({
        artifacts: [
          { taskId: 'write-report', output: 'report', artifact: folder, size: 31, isDirectory: true, files: Object.entries(FILES).map(([path, text]) => ({ path, size: text.length })), filesTruncated: false, ...entry },
          { taskId: 'write-report', output: 'model', artifact: model, size: 7, isDirectory: false },
        ],
      });
    },
    runArtifactRead: async (request) => {
      calls.push({ call: 'read', request });
      if (request.output === 'model') return ok({ text: 'weights', bytes: 7, truncated: false, binary: false });
      const text = request.path !== undefined ? FILES[request.path] : undefined;
      if (text === undefined) return fail('KFS701', 'report is a folder: name a file inside it.');
      return ok({ text, bytes: text.length, truncated: false, binary: false });
    },
  };
  return { host, calls };
}

function renderDrawer(host: HostApi, target?: string) {
  const ui = createRunsUi();
  if (target) ui.getState().setTarget(target);
  render(
    <HostContext.Provider value={host}>
      <RunWatcherContext.Provider value={quietWatcher}>
        <TaskDrawer run={run()} taskName="write-report" label="Write report" now={Date.parse('2026-11-29T10:00:02.000Z')} onClose={() => undefined} ui={ui} />
      </RunWatcherContext.Provider>
    </HostContext.Provider>,
  );
  return screen.getByRole('complementary', { name: 'Task Write report' });
}

describe('the task drawer with a folder artifact', () => {
  it('lists the files of a folder output and previews the one clicked, by its path, on the run target', async () => {
    const { host, calls } = folderHost();
    const drawer = renderDrawer(host, 'lab-cluster');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Preview report' }));
    const files = await within(drawer).findByRole('list', { name: 'Files in report' });
    expect(within(files).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['summary.txt 9 bytes', 'tables/scores.csv 23 bytes']);
    expect(within(drawer).getByText('A folder of 2 files, 31 bytes: pick a file to preview it.')).toBeTruthy();

    fireEvent.click(within(files).getByRole('button', { name: 'tables/scores.csv' }));
    // A CSV inside the folder is drawn as a table, by its own file name.
    const table = await within(drawer).findByRole('table', { name: 'tables/scores.csv (CSV)' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['ada3', 'bob5']);
    expect(within(files).getByRole('button', { name: 'tables/scores.csv' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(within(files).getByRole('button', { name: 'summary.txt' }));
    const text = await within(drawer).findByRole('region', { name: 'Preview of report/summary.txt' });
    expect(text.textContent).toBe('all good\n');
    expect(within(drawer).queryByRole('table')).toBeNull();

    expect(calls.filter((c) => c.request.path !== undefined).map((c) => c.request.path)).toEqual(['tables/scores.csv', 'summary.txt']);
    // Every host call went to the runs' target.
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.every((c) => c.request.target === 'lab-cluster')).toBe(true);
  });

  it('still previews a file output as before, and says when a folder is empty or cut', async () => {
    const { host } = folderHost({ files: [], size: 0 });
    const drawer = renderDrawer(host);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Preview model' }));
    expect((await within(drawer).findByRole('region', { name: 'Preview of model' })).textContent).toBe('weights');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Preview report' }));
    await within(drawer).findByText('The folder is empty.');
    expect(within(drawer).queryByRole('list', { name: 'Files in report' })).toBeNull();
  });

  it('says how many files are shown when the runtime cut the listing', async () => {
    const { host, calls } = folderHost({ files: [{ path: 'summary.txt', size: 9 }], filesTruncated: true, size: 90_000 });
    const drawer = renderDrawer(host);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Preview report' }));
    await within(drawer).findByText('A folder of 1+ files, 88 KB: pick a file to preview it.');
    expect(within(drawer).getByText(`Showing the first 1 files; open the rest from ${folder.uri}.`)).toBeTruthy();
    expect(calls.every((c) => c.request.target === undefined)).toBe(true);
  });

  it('says which links inside a folder were left out and why', async () => {
    const message = 'Symbolic links inside the folder are left out and cannot be read (leak.txt); KFP Studio does not follow links in a run\'s artifacts.';
    const { host } = folderHost({ refused: { code: 'KFS813', message } });
    const drawer = renderDrawer(host);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Preview report' }));
    expect(await within(drawer).findByText(`KFS813: ${message}`)).toBeTruthy();
  });
});

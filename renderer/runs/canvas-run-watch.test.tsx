// The editor's document finds its latest run: one started from it here, or, for a document opened from a file, the
// newest local run started from that file; another document lets the run go.
import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { twoStepDocument } from '../../shared/model/test-documents';
import { HostContext } from '../host/host-context';
import { EditorStoreContext } from '../store/editor-context';
import { createEditorStore, loadDocument } from '../store/editor-store';
import { createTestHost } from '../test-host';
import { createCanvasRun } from './canvas-run';
import { CanvasRunWatch } from './CanvasRunHost';
import type { RunWatcher } from './run-watcher';

const ok = <T,>(value: T) => ({ ok: true as const, value });
const run = (id: string, sourcePath: string | undefined, createdAt: string): RunSnapshot => ({
  id,
  experimentId: 'default',
  displayName: id,
  pipelineName: 'two-steps',
  state: 'succeeded',
  createdAt,
  parameters: {},
  execution: { mode: 'host', reason: 'as asked' },
  tasks: [{ id: 'make', name: 'make', displayName: 'make', kind: 'container', state: 'succeeded', attempts: 1, hasLog: true }],
  ...(sourcePath ? { sourcePath } : {}),
  revision: 1,
});

describe('the run the editor canvas shows', () => {
  it('is the newest local run started from the opened file, and goes when another document is loaded', async () => {
    const runs = [run('newest-other', '/docs/other.pipeline.json', '2026-12-06T12:00:00Z'), run('mine', '/docs/two.pipeline.json', '2026-12-06T11:00:00Z'), run('older', '/docs/two.pipeline.json', '2026-12-06T10:00:00Z')];
    const host: HostApi = {
      ...createTestHost(),
      runList: async () => ok({ runs }),
      runGet: async (request) => ok({ run: runs.find((r) => r.id === request.runId) ?? (runs[0] as RunSnapshot) }),
    };
    const watcher: RunWatcher = { watchRun: () => () => undefined, followLog: () => () => undefined };
    const editor = createEditorStore(twoStepDocument());
    const store = createCanvasRun();
    loadDocument(editor, twoStepDocument(), '/docs/two.pipeline.json');
    render(
      <HostContext.Provider value={host}>
        <EditorStoreContext.Provider value={editor}>
          <CanvasRunWatch watcher={watcher} store={store} />
        </EditorStoreContext.Provider>
      </HostContext.Provider>,
    );
    await waitFor(() => expect(store.getState().snapshot?.id).toBe('mine'));
    expect(store.getState().states.get('make')?.state).toBe('succeeded');

    loadDocument(editor, twoStepDocument());
    expect(store.getState().run).toBeUndefined();
    expect(store.getState().states.size).toBe(0);
  });
});

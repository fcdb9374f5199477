import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';
import { fail, ok } from '../../shared/host-api/host-result';
import { serializeDocument } from '../../shared/model/document.parse';
import { createEditorStore } from '../store/editor-store';
import { bundledExample, createTestHost } from '../test-host';
import { startAutosave, type AutosaveController } from './autosave';
import { connectDesktop } from './desktop-bridge.wiring';
import { recordingHost } from './recording-host.test-host';

type Listener<T> = (value: T) => void;

function fakeBridge(launchFiles: string[] = []) {
  const host = createTestHost();
  const menu = new Set<Listener<string>>();
  const open = new Set<Listener<string>>();
  const dirtyReports: { dirty: boolean; title?: string }[] = [];
  let launchTaken = 0;
  const bridge = {
    documentOpen: host.documentOpen,
    onMenuCommand: (listener: Listener<string>) => {
      menu.add(listener);
      return () => menu.delete(listener);
    },
    onOpenFile: (listener: Listener<string>) => {
      open.add(listener);
      return () => open.delete(listener);
    },
    windowSetDirty: async (request: { dirty: boolean; title?: string }) => {
      dirtyReports.push(request);
      return ok({});
    },
    windowTakeLaunchFiles: async () => {
      launchTaken += 1;
      return ok({ files: launchTaken === 1 ? launchFiles : [] });
    },
  };
  return {
    bridge: bridge as unknown as DesktopBridge,
    saved: host.saved,
    dirtyReports,
    launchTaken: () => launchTaken,
    sendMenu: (id: string) => menu.forEach((l) => l(id)),
    sendOpen: (path: string) => open.forEach((l) => l(path)),
    listeners: () => menu.size + open.size,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the desktop bridge wiring', () => {
  let stop: (() => void) | undefined;
  let autosave: AutosaveController | undefined;
  afterEach(() => {
    stop?.();
    autosave?.stop();
  });

  function setUp(fake: ReturnType<typeof fakeBridge>, perform: (id: string) => boolean = () => true) {
    const store = createEditorStore(bundledExample('classic'));
    const recorded = recordingHost();
    autosave = startAutosave(store, recorded.host);
    stop = connectDesktop(fake.bridge, { store, perform, autosave });
    return { store, recorded };
  }

  it('runs native menu commands by id and reports an unknown one', () => {
    const fake = fakeBridge();
    const performed: string[] = [];
    const { store } = setUp(fake, (id) => (id === 'file.save' ? (performed.push(id), true) : false));
    fake.sendMenu('file.save');
    expect(performed).toEqual(['file.save']);
    fake.sendMenu('file.nope');
    expect(store.getState().status).toMatch(/unknown command file\.nope/);
  });

  it('tells the window whenever unsaved changes appear or go away', () => {
    const fake = fakeBridge();
    const { store } = setUp(fake);
    expect(fake.dirtyReports.map((r) => r.dirty)).toEqual([false]);
    store.getState().apply([{ type: 'setPipelineInfo', name: 'changed' }]);
    store.getState().apply([{ type: 'setPipelineInfo', name: 'changed-again' }]);
    store.getState().setPath('/tmp/changed.pipeline.json');
    expect(fake.dirtyReports).toEqual([{ dirty: false, title: bundledExample('classic').name }, { dirty: true, title: 'changed' }, { dirty: false, title: 'changed-again' }]);
  });

  it('opens the launch files once at start, and each file the app is asked to open later', async () => {
    const other = { ...bundledExample('classic'), name: 'launched' };
    const fake = fakeBridge(['/docs/launched.pipeline.json']);
    fake.saved.set('/docs/launched.pipeline.json', serializeDocument(other));
    fake.saved.set('/docs/later.pipeline.json', serializeDocument({ ...other, name: 'later' }));
    const { store } = setUp(fake);
    await flush();
    expect(fake.launchTaken()).toBe(1);
    expect(store.getState().document.name).toBe('launched');
    expect(store.getState().path).toBe('/docs/launched.pipeline.json');
    expect(store.getState().dirty).toBe(false);
    fake.sendOpen('/docs/later.pipeline.json');
    await flush();
    expect(store.getState().document.name).toBe('later');
    expect(store.getState().status).toMatch(/^Opened later\.pipeline\.json/);
  });

  it('shows a coded error when a file cannot be opened, keeping the open document', async () => {
    const fake = fakeBridge();
    const { store } = setUp(fake);
    fake.sendOpen('/docs/missing.pipeline.json');
    await flush();
    const dialog = store.getState().fileDialog;
    expect(dialog).toMatchObject({ kind: 'error', title: 'Could not open missing.pipeline.json', code: 'KFS505' });
    expect(store.getState().status).toMatch(/KFS505/);
    expect(store.getState().document.name).toBe(bundledExample('classic').name);
  });

  it('keeps unsaved work for recovery when another file is opened over it', async () => {
    const fake = fakeBridge();
    fake.saved.set('/docs/b.pipeline.json', serializeDocument({ ...bundledExample('classic'), name: 'b' }));
    const { store, recorded } = setUp(fake);
    store.getState().apply([{ type: 'setPipelineInfo', name: 'unsaved-a' }]);
    fake.sendOpen('/docs/b.pipeline.json');
    await flush();
    await flush();
    expect(store.getState().document.name).toBe('b');
    expect([...recorded.autosaved.values()].map((e) => e.document.name)).toEqual(['unsaved-a']);
    expect(store.getState().status).toMatch(/kept for recovery/);
  });

  it('stops listening when disconnected', () => {
    const fake = fakeBridge();
    setUp(fake);
    expect(fake.listeners()).toBe(2);
    stop?.();
    stop = undefined;
    expect(fake.listeners()).toBe(0);
  });

  it('reports a launch-file failure on the status line', async () => {
    const fake = fakeBridge();
    fake.bridge.windowTakeLaunchFiles = vi.fn(async () => fail('KFS701', 'broken pipe'));
    const { store } = setUp(fake);
    await flush();
    expect(store.getState().status).toMatch(/KFS701 broken pipe/);
  });
});

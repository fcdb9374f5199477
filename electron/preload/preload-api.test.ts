// Pins what the preload exposes to the page: exactly one method per contract call, the desktop calls and the named
// events, each bound to its own channel. A new method appears here only by changing the shared contract.
import { describe, expect, it } from 'vitest';
import { HOST_CALL_NAMES } from '../../shared/host-api/host-api.calls';
import { DESKTOP_EVENTS, bridgeMethodNames } from '../../shared/host-api/desktop-bridge';
import { RUN_EVENTS_CHANNEL } from '../../shared/host-api/run.calls';
import { BRIDGE_KEY, exposeBridge, type IpcRendererLike } from './preload-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeElectron() {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args]);
      return { ok: true, value: { channel } };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.set(key, api) };
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: 'ipc internals' }, ...args));
  return { exposed, invoked, listeners, ipcRenderer, contextBridge, emit };
}

describe('the preload surface', () => {
  it('exposes exactly the contract calls, the desktop calls and the named events, under one key', () => {
    const electron = fakeElectron();
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    expect([...electron.exposed.keys()]).toEqual([BRIDGE_KEY]);
    const api = electron.exposed.get(BRIDGE_KEY) as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(bridgeMethodNames(HOST_CALL_NAMES).sort());
    expect(Object.keys(api).sort()).toEqual([
      'catalogAdd', 'catalogList', 'catalogPublish', 'catalogRefresh', 'catalogRemove', 'catalogRevision', 'catalogSaveComponent', 'componentFromUrl', 'dialogChooseDocument', 'dialogChooseSavePath', 'documentAutosave', 'documentOpen', 'documentSave', 'documentStatus',
      'exampleList', 'exampleOpen', 'imageBuildStart', 'imageBuildStatus', 'imageContextHash', 'importComponentFile', 'onMenuCommand', 'onOpenFile', 'onRunEvent', 'recoveryDiscard', 'recoveryList', 'recoveryTake',
      'secretDelete', 'secretHas', 'secretSet', 'secretStoreStatus', 'windowNotify', 'windowSetDirty', 'windowTakeLaunchFiles',
      ...HOST_CALL_NAMES.filter((n) => !['catalogAdd', 'catalogList', 'catalogPublish', 'catalogRefresh', 'catalogRemove', 'catalogRevision', 'catalogSaveComponent', 'componentFromUrl', 'documentAutosave', 'documentOpen', 'documentSave', 'documentStatus', 'exampleList', 'exampleOpen', 'imageBuildStart', 'imageBuildStatus', 'imageContextHash', 'importComponentFile', 'recoveryDiscard', 'recoveryList', 'recoveryTake', 'secretDelete', 'secretHas', 'secretSet', 'secretStoreStatus'].includes(n)),
    ].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('sends each call on its own channel with the request only', async () => {
    const electron = fakeElectron();
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    const api = electron.exposed.get(BRIDGE_KEY) as Record<string, (request: unknown) => Promise<unknown>>;
    await api.documentOpen?.({ path: 'a.pipeline.json' });
    await api.windowSetDirty?.({ dirty: true });
    expect(electron.invoked).toEqual([
      ['kfs:documentOpen', [{ path: 'a.pipeline.json' }]],
      ['kfs:windowSetDirty', [{ dirty: true }]],
    ]);
  });

  it('passes events to listeners without the IPC event, drops unknown commands, and unsubscribes', () => {
    const electron = fakeElectron();
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    const api = electron.exposed.get(BRIDGE_KEY) as Record<string, (listener: (...args: unknown[]) => void) => () => void>;
    const got: unknown[][] = [];
    const stop = api.onMenuCommand?.((...args) => got.push(args)) as () => void;
    electron.emit(DESKTOP_EVENTS.onMenuCommand, 'file.save');
    electron.emit(DESKTOP_EVENTS.onMenuCommand, 'rm -rf');
    api.onOpenFile?.((...args) => got.push(args));
    electron.emit(DESKTOP_EVENTS.onOpenFile, '/home/me/a.pipeline.json');
    electron.emit(DESKTOP_EVENTS.onOpenFile, { path: 'object' });
    expect(got).toEqual([['file.save'], ['/home/me/a.pipeline.json']]);
    stop();
    electron.emit(DESKTOP_EVENTS.onMenuCommand, 'file.open');
    expect(got).toHaveLength(2);
    expect(electron.listeners.get(DESKTOP_EVENTS.onMenuCommand)?.size).toBe(0);
  });

  it('passes run events on the run-events channel to the page, drops anything else, and unsubscribes', () => {
    const electron = fakeElectron();
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    const api = electron.exposed.get(BRIDGE_KEY) as Record<string, (listener: (...args: unknown[]) => void) => () => void>;
    const got: unknown[][] = [];
    const stop = api.onRunEvent?.((...args) => got.push(args)) as () => void;
    const log = { subscriptionId: 's-1', type: 'log', chunk: { text: 'hello\n', offset: 6 } };
    const end = { subscriptionId: 's-1', type: 'end', reason: 'The task succeeded.' };
    electron.emit(RUN_EVENTS_CHANNEL, log);
    electron.emit(RUN_EVENTS_CHANNEL, { subscriptionId: 's-1', type: 'evil' });
    electron.emit(RUN_EVENTS_CHANNEL, { type: 'end' });
    electron.emit(RUN_EVENTS_CHANNEL, 'end');
    electron.emit(RUN_EVENTS_CHANNEL, end);
    expect(got).toEqual([[log], [end]]);
    stop();
    electron.emit(RUN_EVENTS_CHANNEL, log);
    expect(got).toHaveLength(2);
    expect(electron.listeners.get(RUN_EVENTS_CHANNEL)?.size).toBe(0);
  });
});

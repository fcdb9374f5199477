// Builds `window.kfpStudio`: one named method per HostApi and desktop call (each a fixed IPC channel), and the named
// events. Nothing generic: the renderer cannot name a channel, and event listeners never see the IPC event object.
import { isCommandId } from '../../shared/commands/command-ids';
import { HOST_CALL_NAMES } from '../../shared/host-api/host-api.calls';
import { DESKTOP_CALL_NAMES, DESKTOP_EVENTS, ipcChannel } from '../../shared/host-api/desktop-bridge';

/** The parts of Electron's ipcRenderer and contextBridge the preload uses (injected so tests run under Node). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: Record<string, unknown>): void;
}

export const BRIDGE_KEY = 'kfpStudio';

function subscribe(ipc: IpcRendererLike, channel: string, accept: (value: unknown) => boolean) {
  return (listener: unknown): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('Pass a function to listen.');
    const handler = (_event: unknown, value: unknown) => {
      if (accept(value)) (listener as (value: unknown) => void)(value);
    };
    ipc.on(channel, handler);
    return () => void ipc.removeListener(channel, handler);
  };
}

const RUN_EVENT_TYPES = new Set(['snapshot', 'log', 'end']);

/** Only run events of the contract's shape reach the page's listeners. */
function isRunEvent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as { subscriptionId?: unknown; type?: unknown };
  return typeof event.subscriptionId === 'string' && event.subscriptionId.length > 0 && typeof event.type === 'string' && RUN_EVENT_TYPES.has(event.type);
}

export function buildBridge(ipc: IpcRendererLike): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of [...HOST_CALL_NAMES, ...DESKTOP_CALL_NAMES]) {
    const channel = ipcChannel(name);
    api[name] = (request: unknown) => ipc.invoke(channel, request);
  }
  api.onMenuCommand = subscribe(ipc, DESKTOP_EVENTS.onMenuCommand, isCommandId);
  api.onOpenFile = subscribe(ipc, DESKTOP_EVENTS.onOpenFile, (value) => typeof value === 'string' && value.length > 0);
  api.onRunEvent = subscribe(ipc, DESKTOP_EVENTS.onRunEvent, isRunEvent);
  return Object.freeze(api);
}

export function exposeBridge(contextBridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(BRIDGE_KEY, buildBridge(ipc));
}

// The main side of the bridge: one IPC handler per HostApi and desktop call. Each checks that the request comes from
// the main window's top frame showing our app, parses it with the call's schema, and answers the envelope (or a coded
// error), never a stack trace.
import type { z } from 'zod';
import { HOST_CALLS, HOST_CALL_NAMES, type HostHandlers } from '../../shared/host-api/host-api.calls';
import { DESKTOP_CALLS, DESKTOP_CALL_NAMES, ipcChannel, type DesktopCallName } from '../../shared/host-api/desktop-bridge';
import { KfsError } from '../../shared/errors/codes';
import { fail, failFrom, ok, type HostResult } from '../../shared/host-api/host-result';
import { isAppUrl } from './app-protocol';

/** The parts of an IpcMainInvokeEvent the checks read. */
export interface IpcEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type DesktopHandlers = {
  [N in DesktopCallName]: (request: z.output<(typeof DESKTOP_CALLS)[N]['request']>, event: IpcEventLike) => Promise<z.output<(typeof DESKTOP_CALLS)[N]['response']>>;
};

/** Only the main window's top frame, showing a page of our own protocol, may call the host. */
export function isTrustedSender(event: IpcEventLike, mainWebContentsId: number | undefined): boolean {
  const frame = event.senderFrame;
  if (mainWebContentsId === undefined || event.sender.id !== mainWebContentsId) return false;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export const FOREIGN_SENDER_MESSAGE = 'This request did not come from the KFP Studio window, so it was refused.';

function invalid(name: string, error: z.ZodError): HostResult<never> {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return fail('KFS701', `The request to ${name} is not valid${field ? ` at ${field}` : ''}: ${issue?.message ?? 'unknown problem'}.`, field ? { field } : undefined);
}

/** A coded error for the renderer: a KfsError as it is; anything else by the first line of its message only. */
function failSafely(error: unknown): HostResult<never> {
  if (error instanceof KfsError) return failFrom(error);
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 500) ?? '';
  return fail('KFS505', message || 'The request failed.');
}

export interface IpcDispatchOptions {
  host: HostHandlers;
  desktop: DesktopHandlers;
  isTrusted: (event: IpcEventLike) => boolean;
  /**
   * Told of every successful host call, with the IPC event that made it, before the answer is sent (the app records
   * recent files from documentOpen/documentSave, and starts delivering run events to the window that watches).
   */
  onHostResult?: (name: string, value: unknown, event: IpcEventLike) => void;
}

export type IpcListener = (event: IpcEventLike, request?: unknown) => Promise<HostResult<unknown>>;

/** channel → listener, for every call of the contract and of the desktop bridge. */
export function createIpcDispatch(options: IpcDispatchOptions): Map<string, IpcListener> {
  const listeners = new Map<string, IpcListener>();
  for (const name of HOST_CALL_NAMES) {
    const schema = HOST_CALLS[name].request as z.ZodType;
    const handler = options.host[name] as (request: unknown) => Promise<HostResult<unknown>>;
    listeners.set(ipcChannel(name), async (event, request) => {
      if (!options.isTrusted(event)) return fail('KFS701', FOREIGN_SENDER_MESSAGE);
      const parsed = schema.safeParse(request);
      if (!parsed.success) return invalid(name, parsed.error);
      try {
        const result = await handler(parsed.data);
        if (result.ok) options.onHostResult?.(name, result.value, event);
        return result.ok ? result : fail(result.error.code, result.error.message, result.error.location);
      } catch (error) {
        return failSafely(error);
      }
    });
  }
  for (const name of DESKTOP_CALL_NAMES) {
    const schema = DESKTOP_CALLS[name].request as z.ZodType;
    const handler = options.desktop[name] as (request: unknown, event: IpcEventLike) => Promise<unknown>;
    listeners.set(ipcChannel(name), async (event, request) => {
      if (!options.isTrusted(event)) return fail('KFS701', FOREIGN_SENDER_MESSAGE);
      const parsed = schema.safeParse(request);
      if (!parsed.success) return invalid(name, parsed.error);
      try {
        return ok(await handler(parsed.data, event));
      } catch (error) {
        return failSafely(error);
      }
    });
  }
  return listeners;
}

export function bindIpc(ipcMain: IpcMainLike, listeners: Map<string, IpcListener>): () => void {
  for (const [channel, listener] of listeners) ipcMain.handle(channel, listener);
  return () => {
    for (const channel of listeners.keys()) ipcMain.removeHandler(channel);
  };
}

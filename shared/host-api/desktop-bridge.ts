// What the desktop app's preload exposes as `window.kfpStudio`, beyond the HostApi: a few window calls and the named
// events the main process sends. The preload and the main process both read these names, so they cannot drift.
import { z } from 'zod';
import type { CommandId } from '../commands/command-ids';
import type { HostApi, HostCallName } from './host-api.calls';
import type { HostResult } from './host-result';
import { RUN_EVENTS_CHANNEL, type RunEvent } from './run.calls';

/** The IPC channel of a HostApi or desktop call. */
export function ipcChannel(name: string): string {
  return `kfs:${name}`;
}

export const DESKTOP_CALLS = {
  /** The editor reports unsaved changes; closing the window then asks first. */
  windowSetDirty: {
    request: z.strictObject({ dirty: z.boolean(), title: z.string().max(300).optional() }),
    response: z.object({}),
  },
  /**
   * Documents the app was asked to open before the editor was listening (command line, double-click): call once at
   * start, after subscribing to onOpenFile; later requests arrive through onOpenFile.
   */
  windowTakeLaunchFiles: { request: z.strictObject({}), response: z.object({ files: z.array(z.string()) }) },
  /** The native Open dialog; `path` is absent when the person cancelled. */
  /**
   * The native Open dialog: the chosen path, and for a file that is not a pipeline document (compiled YAML or JSON,
   * .tar.gz, .zip) its bytes as base64 `content`, for the renderer's importer.
   */
  dialogChooseDocument: { request: z.strictObject({}), response: z.object({ path: z.string().optional(), content: z.string().optional() }) },
  /** The native Save dialog, for Save As. */
  dialogChooseSavePath: {
    request: z.strictObject({ suggestedName: z.string().max(255).optional() }),
    response: z.object({ path: z.string().optional() }),
  },
  /**
   * A system notification (a watched run ended while the window was in the background); clicking it brings the window
   * forward on the runs view. `shown` is false where the system has no notifications.
   */
  windowNotify: {
    request: z.strictObject({ title: z.string().min(1).max(200), body: z.string().max(1000), tag: z.string().max(400).optional() }),
    response: z.object({ shown: z.boolean() }),
  },
} as const;

export type DesktopCallName = keyof typeof DESKTOP_CALLS;
export const DESKTOP_CALL_NAMES = Object.keys(DESKTOP_CALLS) as DesktopCallName[];

/** Named events: method name on `window.kfpStudio` → IPC channel the main process sends on. */
export const DESKTOP_EVENTS = {
  /** A native menu item was chosen: run the command with this id from the command registry. */
  onMenuCommand: 'kfs-event:menuCommand',
  /** Open this document (command line, double-click, `open-file`, a second launch, Open Recent). */
  onOpenFile: 'kfs-event:openFile',
  /**
   * An event of a run subscription (`runWatch`/`runLogFollow`) this window started: the main process sends each one
   * to the window that asked, until its `end`, `runUnwatch` or the window closing.
   */
  onRunEvent: RUN_EVENTS_CHANNEL,
} as const;

export type DesktopEventName = keyof typeof DESKTOP_EVENTS;
export const DESKTOP_EVENT_NAMES = Object.keys(DESKTOP_EVENTS) as DesktopEventName[];

type DesktopCalls = {
  [N in DesktopCallName]: (request: z.input<(typeof DESKTOP_CALLS)[N]['request']>) => Promise<HostResult<z.output<(typeof DESKTOP_CALLS)[N]['response']>>>;
};

interface DesktopEvents {
  /** Returns a function that stops listening. */
  onMenuCommand(listener: (id: CommandId) => void): () => void;
  onOpenFile(listener: (path: string) => void): () => void;
  /** Every run event for this window, whatever its subscription; route them by `subscriptionId`. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
}

/** `window.kfpStudio` in the desktop app. */
export type DesktopBridge = HostApi & DesktopCalls & DesktopEvents;

/** Every method name the preload exposes, in a stable order. */
export function bridgeMethodNames(hostCalls: readonly HostCallName[]): string[] {
  return [...hostCalls, ...DESKTOP_CALL_NAMES, ...DESKTOP_EVENT_NAMES];
}

// Connects the editor to the desktop app's preload bridge: native menu commands run through the command registry,
// the window learns when there are unsaved changes, and documents the app is asked to open (launch arguments,
// double-click, Open Recent) are opened through the host.
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';
import type { EditorStore } from '../store/editor-store';
import { loadDocument } from '../store/editor-store';
import { formatLocation } from '../../shared/errors/codes';
import { adviceFor } from '../files/error-advice';
import type { AutosaveController } from './autosave';

type WiringBridge = Pick<DesktopBridge, 'onMenuCommand' | 'onOpenFile' | 'windowSetDirty' | 'windowTakeLaunchFiles' | 'documentOpen'>;

export interface DesktopWiringOptions {
  store: EditorStore;
  /** Runs a command of the registry by id; answers false when no command has that id. */
  perform: (id: string) => boolean;
  autosave?: AutosaveController;
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

export async function openDesktopFile(bridge: Pick<DesktopBridge, 'documentOpen'>, { store, autosave }: Pick<DesktopWiringOptions, 'store' | 'autosave'>, path: string): Promise<void> {
  const name = baseName(path);
  const result = await bridge.documentOpen({ path });
  if (!result.ok) {
    const { code, message, location } = result.error;
    const where = location && Object.keys(location).length ? formatLocation(location) : undefined;
    const advice = adviceFor(code);
    store.getState().openFileDialog({ kind: 'error', title: `Could not open ${name}`, code, message, ...(where ? { where } : {}), ...(advice ? { advice } : {}) });
    store.getState().setStatus(`Could not open ${name}: ${code} ${message}`);
    return;
  }
  const hadChanges = store.getState().dirty;
  if (hadChanges && autosave) {
    // The unsaved work is not thrown away: it stays stored and is offered for recovery at the next start.
    await autosave.flush();
    autosave.keepOnNextLoad();
  }
  loadDocument(store, result.value.document, result.value.path, result.value.revision);
  const tasks = Object.keys(result.value.document.graph.tasks).length;
  const kept = hadChanges && autosave ? ' The unsaved changes of the previous pipeline are kept for recovery at the next start.' : '';
  store.getState().setStatus(`Opened ${name}: ${tasks} task${tasks === 1 ? '' : 's'}.${kept}`);
}

/** Starts listening; the answer stops it. */
export function connectDesktop(bridge: WiringBridge, options: DesktopWiringOptions): () => void {
  const { store, perform } = options;
  const stopMenu = bridge.onMenuCommand((id) => {
    if (!perform(id)) store.getState().setStatus(`The menu asked for an unknown command ${id}.`);
  });
  // Opens run one after another so two launch files cannot interleave.
  let queue = Promise.resolve();
  const open = (path: string) => {
    queue = queue.then(() => openDesktopFile(bridge, options, path));
  };
  const stopOpen = bridge.onOpenFile(open);

  let reported: boolean | undefined;
  const report = () => {
    const { dirty, document } = store.getState();
    if (dirty === reported) return;
    reported = dirty;
    void bridge.windowSetDirty({ dirty, title: document.name.slice(0, 300) });
  };
  report();
  const stopDirty = store.subscribe(report);

  let live = true;
  void bridge.windowTakeLaunchFiles({}).then((result) => {
    if (!live) return;
    if (result.ok) result.value.files.forEach(open);
    else store.getState().setStatus(`Could not read the files the app was asked to open: ${result.error.code} ${result.error.message}`);
  });

  return () => {
    live = false;
    stopMenu();
    stopOpen();
    stopDirty();
  };
}

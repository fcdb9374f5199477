// Reopening what was open: each document loaded or saved is recorded through the host (a saved one by its path, any
// other by its content), and at start the app opens that record again before falling back to the bundled example.
// Unsaved changes are not part of it: autosave keeps those, and the recovery offer brings them back.
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { EditorStore } from '../store/editor-store';
import { loadDocument } from '../store/editor-store';

type SessionHost = Pick<HostApi, 'sessionRead' | 'sessionWrite' | 'documentOpen' | 'exampleOpen'>;

/** Records the open document whenever another is loaded or it is saved under a (new) path. */
export function recordOpenDocument(store: EditorStore, host: Pick<HostApi, 'sessionWrite'>): () => void {
  return store.subscribe((state, previous) => {
    if (state.generation === previous.generation && state.path === previous.path) return;
    void host.sessionWrite(state.path ? { path: state.path } : { document: state.document });
  });
}

/**
 * Opens, in order: the example the address names, what was open last time, the default example. A last document
 * that can no longer be read is said on the status line (and the example opened instead).
 */
export async function openAtStart(store: EditorStore, host: SessionHost, named: string | undefined, fallback: string, live: () => boolean): Promise<void> {
  if (named === undefined) {
    const session = await host.sessionRead({});
    if (!live()) return;
    if (session.ok && session.value.path) {
      const opened = await host.documentOpen({ path: session.value.path });
      if (!live()) return;
      if (opened.ok) {
        loadDocument(store, opened.value.document, opened.value.path, opened.value.revision);
        return store.getState().setStatus(`Reopened ${opened.value.path}, as it was when KFP Studio last closed.`);
      }
      store.getState().setStatus(`${session.value.path} was open last time but could not be reopened: ${opened.error.code} ${opened.error.message}`);
    } else if (session.ok && session.value.document) {
      loadDocument(store, session.value.document);
      return store.getState().setStatus(`Reopened ${session.value.document.name}, as it was when KFP Studio last closed (not saved to a file yet).`);
    }
  }
  const example = await host.exampleOpen({ id: named ?? fallback });
  if (!live()) return;
  if (example.ok) loadDocument(store, example.value.document);
  else store.getState().setStatus(`The example could not be opened: ${example.error.code} ${example.error.message}`);
}

// Autosave for web and desktop: while the document has unsaved changes it is stored through the host every few
// seconds (and when the page is hidden or closed), so a crash loses at most a few seconds of work. Once the work is
// saved (dirty turns false with the same document loaded) its autosave is discarded. At start nothing is written
// until the recovery offer has read what an earlier session left (see `until`), so this session never lists or
// replaces that work before the person has chosen what to do with it.
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { PipelineDocument } from '../../shared/model/document';
import type { EditorStore } from '../store/editor-store';

export const AUTOSAVE_INTERVAL_MS = 5000;

type AutosaveHost = Pick<HostApi, 'documentAutosave' | 'recoveryDiscard'>;

export interface AutosaveController {
  /** Stores the document now if it has unsaved changes not yet autosaved. */
  flush: () => Promise<void>;
  /** Continue under this key (a recovered document), so its stored work is overwritten and discarded on save. */
  adopt: (key: string, document: PipelineDocument) => void;
  /** The next document load keeps the current autosave instead of discarding it (the work stays recoverable). */
  keepOnNextLoad: () => void;
  stop: () => void;
}

export function newAutosaveKey(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `doc-${random}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
}

export interface AutosaveOptions {
  intervalMs?: number;
  target?: Window;
  /** Nothing is written until this settles (the recovery check has finished); then unsaved changes are stored at once. */
  until?: Promise<unknown>;
}

export function startAutosave(store: EditorStore, host: AutosaveHost, options: AutosaveOptions = {}): AutosaveController {
  const target = options.target ?? window;
  let key = newAutosaveKey();
  /** The document last stored under `key`; undefined when nothing is stored under it. */
  let stored: PipelineDocument | undefined;
  let keep = false;
  let held = options.until !== undefined;
  let stopped = false;

  const discard = (which: string) => {
    void host.recoveryDiscard({ key: which });
  };

  const flush = async () => {
    const { dirty, document, path, generation } = store.getState();
    if (held || stopped || !dirty || document === stored) return;
    const at = key;
    const result = await host.documentAutosave({ key: at, ...(path ? { path } : {}), document });
    if (!result.ok || at !== key) return;
    stored = document;
    // Saved while the autosave was on its way: the stored copy is no longer needed.
    const now = store.getState();
    if (!now.dirty && now.generation === generation) {
      stored = undefined;
      discard(at);
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.generation !== previous.generation) {
      if (stored !== undefined && !keep) discard(key);
      keep = false;
      key = newAutosaveKey();
      stored = undefined;
    } else if (previous.dirty && !state.dirty && stored !== undefined) {
      discard(key);
      stored = undefined;
    }
  });

  const release = () => {
    held = false;
    void flush();
  };
  options.until?.then(release, release);

  const timer = setInterval(() => void flush(), options.intervalMs ?? AUTOSAVE_INTERVAL_MS);
  const onHidden = () => {
    if (target.document.visibilityState === 'hidden') void flush();
  };
  const onUnload = () => void flush();
  target.document.addEventListener('visibilitychange', onHidden);
  target.addEventListener('beforeunload', onUnload);

  return {
    flush,
    adopt: (adopted, document) => {
      key = adopted;
      stored = document;
    },
    keepOnNextLoad: () => {
      keep = true;
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      target.document.removeEventListener('visibilitychange', onHidden);
      target.removeEventListener('beforeunload', onUnload);
    },
  };
}

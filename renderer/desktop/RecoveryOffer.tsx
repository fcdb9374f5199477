// At start, offers the unsaved work an earlier session left behind (newest first): Recover loads it as unsaved
// changes, Discard deletes it. Closing the dialog keeps the entries for the next start. Autosave waits for the
// check (`recoveryCheck`): it writes nothing until there was nothing to offer or the offer was answered.
import { useEffect, useRef, useState } from 'react';
import type { AutosaveEntryInfo } from '../../shared/host-api/document.calls';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { EditorStore } from '../store/editor-store';
import { loadDocument } from '../store/editor-store';
import type { AutosaveController } from './autosave';

export interface RecoveryOfferProps {
  host: Pick<HostApi, 'recoveryList' | 'recoveryTake' | 'recoveryDiscard'>;
  store: EditorStore;
  autosave: AutosaveController | undefined;
  /** Called once the earlier work was read and there was none, the list failed, or every entry was answered or put off. */
  onSettled?: () => void;
}

export interface RecoveryCheck {
  /** Settles when the recovery offer has settled: pass to startAutosave as `until`. */
  done: Promise<void>;
  /** The offer's `onSettled`. */
  finish: () => void;
}

export function recoveryCheck(): RecoveryCheck {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function RecoveryOffer({ host, store, autosave, onSettled }: RecoveryOfferProps) {
  const [entries, setEntries] = useState<AutosaveEntryInfo[]>([]);
  const [problem, setProblem] = useState<string>();
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const offered = useRef(false);

  useEffect(() => {
    let live = true;
    void host.recoveryList({}).then(
      (result) => {
        if (!live) return;
        if (result.ok && result.value.entries.length) setEntries(result.value.entries);
        else settled.current?.();
      },
      () => {
        if (live) settled.current?.();
      },
    );
    return () => {
      live = false;
    };
  }, [host]);

  // Every entry recovered, discarded or put off (Later, Escape): the offer is answered.
  useEffect(() => {
    if (entries.length) offered.current = true;
    else if (offered.current) {
      offered.current = false;
      settled.current?.();
    }
  }, [entries]);

  if (!entries.length) return null;
  const remove = (key: string) => setEntries((list) => list.filter((e) => e.key !== key));

  const recover = async (entry: AutosaveEntryInfo) => {
    const result = await host.recoveryTake({ key: entry.key });
    if (!result.ok) return setProblem(`Could not recover ${entry.name}: ${result.error.code} ${result.error.message}`);
    // A recovered document replacing another recovered one keeps the other's stored work.
    autosave?.keepOnNextLoad();
    loadDocument(store, result.value.document, result.value.path);
    store.setState({ dirty: true });
    autosave?.adopt(entry.key, result.value.document);
    store.getState().setStatus(`Recovered unsaved work: ${entry.name}. Save it to keep it.`);
    remove(entry.key);
    setProblem(undefined);
  };

  const discard = async (entry: AutosaveEntryInfo) => {
    const result = await host.recoveryDiscard({ key: entry.key });
    if (!result.ok) return setProblem(`Could not discard ${entry.name}: ${result.error.code} ${result.error.message}`);
    remove(entry.key);
    setProblem(undefined);
  };

  return (
    <div className="kfs-dialog-backdrop">
      <div className="kfs-dialog" role="dialog" aria-modal="true" aria-labelledby="kfs-recovery-title" onKeyDown={(e) => {
          // Keys stay in the dialog: the editor's shortcuts must not act behind it. Escape is "Later".
          e.stopPropagation();
          if (e.key === 'Escape') setEntries([]);
        }}
      >
        <h2 id="kfs-recovery-title">Recover unsaved work</h2>
        <p>These changes were made in KFP Studio and not saved before it last closed or reloaded:</p>
        <ul aria-label="Unsaved work">
          {entries.map((entry) => (
            <li key={entry.key} aria-label={entry.name}>
              <strong>{entry.name}</strong> <span>{entry.path ? `changes to ${entry.path}` : 'not saved to a file yet'}</span> <time dateTime={entry.savedAt}>{when(entry.savedAt)}</time>{' '}
              <button type="button" onClick={() => void recover(entry)} aria-label={`Recover ${entry.name}`}>
                Recover
              </button>{' '}
              <button type="button" className="kfs-danger" onClick={() => void discard(entry)} aria-label={`Discard ${entry.name}`}>
                Discard
              </button>
            </li>
          ))}
        </ul>
        {problem && <p role="alert">{problem}</p>}
        <div className="kfs-dialog-actions">
          <button type="button" onClick={() => setEntries([])}>
            Later
          </button>
        </div>
      </div>
    </div>
  );
}

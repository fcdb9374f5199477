// The browser's Save dialog (web mode): a name field, the documents already in the data folder (click one to take its
// name), and a plain question before a file holding another pipeline is replaced. Also the question asked when Save
// finds the document's own file now holds another pipeline.
import { useEffect, useState } from 'react';
import type { DocumentListing } from '../../shared/host-api/document.calls';
import { useHost } from '../host/host-context';
import { useEditorStore } from '../store/editor-context';
import { documentFileName, suggestedDocumentName } from './document-file-name';
import { saveAsDownload, saveAsToHost, saveTo } from './file-actions';
import { Modal } from './Modal';

function modified(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function useDocumentList(): DocumentListing[] | undefined {
  const host = useHost();
  const [documents, setDocuments] = useState<DocumentListing[]>();
  useEffect(() => {
    let live = true;
    void host.documentList({}).then((result) => live && setDocuments(result.ok ? result.value.documents : []));
    return () => {
      live = false;
    };
  }, [host]);
  return documents;
}

function ExistingDocuments({ documents, chosen, onChoose }: { documents: DocumentListing[]; chosen: string; onChoose: (file: string) => void }) {
  if (!documents.length) return <p className="kfs-muted">No pipeline is saved in the data folder yet.</p>;
  return (
    <div className="kfs-save-existing">
      <p className="kfs-muted" id="kfs-save-existing-title">
        Already in the data folder (a name taken here is replaced only if you confirm):
      </p>
      <ul aria-labelledby="kfs-save-existing-title">
        {documents.map((d) => (
          <li key={d.file}>
            <button type="button" aria-pressed={d.file === chosen} onClick={() => onChoose(d.file)} title={`Use the name ${d.file}`}>
              <span className="kfs-save-file">{d.file}</span>
              <span className="kfs-muted">{d.name ?? 'not a readable pipeline'}</span>
              <time dateTime={d.modifiedAt}>{modified(d.modifiedAt)}</time>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SaveAs({ close }: { close: () => void }) {
  const store = useEditorStore();
  const host = useHost();
  const documents = useDocumentList();
  const [name, setName] = useState(() => suggestedDocumentName(store.getState().path, store.getState().document.name));
  const [problem, setProblem] = useState<string | undefined>();
  const [taken, setTaken] = useState<string>();
  const [busy, setBusy] = useState(false);
  const toHost = async (replace: boolean) => {
    setBusy(true);
    const answer = await saveAsToHost(store, host, name, replace);
    setBusy(false);
    if (answer === 'taken') {
      const checked = documentFileName(name);
      setTaken(checked.ok ? checked.name : name);
      setProblem(undefined);
    } else setProblem(answer);
  };
  const chosenFile = (() => {
    const checked = documentFileName(name);
    return checked.ok ? checked.name : '';
  })();
  const takenBy = documents?.find((d) => d.file === taken)?.name;
  return (
    <Modal title="Save As" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void toHost(false);
        }}
      >
        <label className="kfs-field">
          <span>File name</span>
          <input
            aria-label="File name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setTaken(undefined);
            }}
            aria-invalid={problem !== undefined}
            aria-describedby="kfs-save-as-help"
          />
        </label>
        <p id="kfs-save-as-help" className="kfs-muted">
          Saved in the data folder of this KFP Studio, or downloaded by the browser.
        </p>
        {documents && <ExistingDocuments documents={documents} chosen={chosenFile} onChoose={(file) => (setName(file), setTaken(undefined))} />}
        {problem && (
          <p className="kfs-field-problem" role="alert">
            {problem}
          </p>
        )}
        {taken ? (
          <div className="kfs-save-taken" role="alert">
            <p>
              <strong>{taken}</strong> already holds {takenBy ? <>the pipeline &ldquo;{takenBy}&rdquo;</> : 'another pipeline'}. Replace it with this one? Its content will be lost.
            </p>
            <div className="kfs-modal-buttons">
              <button type="button" onClick={() => setTaken(undefined)} data-autofocus>
                Keep it, choose another name
              </button>
              <button type="button" className="kfs-danger" disabled={busy} onClick={() => void toHost(true)}>
                Replace {taken}
              </button>
            </div>
          </div>
        ) : (
          <div className="kfs-modal-buttons">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="button" onClick={() => setProblem(saveAsDownload(store, name))}>
              Download
            </button>
            <button type="submit" className="kfs-primary" disabled={busy}>
              Save in data folder
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}

export function ConfirmReplace({ path, close }: { path: string; close: () => void }) {
  const store = useEditorStore();
  const host = useHost();
  const file = path.split(/[\\/]/).pop() ?? path;
  const replace = async () => {
    close();
    await saveTo(store, host, path, { replace: true });
  };
  return (
    <Modal title={`Replace ${file}?`} role="alertdialog" onClose={close}>
      <p>
        {file} now holds another pipeline than the one you are editing (it was replaced since you opened it). Replacing it loses that pipeline; Save As keeps both.
      </p>
      <div className="kfs-modal-buttons">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button type="button" className="kfs-danger" onClick={() => void replace()}>
          Replace
        </button>
      </div>
    </Modal>
  );
}

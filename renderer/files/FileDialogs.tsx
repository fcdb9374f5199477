// The file actions' dialogs (confirm discard, Save As, Compile, an error) and the hidden input behind Open.
// Each dialog is modal, named by its heading, takes focus when it opens, closes with Escape and gives focus back.
import { memo, useContext, useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { ShellUiContext } from '../commands/command-context';
import { useHost } from '../host/host-context';
import { useEditorStore } from '../store/editor-context';
import { COMPILE_FORMATS, compiledFileName, DEFAULT_COMPILE_FORMAT, type CompileFormat } from './compile-pipeline';
import { suggestedDocumentName } from './document-file-name';
import { chooseFileToOpen, compileAndDownload, openChosenFile, saveAsDownload, saveAsToHost, startNew } from './file-actions';
import { filesUi, OPEN_INPUT_ID, type FilesDialog } from './files-ui';
import { OPEN_ACCEPT } from '../../shared/import/pipeline-file.open';
import './files.css';

const selectDialog = (s: { dialog: FilesDialog | undefined }) => s.dialog;

function Modal({ title, role = 'dialog', onClose, children }: { title: string; role?: 'dialog' | 'alertdialog'; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]), button')?.focus();
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    // Keys typed in a dialog stay there: the editor's shortcuts (Delete, Ctrl+Z) must not act behind it.
    event.stopPropagation();
    if (event.key === 'Escape') onClose();
    if (event.key === 'Tab') {
      const focusable = [...(box.current?.querySelectorAll<HTMLElement>('input, button, select, textarea') ?? [])].filter((e) => !e.hasAttribute('disabled'));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };
  return createPortal(
    <div className="kfs-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="kfs-modal" role={role} aria-modal="true" aria-labelledby="kfs-modal-title" ref={box} onKeyDown={onKeyDown}>
        <h2 id="kfs-modal-title">{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

function ConfirmDiscard({ then, close }: { then: 'new' | 'open'; close: () => void }) {
  const store = useEditorStore();
  const host = useHost();
  const discard = () => {
    close();
    if (then === 'new') startNew(store);
    else chooseFileToOpen({ store, host });
  };
  return (
    <Modal title="Discard unsaved changes?" role="alertdialog" onClose={close}>
      <p>The open pipeline has changes that are not saved. {then === 'new' ? 'Starting a new pipeline' : 'Opening another file'} discards them.</p>
      <div className="kfs-modal-buttons">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button type="button" className="kfs-danger" onClick={discard}>
          Discard changes
        </button>
      </div>
    </Modal>
  );
}

function SaveAs({ close }: { close: () => void }) {
  const store = useEditorStore();
  const host = useHost();
  const [name, setName] = useState(() => suggestedDocumentName(store.getState().path, store.getState().document.name));
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const toHost = async () => {
    setBusy(true);
    setProblem(await saveAsToHost(store, host, name));
    setBusy(false);
  };
  return (
    <Modal title="Save As" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void toHost();
        }}
      >
        <label className="kfs-field">
          <span>File name</span>
          <input aria-label="File name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problem !== undefined} aria-describedby="kfs-save-as-help" />
        </label>
        <p id="kfs-save-as-help" className="kfs-muted">
          Saved in the data folder of this KFP Studio, or downloaded by the browser.
        </p>
        {problem && (
          <p className="kfs-field-problem" role="alert">
            {problem}
          </p>
        )}
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
      </form>
    </Modal>
  );
}

function Compile({ close }: { close: () => void }) {
  const store = useEditorStore();
  const host = useHost();
  const { focusProblems } = useContext(ShellUiContext);
  const [format, setFormat] = useState<CompileFormat>(DEFAULT_COMPILE_FORMAT);
  const fileName = compiledFileName(store.getState().document, format);
  return (
    <Modal title="Compile pipeline" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          compileAndDownload({ store, host, focusProblems }, format);
        }}
      >
        <fieldset className="kfs-formats">
          <legend>File type</legend>
          {COMPILE_FORMATS.map((f) => (
            <label key={f.format}>
              <input type="radio" name="kfs-compile-format" value={f.format} checked={format === f.format} onChange={() => setFormat(f.format)} data-autofocus={format === f.format ? true : undefined} />
              {f.label}
            </label>
          ))}
        </fieldset>
        <p className="kfs-muted">
          Kubeflow Pipelines accepts this file as it is: upload it in the Pipelines page, or submit it with the KFP SDK. It downloads as <strong>{fileName}</strong>.
        </p>
        <div className="kfs-modal-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="kfs-primary">
            Compile and download
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ErrorDialog({ dialog, close }: { dialog: Extract<FilesDialog, { kind: 'error' }>; close: () => void }) {
  return (
    <Modal title={dialog.title} role="alertdialog" onClose={close}>
      <p className="kfs-error-message">
        {dialog.code && <span className="kfs-problem-code">{dialog.code}</span>} {dialog.message}
      </p>
      {dialog.where && <p className="kfs-muted">Where: {dialog.where}</p>}
      {dialog.advice && <p>What to do: {dialog.advice}</p>}
      <div className="kfs-modal-buttons">
        <button type="button" className="kfs-primary" onClick={close} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

function FileDialogsView() {
  const store = useEditorStore();
  const ui = filesUi(store);
  const dialog = useStore(ui, selectDialog);
  const close = ui.getState().close;
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void openChosenFile(store, file);
  };
  return (
    <>
      <div hidden>
        <input type="file" id={OPEN_INPUT_ID} accept={OPEN_ACCEPT} aria-label="Pipeline file to open" onChange={onFile} />
      </div>
      {dialog?.kind === 'confirmDiscard' && <ConfirmDiscard then={dialog.then} close={close} />}
      {dialog?.kind === 'saveAs' && <SaveAs close={close} />}
      {dialog?.kind === 'compile' && <Compile close={close} />}
      {dialog?.kind === 'error' && <ErrorDialog dialog={dialog} close={close} />}
    </>
  );
}

export const FileDialogs = memo(FileDialogsView);

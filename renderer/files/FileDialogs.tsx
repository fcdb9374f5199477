// The file actions' dialogs (confirm discard, Save As, Compile, an error) and the hidden input behind Open.
// Each dialog is modal, named by its heading, takes focus when it opens, closes with Escape and gives focus back.
import { memo, useState, type ChangeEvent } from 'react';
import { useHost } from '../host/host-context';
import { useEditor, useEditorStore } from '../store/editor-context';
import { selectFileDialog } from '../store/selectors';
import { COMPILE_FORMATS, compiledFileName, DEFAULT_COMPILE_FORMAT, type CompileFormat } from './compile-pipeline';
import { chooseFileToOpen, compileAndDownload, openChosenFile, startNew } from './file-actions';
import { Modal } from './Modal';
import { ConfirmReplace, SaveAs } from './SaveAsDialog';
import { OPEN_INPUT_ID, type FilesDialog } from './files-ui';
import { OPEN_ACCEPT } from '../../shared/import/pipeline-file.open';
import './files.css';


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

function Compile({ close }: { close: () => void }) {
  const store = useEditorStore();
  const host = useHost();
  const [format, setFormat] = useState<CompileFormat>(DEFAULT_COMPILE_FORMAT);
  const fileName = compiledFileName(store.getState().document, format);
  return (
    <Modal title="Compile pipeline" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void compileAndDownload({ store, host }, format);
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
  const dialog = useEditor(selectFileDialog);
  const close = () => store.getState().openFileDialog(undefined);
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
      {dialog?.kind === 'confirmReplace' && <ConfirmReplace path={dialog.path} close={close} />}
      {dialog?.kind === 'compile' && <Compile close={close} />}
      {dialog?.kind === 'error' && <ErrorDialog dialog={dialog} close={close} />}
    </>
  );
}

export const FileDialogs = memo(FileDialogsView);

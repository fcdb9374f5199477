// The file actions behind New, Open, Save, Save As and Compile. Commands and the file dialogs call these; they talk
// to the host through the HostApi and to the person through the status line and the dialogs in files-ui.
import { formatLocation, isKfsError, KfsError } from '../../shared/errors/codes';
import type { HostApi, HostResponse } from '../../shared/host-api/host-api.calls';
import type { HostResult } from '../../shared/host-api/host-result';
import { emptyDocument } from '../../shared/model/document';
import { MAX_DOCUMENT_BYTES, serializeDocument } from '../../shared/model/document.parse';
import type { EditorStore } from '../store/editor-store';
import { loadDocument } from '../store/editor-store';
import { downloadBytes } from './browser-download';
import { compileErrors, compilePipeline, type CompileFormat } from './compile-pipeline';
import { documentFileName, suggestedDocumentName } from './document-file-name';
import { adviceFor } from './error-advice';
import { filesUi, OPEN_INPUT_ID } from './files-ui';
import { openPipelineFile } from '../../shared/import/pipeline-file.open';

export interface FileActionContext {
  store: EditorStore;
  host: HostApi;
  /** Shows the Problems panel and moves focus there. */
  focusProblems: () => void;
}

/** Shows a refusal as a dialog (code, message, where, what to do) and on the status line. */
export function showError(store: EditorStore, title: string, error: unknown): void {
  const coded = isKfsError(error) ? error : undefined;
  const message = coded?.message ?? (error instanceof Error ? error.message : String(error));
  const where = coded && Object.keys(coded.location).length ? formatLocation(coded.location) : undefined;
  const advice = coded ? adviceFor(coded.code) : 'This looks like a fault in KFP Studio: please report it with the file.';
  filesUi(store).getState().show({ kind: 'error', title, ...(coded ? { code: coded.code } : {}), message, ...(where ? { where } : {}), ...(advice ? { advice } : {}) });
  store.getState().setStatus(`${title}: ${coded ? `${coded.code} ` : ''}${message}`);
}

function showHostError(store: EditorStore, title: string, result: Extract<HostResult<unknown>, { ok: false }>): void {
  const { code, message, location } = result.error;
  const where = location && Object.keys(location).length ? formatLocation(location) : undefined;
  const advice = adviceFor(code);
  filesUi(store).getState().show({ kind: 'error', title, code, message, ...(where ? { where } : {}), ...(advice ? { advice } : {}) });
  store.getState().setStatus(`${title}: ${code} ${message}`);
}

export function startNew(store: EditorStore): void {
  loadDocument(store, emptyDocument());
  store.getState().setStatus('New empty pipeline: drag components from the palette, or focus one and press Enter.');
}

export function newAction({ store }: FileActionContext): void {
  if (store.getState().dirty) filesUi(store).getState().show({ kind: 'confirmDiscard', then: 'new' });
  else startNew(store);
}

/** Opens the browser's file chooser; must run inside a user gesture (a click or a key press). */
export function chooseFileToOpen(): void {
  (document.getElementById(OPEN_INPUT_ID) as HTMLInputElement | null)?.click();
}

export function openAction({ store }: FileActionContext): void {
  if (store.getState().dirty) filesUi(store).getState().show({ kind: 'confirmDiscard', then: 'open' });
  else chooseFileToOpen();
}

export async function openChosenFile(store: EditorStore, file: File): Promise<void> {
  const title = `Could not open ${file.name}`;
  try {
    // Refused before reading: a file too large for any pipeline is not loaded into memory at all.
    if (file.size > MAX_DOCUMENT_BYTES) throw new KfsError('KFS501', `${file.name} is ${Math.round(file.size / 1024 / 1024)} MiB; pipeline files are at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`, { file: file.name });
    const opened = openPipelineFile(new Uint8Array(await file.arrayBuffer()), file.name);
    loadDocument(store, opened.document);
    filesUi(store).getState().close();
    const tasks = Object.keys(opened.document.graph.tasks).length;
    const what = opened.kind === 'document' ? 'document' : `compiled pipeline (${opened.format}) imported as an editable document`;
    store.getState().setStatus(`Opened ${file.name}: ${what}, ${tasks} task${tasks === 1 ? '' : 's'}.`);
  } catch (error) {
    showError(store, title, error);
  }
}

function savedTo(store: EditorStore, result: HostResult<HostResponse<'documentSave'>>): boolean {
  if (!result.ok) {
    showHostError(store, 'Not saved', result);
    return false;
  }
  store.getState().setPath(result.value.path);
  store.getState().setStatus(`Saved to ${result.value.path}.`);
  return true;
}

export async function saveAction({ store, host }: FileActionContext): Promise<void> {
  const { document, path } = store.getState();
  savedTo(store, await host.documentSave({ path: path ?? suggestedDocumentName(undefined, document.name), document }));
}

export function saveAsAction({ store }: FileActionContext): void {
  filesUi(store).getState().show({ kind: 'saveAs' });
}

/** Save As into the host's documents folder; answers a reason when the name is refused before asking the host. */
export async function saveAsToHost(store: EditorStore, host: HostApi, typed: string): Promise<string | undefined> {
  const name = documentFileName(typed);
  if (!name.ok) return name.reason;
  if (savedTo(store, await host.documentSave({ path: name.name, document: store.getState().document }))) filesUi(store).getState().close();
  return undefined;
}

/** Save As a browser download of the `.pipeline.json`. */
export function saveAsDownload(store: EditorStore, typed: string): string | undefined {
  const name = documentFileName(typed);
  if (!name.ok) return name.reason;
  downloadBytes(new TextEncoder().encode(serializeDocument(store.getState().document)), name.name, 'application/json');
  store.setState({ dirty: false });
  filesUi(store).getState().close();
  store.getState().setStatus(`Downloaded ${name.name}.`);
  return undefined;
}

function blockCompile({ store, focusProblems }: FileActionContext): boolean {
  const errors = compileErrors(store.getState().document);
  if (!errors.length) return false;
  focusProblems();
  store.getState().setStatus(`Compile blocked: ${errors.length} error${errors.length === 1 ? '' : 's'} to fix first, listed in Problems (click one to go to it).`);
  return true;
}

export function compileAction(ctx: FileActionContext): void {
  if (blockCompile(ctx)) return;
  filesUi(ctx.store).getState().show({ kind: 'compile' });
  ctx.store.getState().setStatus('No errors: choose the file type to compile to.');
}

/** Compiles in the renderer and hands the file to the browser as a download. */
export function compileAndDownload(ctx: FileActionContext, format: CompileFormat): void {
  const { store } = ctx;
  try {
    const outcome = compilePipeline(store.getState().document, format);
    if (!outcome.ok) {
      filesUi(store).getState().close();
      blockCompile(ctx);
      return;
    }
    downloadBytes(outcome.bytes, outcome.fileName, outcome.mime);
    filesUi(store).getState().close();
    store.getState().setStatus(`Compiled ${outcome.taskCount} task${outcome.taskCount === 1 ? '' : 's'} to ${outcome.fileName} (${outcome.bytes.length} bytes), downloaded.`);
  } catch (error) {
    showError(store, 'Could not compile', error);
  }
}

// The file actions behind New, Open, Save, Save As and Compile. Commands and the file dialogs call these; they talk
// to the host through the HostApi and to the person through the status line and the dialogs in files-ui.
// Open and Save As use the desktop app's native dialogs when the page runs there, the browser's otherwise.
import { formatLocation, isKfsError, KfsError } from '../../shared/errors/codes';
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';
import type { HostApi, HostResponse } from '../../shared/host-api/host-api.calls';
import type { HostResult } from '../../shared/host-api/host-result';
import { emptyDocument, type PipelineDocument } from '../../shared/model/document';
import { MAX_DOCUMENT_BYTES, serializeDocument } from '../../shared/model/document.parse';
import { openDesktopFile } from '../desktop/desktop-bridge.wiring';
import { desktopBridge } from '../host/desktop-bridge';
import type { EditorStore } from '../store/editor-store';
import { loadDocument } from '../store/editor-store';
import { downloadBytes } from './browser-download';
import { compilePipeline, type CompileFormat } from './compile-pipeline';
import { DOCUMENT_SUFFIX, documentFileName, suggestedDocumentName } from './document-file-name';
import { adviceFor } from './error-advice';
import { OPEN_INPUT_ID } from './files-ui';
import { focusProblems } from '../shell/shell-focus';
import { openPipelineFile } from '../../shared/import/pipeline-file.open';

export interface FileActionContext {
  store: EditorStore;
  host: HostApi;
}

/** How the status line starts while compiling is blocked by errors (cleared once they are fixed). */
export const COMPILE_BLOCKED = 'Compile blocked';

/** Shows a refusal as a dialog (code, message, where, what to do) and on the status line. */
export function showError(store: EditorStore, title: string, error: unknown): void {
  const coded = isKfsError(error) ? error : undefined;
  const message = coded?.message ?? (error instanceof Error ? error.message : String(error));
  const where = coded && Object.keys(coded.location).length ? formatLocation(coded.location) : undefined;
  const advice = coded ? adviceFor(coded.code) : 'This looks like a fault in KFP Studio: please report it with the file.';
  store.getState().openFileDialog({ kind: 'error', title, ...(coded ? { code: coded.code } : {}), message, ...(where ? { where } : {}), ...(advice ? { advice } : {}) });
  store.getState().setStatus(`${title}: ${coded ? `${coded.code} ` : ''}${message}`);
}

function showHostError(store: EditorStore, title: string, result: Extract<HostResult<unknown>, { ok: false }>): void {
  const { code, message, location } = result.error;
  const where = location && Object.keys(location).length ? formatLocation(location) : undefined;
  const advice = adviceFor(code);
  store.getState().openFileDialog({ kind: 'error', title, code, message, ...(where ? { where } : {}), ...(advice ? { advice } : {}) });
  store.getState().setStatus(`${title}: ${code} ${message}`);
}

export function startNew(store: EditorStore): void {
  loadDocument(store, emptyDocument());
  store.getState().setStatus('New empty pipeline: drag components from the palette, or focus one and press Enter.');
}

export function newAction({ store }: FileActionContext): void {
  if (store.getState().dirty) store.getState().openFileDialog({ kind: 'confirmDiscard', then: 'new' });
  else startNew(store);
}

export type NativeFileDialogs = Pick<DesktopBridge, 'dialogChooseDocument' | 'dialogChooseSavePath'>;

/** The desktop app's native Open and Save dialogs; undefined in a browser (web mode). */
export function nativeFileDialogs(): NativeFileDialogs | undefined {
  const bridge = desktopBridge();
  return bridge && typeof bridge.dialogChooseDocument === 'function' && typeof bridge.dialogChooseSavePath === 'function' ? bridge : undefined;
}

/**
 * Asks which file to open: the native Open dialog in the desktop app (the host then reads the document), else the
 * browser's file chooser, which must run inside a user gesture (a click or a key press).
 */
export function chooseFileToOpen(ctx: Pick<FileActionContext, 'store' | 'host'>): void {
  const dialogs = nativeFileDialogs();
  if (dialogs) void openWithNativeDialog(ctx, dialogs);
  else (document.getElementById(OPEN_INPUT_ID) as HTMLInputElement | null)?.click();
}

/** The native Open dialog: a document is opened by the host (by path), any other pipeline file through the importer. */
export async function openWithNativeDialog({ store, host }: Pick<FileActionContext, 'store' | 'host'>, dialogs: NativeFileDialogs): Promise<void> {
  const chosen = await dialogs.dialogChooseDocument({});
  if (!chosen.ok) return showHostError(store, 'Could not open', chosen);
  const { path, content } = chosen.value;
  if (!path) return;
  if (content === undefined) return openDesktopFile(host, { store }, path);
  const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
  openPipelineBytes(store, bytes, path.split(/[\\/]/).pop() ?? path);
}

export function openAction(ctx: FileActionContext): void {
  if (ctx.store.getState().dirty) ctx.store.getState().openFileDialog({ kind: 'confirmDiscard', then: 'open' });
  else chooseFileToOpen(ctx);
}

export async function openChosenFile(store: EditorStore, file: File): Promise<void> {
  // Refused before reading: a file too large for any pipeline is not loaded into memory at all.
  if (file.size > MAX_DOCUMENT_BYTES) {
    const error = new KfsError('KFS501', `${file.name} is ${Math.round(file.size / 1024 / 1024)} MiB; pipeline files are at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`, { file: file.name });
    return showError(store, `Could not open ${file.name}`, error);
  }
  openPipelineBytes(store, new Uint8Array(await file.arrayBuffer()), file.name);
}

/** Any pipeline file (document, compiled IR, archive) through the importer; a refusal leaves the open pipeline as it is. */
function openPipelineBytes(store: EditorStore, bytes: Uint8Array, name: string): void {
  try {
    const opened = openPipelineFile(bytes, name);
    loadDocument(store, opened.document);
    store.getState().openFileDialog(undefined);
    const tasks = Object.keys(opened.document.graph.tasks).length;
    const what = opened.kind === 'document' ? 'document' : `compiled pipeline (${opened.format}) imported as an editable document`;
    store.getState().setStatus(`Opened ${name}: ${what}, ${tasks} task${tasks === 1 ? '' : 's'}.`);
  } catch (error) {
    showError(store, `Could not open ${name}`, error);
  }
}

function savedTo(store: EditorStore, result: HostResult<HostResponse<'documentSave'>>): boolean {
  if (!result.ok) {
    showHostError(store, 'Not saved', result);
    return false;
  }
  store.getState().setPath(result.value.path, result.value.revision);
  store.getState().setStatus(`Saved to ${result.value.path}.`);
  return true;
}

export function newDocumentId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The document with its identity: one never saved gets an id now (no undo step, no unsaved change). */
export function withIdentity(store: EditorStore): PipelineDocument {
  const { document } = store.getState();
  if (document.id) return document;
  const identified = { ...document, id: newDocumentId() };
  const { pause, resume } = store.temporal.getState();
  pause();
  store.setState({ document: identified });
  resume();
  return identified;
}

/** `taken`: the file holds another document (KFS307) and nothing was written; the person is asked before replacing. */
export type SaveOutcome = 'saved' | 'taken' | 'failed';

/** Saves to `path`: over the file the document came from (`sameFile`, checked by its revision), or a chosen one. */
export async function saveTo(store: EditorStore, host: HostApi, path: string, options: { sameFile?: boolean; replace?: boolean } = {}): Promise<SaveOutcome> {
  const { revision } = store.getState();
  const document = withIdentity(store);
  const result = await host.documentSave({ path, document, ...(options.sameFile && revision ? { expectedRevision: revision } : {}), ...(options.replace ? { replace: true } : {}) });
  if (!result.ok && result.error.code === 'KFS307') {
    store.getState().setStatus(`Not saved: ${result.error.message}`);
    return 'taken';
  }
  return savedTo(store, result) ? 'saved' : 'failed';
}

/**
 * Save: to the file the document came from. A document never saved asks for its name and place first: the native
 * Save dialog in the desktop app, the app's Save As dialog (which lists the documents already saved) in a browser.
 */
export async function saveAction({ store, host }: FileActionContext): Promise<void> {
  const { path } = store.getState();
  if (path === undefined) {
    const dialogs = nativeFileDialogs();
    if (dialogs) return saveAsWithNativeDialog({ store, host }, dialogs, 'Save');
    return store.getState().openFileDialog({ kind: 'saveAs' });
  }
  if ((await saveTo(store, host, path, { sameFile: true })) === 'taken') store.getState().openFileDialog({ kind: 'confirmReplace', path });
}

/** Save As: the native Save dialog in the desktop app, else the app's own dialog (data folder or download). */
export function saveAsAction(ctx: FileActionContext): void | Promise<void> {
  const dialogs = nativeFileDialogs();
  if (dialogs) return saveAsWithNativeDialog(ctx, dialogs);
  ctx.store.getState().openFileDialog({ kind: 'saveAs' });
}

/** A chosen path as a document path: `x.json` and `x` become `x.pipeline.json` (the host saves only those). */
export function asDocumentPath(chosen: string): string {
  if (chosen.toLowerCase().endsWith(DOCUMENT_SUFFIX)) return chosen;
  return `${chosen.toLowerCase().endsWith('.json') ? chosen.slice(0, -'.json'.length) : chosen}${DOCUMENT_SUFFIX}`;
}

const MAX_SUGGESTED_NAME = 255;

/** `action` names what the person pressed, for the status line when they cancel the dialog. */
export async function saveAsWithNativeDialog({ store, host }: Pick<FileActionContext, 'store' | 'host'>, dialogs: NativeFileDialogs, action = 'Save As'): Promise<void> {
  const { document, path } = store.getState();
  const suggested = suggestedDocumentName(path, document.name);
  const chosen = await dialogs.dialogChooseSavePath({ suggestedName: suggested.length <= MAX_SUGGESTED_NAME ? suggested : `pipeline${DOCUMENT_SUFFIX}` });
  if (!chosen.ok) return void showHostError(store, 'Not saved', chosen);
  if (!chosen.value.path) return store.getState().setStatus(`${action} cancelled: nothing was saved.`);
  // The native dialog has already asked before replacing an existing file. The document is taken as it is now: the
  // person may have gone on editing while the dialog was open.
  await saveTo(store, host, asDocumentPath(chosen.value.path), { replace: true });
}

/**
 * Save As into the host's documents folder. Answers a reason when the name is refused before asking the host, or
 * `taken` when the file holds another document (saved only once the person confirms, with `replace`).
 */
export async function saveAsToHost(store: EditorStore, host: HostApi, typed: string, replace = false): Promise<string | 'taken' | undefined> {
  const name = documentFileName(typed);
  if (!name.ok) return name.reason;
  const { path } = store.getState();
  const sameFile = path !== undefined && path.split(/[\\/]/).pop() === name.name;
  const outcome = await saveTo(store, host, name.name, { sameFile, replace });
  if (outcome === 'taken') return 'taken';
  if (outcome === 'saved') store.getState().openFileDialog(undefined);
  return undefined;
}

/** Save As a browser download of the `.pipeline.json`. */
export function saveAsDownload(store: EditorStore, typed: string): string | undefined {
  const name = documentFileName(typed);
  if (!name.ok) return name.reason;
  downloadBytes(new TextEncoder().encode(serializeDocument(store.getState().document)), name.name, 'application/json');
  store.setState({ dirty: false });
  store.getState().openFileDialog(undefined);
  store.getState().setStatus(`Downloaded ${name.name}.`);
  return undefined;
}

function blockCompile({ store }: FileActionContext): boolean {
  const errors = store.getState().diagnostics().filter((d) => d.severity === 'error');
  if (!errors.length) return false;
  focusProblems(store);
  store.getState().setStatus(`${COMPILE_BLOCKED}: ${errors.length} error${errors.length === 1 ? '' : 's'} to fix first, listed in Problems (click one to go to it).`);
  return true;
}

export function compileAction(ctx: FileActionContext): void {
  if (blockCompile(ctx)) return;
  ctx.store.getState().openFileDialog({ kind: 'compile' });
  ctx.store.getState().setStatus('No errors: choose the file type to compile to.');
}

/** Compiles in the renderer and hands the file to the browser as a download. */
export async function compileAndDownload(ctx: FileActionContext, format: CompileFormat): Promise<void> {
  const { store } = ctx;
  try {
    const { document, diagnostics } = store.getState();
    const outcome = await compilePipeline(document, format, diagnostics());
    if (!outcome.ok) {
      store.getState().openFileDialog(undefined);
      blockCompile(ctx);
      return;
    }
    downloadBytes(outcome.bytes, outcome.fileName, outcome.mime);
    store.getState().openFileDialog(undefined);
    store.getState().setStatus(`Compiled ${outcome.taskCount} task${outcome.taskCount === 1 ? '' : 's'} to ${outcome.fileName} (${outcome.bytes.length} bytes), downloaded.`);
  } catch (error) {
    showError(store, 'Could not compile', error);
  }
}

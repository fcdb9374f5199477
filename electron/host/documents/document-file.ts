// Opening and saving one pipeline document file, with a revision (a hash of the bytes on disk) so that a save never
// silently overwrites changes someone else made to the file since it was opened.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import type { PipelineDocument } from '../../../shared/model/document';
import { MAX_DOCUMENT_BYTES, parseDocument, serializeDocument } from '../../../shared/model/document.parse';
import { writeAtomic, type AtomicWriteOptions } from './atomic-write';

export const DOCUMENT_SUFFIX = '.pipeline.json';

export interface OpenedDocument {
  path: string;
  document: PipelineDocument;
  /** Identifies the bytes that were read; give it back when saving to detect changes made by someone else. */
  revision: string;
}

export interface SavedDocument {
  path: string;
  bytes: number;
  revision: string;
}

export interface SaveOptions extends AtomicWriteOptions {
  /** The revision the editor holds. When the file on disk has another one, the save is refused (KFS507). */
  expectedRevision?: string;
  /** The name used in messages and error locations (what the person asked for). */
  displayName?: string;
  /** The person confirmed replacing the file even though it holds another document. */
  replace?: boolean;
}

export function revisionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** A relative path is taken inside `documentsDir`; only `.json` files are opened and `.pipeline.json` files written. */
export function resolveDocumentPath(documentsDir: string, requested: string, forWriting: boolean): string {
  if (requested.includes('\0')) throw new KfsError('KFS701', 'The path holds a NUL character.', { file: requested });
  const full = path.resolve(documentsDir, requested);
  const allowed = forWriting ? full.endsWith(DOCUMENT_SUFFIX) : full.endsWith('.json');
  if (!allowed) {
    throw new KfsError('KFS510', forWriting ? `Pipeline documents are saved as NAME${DOCUMENT_SUFFIX}.` : 'Only pipeline documents (NAME.pipeline.json) can be opened here.', { file: requested });
  }
  return full;
}

/** The bytes of a pipeline file of any kind, refused (coded) when it is missing, unreadable or larger than any pipeline. */
export async function readPipelineFileBytes(file: string, displayName = file): Promise<Buffer> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new KfsError('KFS505', `There is no file at ${displayName}.`, { file: displayName });
  if (info.size > MAX_DOCUMENT_BYTES) throw new KfsError('KFS501', `${displayName} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`, { file: displayName });
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new KfsError('KFS505', `Could not read ${displayName} (${error.code ?? error.message}).`, { file: displayName });
  });
}

/** Reads and checks a document; a file that does not parse is refused with its code and left exactly as it is. */
export async function openDocumentFile(file: string, displayName = file): Promise<OpenedDocument> {
  const bytes = await readPipelineFileBytes(file, displayName);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KfsError('KFS518', `${displayName} is not UTF-8 text, so it is not a pipeline document.`, { file: displayName });
  }
  return { path: file, document: parseDocument(text, { file: displayName }), revision: revisionOf(bytes) };
}

/** The revision of what is on disk now, or undefined when there is no file. */
export async function currentRevision(file: string): Promise<string | undefined> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new KfsError('KFS505', `Could not read ${path.basename(file)} to check it before saving (${error.code ?? error.message}).`, { file });
  });
  return bytes ? revisionOf(bytes) : undefined;
}

/** The id of the document a file holds: undefined when it holds none (or is no document at all). */
async function idOnDisk(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  try {
    const parsed = JSON.parse(text) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A save replaces a file only when it holds this same document: the revision the editor holds, or the same document
 * id. Any other file there (another document, a document without an id, something else) is replaced only when the
 * person confirmed it (`replace`); otherwise KFS307, and the file stays as it was.
 */
async function checkSameDocument(file: string, document: PipelineDocument, options: SaveOptions, onDisk: string): Promise<void> {
  if (options.replace || options.expectedRevision === onDisk) return;
  if (document.id !== undefined && (await idOnDisk(file)) === document.id) return;
  throw new KfsError(
    'KFS307',
    `${path.basename(file)} already holds another pipeline. Choose another name, or confirm that it should be replaced; it was not overwritten.`,
    { file: options.displayName ?? file },
  );
}

export async function saveDocumentFile(file: string, document: PipelineDocument, options: SaveOptions = {}): Promise<SavedDocument> {
  const displayName = options.displayName ?? file;
  const onDisk = await currentRevision(file);
  if (onDisk !== undefined) {
    if (options.expectedRevision === undefined || options.expectedRevision === onDisk) await checkSameDocument(file, document, options, onDisk);
    else if (!options.replace) {
      throw new KfsError(
        'KFS507',
        `${path.basename(file)} was changed on disk by another program since you opened it. Save under another name, or reopen it to see those changes; it was not overwritten.`,
        { file: displayName },
      );
    }
  }
  const bytes = Buffer.from(serializeDocument(document), 'utf8');
  await writeAtomic(file, bytes, options);
  return { path: file, bytes: bytes.length, revision: revisionOf(bytes) };
}

/** Whether the file still holds the revision the editor has: asked when the window regains focus. */
export async function documentFileStatus(file: string, revision: string): Promise<{ exists: boolean; changed: boolean; revision?: string }> {
  const onDisk = await currentRevision(file);
  if (onDisk === undefined) return { exists: false, changed: true };
  return { exists: true, changed: onDisk !== revision, revision: onDisk };
}

// Opening and saving pipeline documents. Saving is atomic: a temporary file beside the target, fsync, then rename,
// so a crash or a full disk never leaves a half-written document in place of a good one.
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KfsError } from '../../shared/errors/codes';
import type { PipelineDocument } from '../../shared/model/document';
import { MAX_DOCUMENT_BYTES, parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { readText } from './catalog.service';

export const DOCUMENT_SUFFIX = '.pipeline.json';

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

export async function openDocument(documentsDir: string, requested: string): Promise<{ path: string; document: PipelineDocument }> {
  const file = resolveDocumentPath(documentsDir, requested, false);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new KfsError('KFS505', `There is no file at ${requested}.`, { file: requested });
  if (info.size > MAX_DOCUMENT_BYTES) throw new KfsError('KFS501', `${requested} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`, { file: requested });
  return { path: file, document: parseDocument(await readText(file), { file: requested }) };
}

export async function saveDocument(documentsDir: string, requested: string, document: PipelineDocument): Promise<{ path: string; bytes: number }> {
  const file = resolveDocumentPath(documentsDir, requested, true);
  const bytes = Buffer.from(serializeDocument(document), 'utf8');
  await writeAtomic(file, bytes);
  return { path: file, bytes: bytes.length };
}

export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new KfsError('KFS506', `Could not save ${path.basename(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { file });
  }
  await syncDirectory(path.dirname(file));
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename durable; some platforms cannot open a directory, which is fine to skip.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

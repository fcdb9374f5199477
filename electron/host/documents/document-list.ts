// The pipeline documents in the documents folder, newest first: the web Save dialog lists them so a person sees which
// names are taken (and by which pipeline) before choosing one.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentListing } from '../../../shared/host-api/document.calls';
import { DOCUMENT_SUFFIX } from './document-file';

/** More than a person scrolls through in a dialog; the newest are kept. */
export const MAX_LISTED_DOCUMENTS = 500;
/** Larger files are listed by name only (not read to find their pipeline name). */
const MAX_READ_BYTES = 4 * 1024 * 1024;

async function describe(dir: string, file: string): Promise<DocumentListing | undefined> {
  const full = path.join(dir, file);
  const info = await stat(full).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const listing: DocumentListing = { file, modifiedAt: info.mtime.toISOString() };
  if (info.size > MAX_READ_BYTES) return listing;
  try {
    const parsed = JSON.parse(await readFile(full, 'utf8')) as { id?: unknown; name?: unknown; displayName?: unknown };
    const name = typeof parsed.displayName === 'string' && parsed.displayName ? parsed.displayName : parsed.name;
    return { ...listing, ...(typeof name === 'string' ? { name } : {}), ...(typeof parsed.id === 'string' ? { id: parsed.id } : {}) };
  } catch {
    return listing;
  }
}

export async function listDocuments(documentsDir: string): Promise<DocumentListing[]> {
  const names = await readdir(documentsDir).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith(DOCUMENT_SUFFIX) && !name.startsWith('.'));
  const listed = (await Promise.all(files.map((file) => describe(documentsDir, file)))).filter((l): l is DocumentListing => l !== undefined);
  return listed.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.file.localeCompare(b.file)).slice(0, MAX_LISTED_DOCUMENTS);
}

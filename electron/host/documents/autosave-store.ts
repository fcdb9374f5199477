// Unsaved work, written every few seconds to <data>/autosave/<key>.json so that a crash loses at most a few seconds.
// Whatever is still there at the next start was not saved or discarded: it is offered for recovery.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import type { PipelineDocument } from '../../../shared/model/document';
import { parseDocument, serializeDocument } from '../../../shared/model/document.parse';
import { writeAtomic } from './atomic-write';

export const AUTOSAVE_FORMAT = 'kfp-studio/autosave';
/** Keys name files: short, and only characters that are safe in a file name everywhere. */
export const AUTOSAVE_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface AutosaveEntry {
  key: string;
  /** The file the work belongs to; absent for a document never saved. */
  path?: string;
  /** The document's display name or name, for the recovery list. */
  name: string;
  /** ISO time of the autosave. */
  savedAt: string;
}

export interface AutosavedDocument extends AutosaveEntry {
  document: PipelineDocument;
}

export interface AutosaveStore {
  write(key: string, document: PipelineDocument, originalPath?: string): Promise<AutosaveEntry>;
  list(): Promise<AutosaveEntry[]>;
  /** Returns the autosaved work; it stays stored until it is discarded (after a save, or by the person). */
  take(key: string): Promise<AutosavedDocument>;
  discard(key: string): Promise<void>;
  /** Keys written by this process: discarded when the person closes without saving. */
  writtenThisSession(): readonly string[];
}

function checkKey(key: string): void {
  if (!AUTOSAVE_KEY_PATTERN.test(key)) throw new KfsError('KFS701', 'An autosave key is 1 to 64 letters, digits, "-" or "_".', { field: 'key' });
}

export function createAutosaveStore(dataDir: string, now: () => Date = () => new Date()): AutosaveStore {
  const dir = path.join(dataDir, 'autosave');
  const fileOf = (key: string) => path.join(dir, `${key}.json`);
  const written = new Set<string>();

  async function readEntry(key: string): Promise<AutosavedDocument> {
    checkKey(key);
    const text = await readFile(fileOf(key), 'utf8').catch(() => undefined);
    if (text === undefined) throw new KfsError('KFS702', `There is no autosaved work named ${key}.`, { field: 'key' });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new KfsError('KFS503', `The autosaved work ${key} is damaged and cannot be recovered.`, { file: fileOf(key) });
    }
    const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (record.format !== AUTOSAVE_FORMAT || typeof record.savedAt !== 'string') {
      throw new KfsError('KFS503', `The autosaved work ${key} is not in a format KFP Studio knows.`, { file: fileOf(key) });
    }
    const document = parseDocument(JSON.stringify(record.document), { file: fileOf(key) });
    return {
      key,
      ...(typeof record.path === 'string' ? { path: record.path } : {}),
      name: document.displayName ?? document.name,
      savedAt: record.savedAt,
      document,
    };
  }

  return {
    async write(key, document, originalPath) {
      checkKey(key);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const savedAt = now().toISOString();
      // The document's own serializer keeps the bytes stable; the envelope wraps it.
      const text = `{"format":${JSON.stringify(AUTOSAVE_FORMAT)},"key":${JSON.stringify(key)},${originalPath ? `"path":${JSON.stringify(originalPath)},` : ''}"savedAt":${JSON.stringify(savedAt)},"document":${serializeDocument(document).trimEnd()}}\n`;
      await writeAtomic(fileOf(key), Buffer.from(text, 'utf8'));
      written.add(key);
      return { key, ...(originalPath ? { path: originalPath } : {}), name: document.displayName ?? document.name, savedAt };
    },
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const entries: AutosaveEntry[] = [];
      for (const name of names) {
        const key = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
        if (!AUTOSAVE_KEY_PATTERN.test(key)) continue;
        const entry = await readEntry(key).catch(() => undefined);
        if (entry) entries.push({ key: entry.key, ...(entry.path ? { path: entry.path } : {}), name: entry.name, savedAt: entry.savedAt });
      }
      return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    take: readEntry,
    async discard(key) {
      checkKey(key);
      await rm(fileOf(key), { force: true });
      written.delete(key);
    },
    writtenThisSession: () => [...written],
  };
}

// The catalog sources a person added, kept in the data folder (catalogs/sources.json), and how each is named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeUtf8 } from '../../../shared/archive/utf8';
import { sha256Hex } from '../../../shared/catalog/sha256';
import { KfsError } from '../../../shared/errors/codes';
import { writeAtomic } from '../documents/atomic-write';
import { ensureFolder } from '../data-folder';

export type SourceKind = 'folder' | 'url' | 'git';

export interface SourceRecord {
  id: string;
  kind: SourceKind;
  /** Folders as absolute paths; URLs and repositories as given. */
  location: string;
  name: string;
  ref?: string;
  addedAt: string;
}

export function sourceIdFor(kind: SourceKind, location: string, ref?: string): string {
  return `${kind}-${sha256Hex(encodeUtf8(`${location}\n${ref ?? ''}`)).slice(0, 10)}`;
}

export function defaultSourceName(kind: SourceKind, location: string): string {
  const trimmed = location.replace(/[/\\]+$/, '');
  if (kind === 'folder') return path.basename(trimmed) || trimmed;
  if (kind === 'git') return (trimmed.split(/[/:]/).pop() ?? trimmed).replace(/\.git$/, '') || trimmed;
  try {
    const url = new URL(location);
    return `${url.hostname}${url.pathname.split('/').filter(Boolean).slice(-1).map((p) => `/${p}`).join('')}`;
  } catch {
    return trimmed;
  }
}

export class SourceStore {
  private records: SourceRecord[] | undefined;

  constructor(private readonly file: string) {}

  async all(): Promise<SourceRecord[]> {
    if (this.records) return this.records;
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as { sources?: SourceRecord[] };
      this.records = Array.isArray(parsed.sources) ? parsed.sources.filter((s) => typeof s.id === 'string' && typeof s.location === 'string') : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new KfsError('KFS530', `The list of catalogs (${this.file}) could not be read: ${(error as Error).message}. Fix or delete the file.`, { file: this.file });
      }
      this.records = [];
    }
    return this.records;
  }

  async save(records: SourceRecord[]): Promise<void> {
    await ensureFolder(path.dirname(this.file));
    await writeAtomic(this.file, encodeUtf8(`${JSON.stringify({ sources: records }, null, 2)}\n`));
    this.records = records;
  }
}

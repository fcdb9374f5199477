// What was open when the app last ran (<data>/session.json), so a reload or a restart reopens it: a saved document by
// its path, any other by its content. Unsaved changes are not kept here: autosave keeps them for recovery.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineDocument } from '../../../shared/model/document';
import { parseDocument, serializeDocument } from '../../../shared/model/document.parse';
import { writeAtomic } from './atomic-write';

export interface OpenSession {
  path?: string;
  document?: PipelineDocument;
}

export function sessionFile(dataDir: string): string {
  return path.join(dataDir, 'session.json');
}

export async function writeSession(dataDir: string, session: OpenSession): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const text = `{${session.path ? `"path":${JSON.stringify(session.path)}` : ''}${session.path && session.document ? ',' : ''}${session.document ? `"document":${serializeDocument(session.document).trimEnd()}` : ''}}\n`;
  await writeAtomic(sessionFile(dataDir), Buffer.from(text, 'utf8'));
}

/** What was open; nothing when the file is missing or damaged (the app then opens its example, as on a first start). */
export async function readSession(dataDir: string): Promise<OpenSession> {
  const text = await readFile(sessionFile(dataDir), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    const raw = JSON.parse(text) as { path?: unknown; document?: unknown };
    const document = raw.document === undefined ? undefined : parseDocument(JSON.stringify(raw.document));
    return { ...(typeof raw.path === 'string' && raw.path ? { path: raw.path } : {}), ...(document ? { document } : {}) };
  } catch {
    return {};
  }
}

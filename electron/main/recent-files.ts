// Recently opened or saved documents, newest first, kept in the data folder and checked when read.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../host/documents/atomic-write';

export const MAX_RECENT = 10;

function isDocumentPath(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 4096 && !value.includes('\0') && path.isAbsolute(value) && value.toLowerCase().endsWith('.json');
}

export function parseRecentFiles(raw: unknown): string[] {
  const list = typeof raw === 'object' && raw !== null && Array.isArray((raw as { files?: unknown }).files) ? (raw as { files: unknown[] }).files : [];
  const out: string[] = [];
  for (const item of list) {
    if (isDocumentPath(item) && !out.includes(item)) out.push(item);
    if (out.length === MAX_RECENT) break;
  }
  return out;
}

export function addRecentFile(list: readonly string[], file: string): string[] {
  if (!isDocumentPath(file)) return [...list];
  return [file, ...list.filter((f) => f !== file)].slice(0, MAX_RECENT);
}

export async function loadRecentFiles(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  try {
    return parseRecentFiles(JSON.parse(text));
  } catch {
    return [];
  }
}

export async function saveRecentFiles(file: string, files: readonly string[]): Promise<void> {
  await writeAtomic(file, Buffer.from(`${JSON.stringify({ files })}\n`, 'utf8'));
}

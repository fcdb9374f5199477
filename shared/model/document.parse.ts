// Reading and writing `NAME.pipeline.json`: untrusted text in, a checked document out, or a coded refusal.
import { KfsError, type Location } from '../errors/codes';
import type { PipelineDocument, PipelineGraph } from './document';
import { DOCUMENT_FORMAT } from './document';
import { refuseReservedKeys } from '../names/names';
import { migrateDocument } from './document.migrate';
import { pipelineDocumentSchema } from './document.schema';

export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export function parseDocument(text: string, options: { file?: string } = {}): PipelineDocument {
  const at = (location: Location = {}): Location => (options.file ? { file: options.file, ...location } : location);
  if (text.length > MAX_DOCUMENT_BYTES) {
    throw new KfsError('KFS501', `The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; KFP Studio does not open files this large.`, at());
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new KfsError('KFS503', `The file is not valid JSON (${(error as Error).message}). Open it in a text editor to repair it, or restore a backup.`, at(jsonErrorPosition(text, error)));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new KfsError('KFS503', 'The file holds no pipeline document (expected a JSON object).', at());
  }
  refuseReservedKeys(raw, at());
  const record = raw as Record<string, unknown>;
  if (record.format !== DOCUMENT_FORMAT) {
    throw new KfsError(
      'KFS503',
      `This is not a KFP Studio pipeline document ("format" should be "${DOCUMENT_FORMAT}"). A compiled KFP pipeline (YAML or archive) can be opened with Import.`,
      at({ field: 'format' }),
    );
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateDocument(record);
  } catch (error) {
    if (error instanceof KfsError) throw new KfsError(error.code, error.message, at(error.location));
    throw error;
  }
  const result = pipelineDocumentSchema.safeParse(migrated);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? formatPath(issue.path) : '';
    throw new KfsError('KFS503', `The document is not valid at ${field || 'its top level'}: ${issue?.message ?? 'unknown problem'}.`, at({ field }));
  }
  // The schema has no defaults or transforms, so the checked input is the document, keeping the file's key order.
  const document = migrated as unknown as PipelineDocument;
  checkKeysMatchIds(document.graph, (location) => at(location));
  for (const [id, component] of Object.entries(document.components)) {
    if (component.implementation.kind === 'graph') checkKeysMatchIds(component.implementation.graph, (location) => at({ ...location, graph: id }));
  }
  return document;
}

/** Stable text: the same document always gives the same bytes. */
export function serializeDocument(document: PipelineDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function checkKeysMatchIds(graph: PipelineGraph, at: (location: Location) => Location): void {
  for (const [key, task] of Object.entries(graph.tasks)) {
    if (task.id !== key) throw new KfsError('KFS503', `Task stored under "${key}" says its id is "${task.id}"; the two must match.`, at({ task: key, field: 'id' }));
  }
  for (const [key, group] of Object.entries(graph.groups)) {
    if (group.id !== key) throw new KfsError('KFS503', `Group stored under "${key}" says its id is "${group.id}"; the two must match.`, at({ group: key, field: 'id' }));
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

function jsonErrorPosition(text: string, error: unknown): Location {
  const match = /position (\d+)/.exec((error as Error).message);
  if (!match) return {};
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

// Documents carry a version; each later version adds one step here that rewrites the previous version's JSON.
import { KfsError } from '../errors/codes';
import { DOCUMENT_VERSION } from './document';

export interface Migration {
  /** The version this step reads; it writes `from + 1`. */
  from: number;
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

/** No older versions exist yet: version 1 is the first. */
export const MIGRATIONS: readonly Migration[] = [];

export function migrateDocument(
  raw: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = DOCUMENT_VERSION,
): Record<string, unknown> {
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new KfsError('KFS503', `The document's "version" must be a whole number from 1, not ${JSON.stringify(version)}.`, { field: 'version' });
  }
  if (version > target) {
    throw new KfsError(
      'KFS504',
      `This document was saved by a newer KFP Studio (document version ${version}; this app reads up to ${target}). Update KFP Studio to open it.`,
      { field: 'version' },
    );
  }
  let current = raw;
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) throw new KfsError('KFS504', `No migration from document version ${v} to ${v + 1} is known.`, { field: 'version' });
    current = { ...step.migrate(current), version: v + 1 };
  }
  return current;
}

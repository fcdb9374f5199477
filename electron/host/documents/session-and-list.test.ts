import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/model/document.parse';
import { twoStepDocument } from '../../../shared/model/test-documents';
import { listDocuments } from './document-list';
import { readSession, sessionFile, writeSession } from './session-store';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-session-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the documents listed in the Save dialog', () => {
  it('lists pipeline documents newest first with their pipeline name, and skips other files', async () => {
    await writeFile(path.join(dir, 'old.pipeline.json'), serializeDocument({ ...twoStepDocument(), id: 'a', displayName: 'Old one' }));
    await writeFile(path.join(dir, 'new.pipeline.json'), serializeDocument({ ...twoStepDocument(), name: 'newer' }));
    await writeFile(path.join(dir, 'broken.pipeline.json'), '{ not json');
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    await mkdir(path.join(dir, '.kfp-studio'));
    await utimes(path.join(dir, 'old.pipeline.json'), new Date('2026-01-01'), new Date('2026-01-01'));
    await utimes(path.join(dir, 'broken.pipeline.json'), new Date('2025-01-01'), new Date('2025-01-01'));
    const listed = await listDocuments(dir);
    expect(listed.map((d) => [d.file, d.name, d.id])).toEqual([
      ['new.pipeline.json', 'newer', undefined],
      ['old.pipeline.json', 'Old one', 'a'],
      ['broken.pipeline.json', undefined, undefined],
    ]);
  });

  it('lists nothing when the folder does not exist yet', async () => {
    expect(await listDocuments(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('what was open', () => {
  it('keeps a saved document by path and another one by content; a damaged record reads as nothing', async () => {
    expect(await readSession(dir)).toEqual({});
    await writeSession(dir, { path: '/home/ana/a.pipeline.json' });
    expect(await readSession(dir)).toEqual({ path: '/home/ana/a.pipeline.json' });
    await writeSession(dir, { document: twoStepDocument() });
    expect(await readSession(dir)).toEqual({ document: twoStepDocument() });
    await writeFile(sessionFile(dir), '{"document": {"format": "nope"}}');
    expect(await readSession(dir)).toEqual({});
  });
});

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/model/document.parse';
import { twoStepDocument } from '../../../shared/model/test-documents';
import { documentFileStatus, openDocumentFile, saveDocumentFile } from './document-file';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-docfile-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opening', () => {
  it.each([
    ['not JSON', '{ "format": "kfp-studio/pipeline", '],
    ['not a document', '{"format": "something-else"}'],
    ['a document with a wrong field', JSON.stringify({ ...twoStepDocument(), graph: { tasks: 5 } })],
  ])('refuses a file that is %s with KFS503 and leaves it byte for byte as it was', async (_what, text) => {
    const file = path.join(dir, 'broken.pipeline.json');
    await writeFile(file, text);
    const before = await stat(file);
    await expect(openDocumentFile(file, 'broken.pipeline.json')).rejects.toMatchObject({ code: 'KFS503', location: { file: 'broken.pipeline.json' } });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses bytes that are not UTF-8 (KFS518)', async () => {
    const file = path.join(dir, 'binary.pipeline.json');
    await writeFile(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await expect(openDocumentFile(file)).rejects.toMatchObject({ code: 'KFS518' });
  });

  it('gives the same revision for the same bytes and another one after a change', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(file, serializeDocument(twoStepDocument()));
    const first = await openDocumentFile(file);
    expect((await openDocumentFile(file)).revision).toBe(first.revision);
    await writeFile(file, serializeDocument({ ...twoStepDocument(), description: 'edited elsewhere' }));
    expect((await openDocumentFile(file)).revision).not.toBe(first.revision);
  });
});

describe('saving over a file someone else changed', () => {
  it('refuses with KFS507 and keeps their version', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(file, serializeDocument(twoStepDocument()));
    const opened = await openDocumentFile(file);
    const theirs = serializeDocument({ ...twoStepDocument(), description: 'their edit' });
    await writeFile(file, theirs);
    const mine = { ...opened.document, description: 'my edit' };
    await expect(saveDocumentFile(file, mine, { expectedRevision: opened.revision })).rejects.toMatchObject({ code: 'KFS507' });
    expect(await readFile(file, 'utf8')).toBe(theirs);
    expect(await documentFileStatus(file, opened.revision)).toMatchObject({ exists: true, changed: true });
  });

  it('saves when the file is as it was opened, and the new revision allows the next save', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(file, serializeDocument(twoStepDocument()));
    const opened = await openDocumentFile(file);
    const first = await saveDocumentFile(file, { ...opened.document, description: 'one' }, { expectedRevision: opened.revision });
    expect(await documentFileStatus(file, first.revision)).toEqual({ exists: true, changed: false, revision: first.revision });
    const second = await saveDocumentFile(file, { ...opened.document, description: 'two' }, { expectedRevision: first.revision });
    expect((await openDocumentFile(file)).document.description).toBe('two');
    expect(second.revision).toBe((await openDocumentFile(file)).revision);
  });

  it('reports a file deleted since it was opened as changed and not existing', async () => {
    expect(await documentFileStatus(path.join(dir, 'gone.pipeline.json'), 'abc')).toEqual({ exists: false, changed: true });
  });
});

describe('saving where another document is', () => {
  it('refuses with KFS307 to replace a file holding another pipeline, unless the person confirmed it', async () => {
    const file = path.join(dir, 'my-pipeline.pipeline.json');
    const first = { ...twoStepDocument(), id: 'first', description: 'the first new pipeline' };
    await saveDocumentFile(file, first);
    const second = { ...twoStepDocument(), id: 'second', description: 'the second new pipeline' };
    await expect(saveDocumentFile(file, second)).rejects.toMatchObject({ code: 'KFS307', location: { file } });
    expect((await openDocumentFile(file)).document.description).toBe('the first new pipeline');
    await saveDocumentFile(file, second, { replace: true });
    expect((await openDocumentFile(file)).document.id).toBe('second');
  });

  it('saves over the same document (same id) without asking, and over a file without id only when confirmed', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await saveDocumentFile(file, { ...twoStepDocument(), id: 'mine' });
    await saveDocumentFile(file, { ...twoStepDocument(), id: 'mine', description: 'edited' });
    expect((await openDocumentFile(file)).document.description).toBe('edited');
    const old = path.join(dir, 'old.pipeline.json');
    await writeFile(old, serializeDocument(twoStepDocument()));
    await expect(saveDocumentFile(old, { ...twoStepDocument(), id: 'mine' })).rejects.toMatchObject({ code: 'KFS307' });
    const opened = await openDocumentFile(old);
    await saveDocumentFile(old, { ...opened.document, id: 'mine' }, { expectedRevision: opened.revision });
  });
});

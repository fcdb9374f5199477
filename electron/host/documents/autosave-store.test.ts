import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../../shared/model/test-documents';
import { createAutosaveStore } from './autosave-store';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-autosave-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const clock = (...times: string[]) => {
  let i = 0;
  return () => new Date(times[Math.min(i++, times.length - 1)] as string);
};

describe('autosave and recovery', () => {
  it('offers work autosaved by a session that crashed to the next session, newest first', async () => {
    const crashed = createAutosaveStore(dir, clock('2026-01-01T10:00:00Z', '2026-01-01T10:05:00Z'));
    const edited = { ...twoStepDocument(), description: 'unsaved edit' };
    await crashed.write('doc-1', edited, '/home/me/flows/a.pipeline.json');
    await crashed.write('doc-2', { ...twoStepDocument(), name: 'untitled' });
    // The process dies here: nothing is discarded. A new session opens the same data folder.
    const next = createAutosaveStore(dir);
    expect(next.writtenThisSession()).toEqual([]);
    expect(await next.list()).toEqual([
      { key: 'doc-2', name: 'untitled', savedAt: '2026-01-01T10:05:00.000Z' },
      { key: 'doc-1', path: '/home/me/flows/a.pipeline.json', name: 'two-steps', savedAt: '2026-01-01T10:00:00.000Z' },
    ]);
    const taken = await next.take('doc-1');
    expect(taken.document).toEqual(edited);
    expect(taken.path).toBe('/home/me/flows/a.pipeline.json');
    expect((await next.list()).map((e) => e.key)).toContain('doc-1');
    await next.discard('doc-1');
    expect((await next.list()).map((e) => e.key)).toEqual(['doc-2']);
  });

  it('keeps the latest autosave of a document under its key', async () => {
    const store = createAutosaveStore(dir);
    await store.write('k', { ...twoStepDocument(), description: 'first' });
    await store.write('k', { ...twoStepDocument(), description: 'second' });
    expect((await store.take('k')).document.description).toBe('second');
    expect(await readdir(path.join(dir, 'autosave'))).toEqual(['k.json']);
    expect(store.writtenThisSession()).toEqual(['k']);
  });

  it('skips damaged autosave files in the list and says so when one is taken', async () => {
    const store = createAutosaveStore(dir);
    await store.write('good', twoStepDocument());
    await writeFile(path.join(dir, 'autosave', 'bad.json'), '{"format": "kfp-studio/autosave", "savedAt": "x", "document": {"nope": 1}}');
    expect((await store.list()).map((e) => e.key)).toEqual(['good']);
    await expect(store.take('bad')).rejects.toMatchObject({ code: 'KFS503' });
    await expect(store.take('missing')).rejects.toMatchObject({ code: 'KFS702' });
  });

  it('refuses keys that could name a file elsewhere', async () => {
    const store = createAutosaveStore(dir);
    await expect(store.write('../escape', twoStepDocument())).rejects.toMatchObject({ code: 'KFS701' });
    await expect(store.discard('a/b')).rejects.toMatchObject({ code: 'KFS701' });
    expect(await readdir(dir)).toEqual([]);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRecentFile, loadRecentFiles, MAX_RECENT, parseRecentFiles, saveRecentFiles } from './recent-files';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-recent-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const doc = (name: string) => path.join(dir, `${name}.pipeline.json`);

describe('recent files', () => {
  it('puts the latest first, without duplicates, keeping at most MAX_RECENT', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = addRecentFile(list, doc(`f${i}`));
    list = addRecentFile(list, doc('f5'));
    expect(list[0]).toBe(doc('f5'));
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
  });

  it('keeps only absolute .json paths from the stored file', () => {
    expect(parseRecentFiles({ files: [doc('a'), 'relative.pipeline.json', doc('a'), 42, '/etc/passwd', `${doc('b')}\0`, doc('c')] })).toEqual([doc('a'), doc('c')]);
    expect(parseRecentFiles('nope')).toEqual([]);
  });

  it('survives a restart and a damaged file', async () => {
    const file = path.join(dir, 'recent-files.json');
    await saveRecentFiles(file, [doc('a'), doc('b')]);
    expect(await loadRecentFiles(file)).toEqual([doc('a'), doc('b')]);
    await writeFile(file, '{"files": [');
    expect(await loadRecentFiles(file)).toEqual([]);
  });
});

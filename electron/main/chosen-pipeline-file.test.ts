import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChosenPipelineFile } from './chosen-pipeline-file';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-chosen-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the file chosen in the native Open dialog', () => {
  it('is a path for a pipeline document, which the host opens (and Save writes back to)', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(file, '{}');
    expect(await readChosenPipelineFile(file)).toEqual({ path: file });
  });

  it('is the bytes of a compiled pipeline or archive, for the importer', async () => {
    const file = path.join(dir, 'p.tar.gz');
    const bytes = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]);
    await writeFile(file, bytes);
    const chosen = await readChosenPipelineFile(file);
    expect(chosen.path).toBe(file);
    expect(Buffer.from(chosen.content ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('is refused with a code when it has gone', async () => {
    await expect(readChosenPipelineFile(path.join(dir, 'gone.yaml'))).rejects.toMatchObject({ code: 'KFS505' });
  });
});

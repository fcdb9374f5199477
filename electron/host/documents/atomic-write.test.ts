import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KfsError } from '../../../shared/errors/codes';
import { writeAtomic, type AtomicStep } from './atomic-write';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OLD = Buffer.from('old version '.repeat(1000));
const NEW = Buffer.from('new version! '.repeat(3000));

describe('writeAtomic', () => {
  it.each<[AtomicStep, number | undefined]>([
    ['open', undefined],
    ['write', 0],
    ['write', 2],
    ['sync', undefined],
    ['close', undefined],
    ['rename', undefined],
  ])('a failure at %s (chunk %s) leaves the old file whole and no temporary file', async (failAt, failChunk) => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(file, OLD);
    const write = writeAtomic(file, NEW, {
      chunkBytes: 4096,
      beforeStep: (step, chunk) => {
        if (step === failAt && (failChunk === undefined || chunk === failChunk)) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    });
    await expect(write).rejects.toSatisfy((error: unknown) => error instanceof KfsError && error.code === 'KFS506' && error.message.includes('ENOSPC'));
    expect(await readFile(file)).toEqual(OLD);
    expect(await readdir(dir)).toEqual(['a.pipeline.json']);
  });

  it('replaces the file whole when every step succeeds, keeping its permissions', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(file, OLD);
    await chmod(file, 0o600);
    const steps: string[] = [];
    await writeAtomic(file, NEW, { chunkBytes: 16 * 1024, beforeStep: (step, chunk) => void steps.push(chunk === undefined ? step : `${step}${chunk}`) });
    expect(await readFile(file)).toEqual(NEW);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(steps).toEqual(['open', 'write0', 'write1', 'write2', 'sync', 'close', 'rename', 'syncDir']);
  });

  it('writes an empty file and a new file', async () => {
    const file = path.join(dir, 'empty.json');
    await writeAtomic(file, new Uint8Array());
    expect((await stat(file)).size).toBe(0);
  });

  it('removes temporary files left by an earlier crash once a save succeeds', async () => {
    const file = path.join(dir, 'a.pipeline.json');
    await writeFile(path.join(dir, '.a.pipeline.json.0123456789ab.tmp'), 'half');
    await writeFile(path.join(dir, '.other.json.0123456789ab.tmp'), 'not ours');
    await writeAtomic(file, NEW);
    expect((await readdir(dir)).sort()).toEqual(['.other.json.0123456789ab.tmp', 'a.pipeline.json']);
  });

  it('refuses a folder that does not exist with KFS506', async () => {
    await expect(writeAtomic(path.join(dir, 'missing', 'a.json'), NEW)).rejects.toMatchObject({ code: 'KFS506' });
  });
});

// `kfp-studio catalog add|list|remove|refresh` and `component check URL` as a person types them, on a fresh data
// folder, a local folder, a loopback HTTP server and a local Git repository.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { contentDigest, shortDigest } from '../../shared/catalog/sha256';
import { commitFiles, makeRepository, serveFiles, smallComponent, writeFiles, type TestHttp } from '../catalogs/catalog-fixtures';

let work: string;
let http: TestHttp | undefined;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kfs-catalog-cli-'));
});

afterEach(async () => {
  await http?.close();
  http = undefined;
  await rm(work, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = bufferIo(work);
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('kfp-studio catalog', () => {
  it('adds a folder and a Git repository, lists them with components and digests, refreshes and removes', async () => {
    await writeFiles(path.join(work, 'team'), { 'prep.yaml': smallComponent('Prepare') });
    await makeRepository(path.join(work, 'repo'), { 'train.yaml': smallComponent('Train') });
    const data = ['--data', path.join(work, 'data')];
    const folder = await cli('catalog', 'add', '--folder', 'team', ...data);
    expect(folder.code).toBe(0);
    const folderId = /added (\S+)/.exec(folder.out)?.[1] as string;
    expect(folder.out).toContain('folder  team  1 component  ok');
    const repo = await cli('catalog', 'add', '--git', path.join(work, 'repo'), '--name', 'Team repo', ...data);
    expect(repo.code).toBe(0);
    const repoId = /added (\S+)/.exec(repo.out)?.[1] as string;

    const list = await cli('catalog', 'list', '--components', ...data);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`${repoId}  git  Team repo  1 component  ok`);
    expect(list.out).toContain(`${folderId}  Prepare  ${shortDigest(contentDigest(smallComponent('Prepare')))}  prep.yaml`);
    expect(list.out).toContain('bundled  bundled  Bundled  8 components  ok');

    await commitFiles(path.join(work, 'repo'), { 'train.yaml': smallComponent('Train', 'python:3.12') });
    const refresh = await cli('catalog', 'refresh', repoId, ...data);
    expect(refresh.code).toBe(0);
    expect(refresh.out).toContain(`changed  ${repoId}  Train  ${shortDigest(contentDigest(smallComponent('Train')))} → ${shortDigest(contentDigest(smallComponent('Train', 'python:3.12')))}`);

    expect((await cli('catalog', 'remove', folderId, ...data)).out).toBe(`removed ${folderId}`);
    const gone = await cli('catalog', 'remove', folderId, ...data);
    expect([gone.code, gone.err]).toEqual([1, expect.stringContaining('KFS441')]);
    expect((await cli('catalog', 'list', ...data)).out).not.toContain(folderId);
  });

  it('refuses usage mistakes and coded failures', async () => {
    expect((await cli('catalog', 'add', '--folder', 'a', '--url', 'http://x/y')).code).toBe(2);
    const missing = await cli('catalog', 'add', '--folder', 'nowhere', '--data', path.join(work, 'data'));
    expect([missing.code, missing.err]).toEqual([1, expect.stringContaining('error KFS440')]);
  });
});

describe('kfp-studio component check URL', () => {
  it('checks a component by URL with its digest, then from the cache offline; refuses an uncached URL offline (KFS444)', async () => {
    process.env.KFP_STUDIO_DATA = path.join(work, 'data');
    try {
      http = await serveFiles({ '/c.yaml': smallComponent('Remote step') });
      const url = `${http.base}/c.yaml`;
      const online = await cli('component', 'check', url);
      expect(online).toMatchObject({ code: 0, out: `ok Remote step (1 input, 1 output) from ${url} ${contentDigest(smallComponent('Remote step'))}` });
      await http.close();
      http = undefined;
      const offline = await cli('component', 'check', url);
      expect(offline.code).toBe(0);
      expect(offline.out).toContain('(offline: the copy fetched ');
      const never = await cli('component', 'check', url.replace('c.yaml', 'd.yaml'));
      expect(never.code).toBe(1);
      expect(never.out).toContain('error KFS444');
    } finally {
      delete process.env.KFP_STUDIO_DATA;
    }
  });
});

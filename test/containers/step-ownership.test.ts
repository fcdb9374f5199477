// Files a step writes are the user's: the app run by a non-root user against a rootful Docker (the test's own dockerd,
// reached through its socket's docker group) leaves nothing in the data folder that user cannot delete. Needs root to
// make that user (useradd); skipped with the reason otherwise.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { skipNote, testEngines } from './engines';

const engines = await testEngines();
const docker = engines.available.docker;
const isRoot = process.getuid?.() === 0;
const user = `kfs-own-${process.pid}`;
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'step-ownership.child.ts');
const tsx = path.resolve('node_modules/.bin/tsx');
const dataDirs: string[] = [];

if (!docker) console.warn(skipNote(engines));
else if (!isRoot) console.warn('step ownership test skipped: making a non-root user (useradd) needs root');

afterAll(() => {
  if (isRoot && docker) spawnSync('userdel', [user]);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function asUser(argv: string[], env: { [name: string]: string } = {}): ReturnType<typeof spawnSync> {
  return spawnSync('runuser', ['-u', user, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], { encoding: 'utf8', timeout: 150_000 });
}

describe.skipIf(!docker || !isRoot)('files a step writes with rootful Docker', () => {
  it('belong to the non-root user running the app, who can delete the whole run folder', () => {
    // In the socket's group (the test's own dockerd), nothing else: the socket itself is left as it is.
    const socketGroup = spawnSync('stat', ['-c', '%G', (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '')], { encoding: 'utf8' }).stdout.trim();
    const added = spawnSync('useradd', ['-M', '-N', '-G', socketGroup, '-s', '/usr/sbin/nologin', user], { encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);
    const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kfs-ownership-'));
    dataDirs.push(dataDir);
    chownSync(dataDir, uid, uid);

    const ran = asUser([process.execPath, tsx, child, dataDir, engines.baseImage], { HOME: dataDir, DOCKER_HOST: process.env.DOCKER_HOST ?? '', PATH: process.env.PATH ?? '' });
    expect(ran.status, `${ran.stderr}`).toBe(0);
    const result = JSON.parse(String(ran.stdout).trim().split('\n').pop() ?? '{}') as { mode: string; state: string; log: string; task: { outputs?: { artifacts: { data: { uri: string }[] } } } };
    expect(result.mode).toBe('docker');
    expect(result.state, result.log).toBe('succeeded');
    const artifact = result.task.outputs?.artifacts.data[0]?.uri ?? '';
    expect(spawnSync('stat', ['-c', '%u', path.join(artifact, 'deep', 'file')], { encoding: 'utf8' }).stdout.trim()).toBe(String(uid));

    const removed = asUser(['rm', '-rf', path.join(dataDir, 'runs')]);
    expect(removed.status, `${removed.stderr}`).toBe(0);
    expect(existsSync(path.join(dataDir, 'runs'))).toBe(false);
  }, 180_000);
});

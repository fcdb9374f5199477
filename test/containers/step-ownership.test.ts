// Files a step writes are the user's: the app run by a non-root user against a rootful Docker (the test's own dockerd,
// reached through its socket's docker group) leaves nothing in the data folder that user cannot delete. Needs root to
// make that user (useradd); skipped with the reason otherwise.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const noChownImage = `localhost/kfs-test/no-chown-${process.pid}:1`;

afterAll(() => {
  if (isRoot && docker) {
    spawnSync('userdel', [user]);
    spawnSync(docker.binary ?? 'docker', ['rmi', '-f', noChownImage]);
  }
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function asUser(argv: string[], env: { [name: string]: string } = {}): ReturnType<typeof spawnSync> {
  return spawnSync('runuser', ['-u', user, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], { encoding: 'utf8', timeout: 150_000 });
}

interface ChildResult {
  mode: string;
  state: string;
  log: string;
  task: { outputs?: { artifacts: { data: { uri: string }[] } } };
}

let uid = -1;

/** Runs the one-step pipeline as the non-root user in a fresh data folder of theirs. */
function runAsUser(image: string): { dataDir: string; result: ChildResult } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kfs-ownership-'));
  dataDirs.push(dataDir);
  chownSync(dataDir, uid, uid);
  const ran = asUser([process.execPath, tsx, child, dataDir, image], { HOME: dataDir, DOCKER_HOST: process.env.DOCKER_HOST ?? '', PATH: process.env.PATH ?? '' });
  expect(ran.status, `${ran.stderr}`).toBe(0);
  return { dataDir, result: JSON.parse(String(ran.stdout).trim().split('\n').pop() ?? '{}') as ChildResult };
}

describe.skipIf(!docker || !isRoot)('files a step writes with rootful Docker', () => {
  beforeAll(() => {
    // In the socket's group (the test's own dockerd), nothing else: the socket itself is left as it is.
    const socketGroup = spawnSync('stat', ['-c', '%G', (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '')], { encoding: 'utf8' }).stdout.trim();
    const added = spawnSync('useradd', ['-M', '-N', '-G', socketGroup, '-s', '/usr/sbin/nologin', user], { encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);
    uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
  });

  it('belong to the non-root user running the app, who can delete the whole run folder', () => {
    const { dataDir, result } = runAsUser(engines.baseImage);
    expect(result.mode).toBe('docker');
    expect(result.state, result.log).toBe('succeeded');
    const artifact = result.task.outputs?.artifacts.data[0]?.uri ?? '';
    expect(spawnSync('stat', ['-c', '%u', path.join(artifact, 'deep', 'file')], { encoding: 'utf8' }).stdout.trim()).toBe(String(uid));

    const removed = asUser(['rm', '-rf', path.join(dataDir, 'runs')]);
    expect(removed.status, `${removed.stderr}`).toBe(0);
    expect(existsSync(path.join(dataDir, 'runs'))).toBe(false);
  }, 180_000);

  it('are named in the step log (KFS870) when the image has no chown to give them back', () => {
    const binary = docker!.binary ?? 'docker';
    const maker = `kfs-no-chown-${process.pid}`;
    expect(spawnSync(binary, ['run', '--name', maker, '--network=none', engines.baseImage, 'rm', '-f', '/usr/bin/chown', '/bin/chown']).status).toBe(0);
    expect(spawnSync(binary, ['commit', maker, noChownImage]).status).toBe(0);
    spawnSync(binary, ['rm', '-f', maker]);

    const { dataDir, result } = runAsUser(noChownImage);
    expect(result.state, result.log).toBe('succeeded');
    expect(result.log).toContain('[kfp-studio] KFS870: the step left files owned by another user (root in its container)');
    expect(result.log).toContain(`the image ${noChownImage} has no working chown`);
    // What the line warns of is so: the user cannot delete the run (root cleans up after the test).
    expect(asUser(['rm', '-rf', path.join(dataDir, 'runs')]).status).not.toBe(0);
  }, 180_000);
});

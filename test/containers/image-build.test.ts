// `kfp-studio image build|push` for real, with Docker and with Podman (engines from setup-engines.sh): a folder with a
// Containerfile and a script with a written Dockerfile are built without network, pushed to the local registry and
// answered pinned by digest (the registry has that manifest, and the pinned image runs the script); a failing build
// shows its log's end (KFS852); a registry with htpasswd auth asks for the engine's login (KFS853) and takes the push
// once logged in; an unreachable registry is named (KFS854).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { bufferIo } from '../../electron/cli/cli-io';
import type { PipelineDocument } from '../../shared/model/document';
import { REPO_ROOT } from '../resources/bundled-catalog';
import { ENGINES_REQUIRED, skipNote, testEngines } from './engines';

const engines = await testEngines();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfs-image-build-'));
// Logins made here go to files of this test, never to the user's own engine config.
process.env.DOCKER_CONFIG = path.join(tmp, 'docker-config');
process.env.REGISTRY_AUTH_FILE = path.join(tmp, 'podman-auth.json');
writeFileSync(process.env.REGISTRY_AUTH_FILE, '{"auths":{}}\n');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('has the container engines it tests', () => {
  if (!ENGINES_REQUIRED && engines.missing.length) console.warn(skipNote(engines));
  if (ENGINES_REQUIRED) expect(engines.missing, 'the engine setup failed: see its log').toEqual([]);
});

async function cli(argv: string[]) {
  const io = bufferIo(tmp);
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

function write(name: string, text: string): string {
  const full = path.join(tmp, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string, status: number): Promise<boolean> {
  for (let i = 0; i < 150; i += 1) {
    try {
      if ((await fetch(url)).status === status) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const pinnedOf = (out: string): string => /^pushed (\S+@sha256:[0-9a-f]{64})$/m.exec(out)?.[1] ?? '';

async function registryHas(registry: string, pinned: string, auth?: string): Promise<boolean> {
  const [repo, digest] = pinned.slice(registry.length + 1).split('@');
  const response = await fetch(`http://${registry}/v2/${repo}/manifests/${digest}`, {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json', ...(auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {}) },
  });
  return response.ok;
}

/** A second registry on a free loopback port that asks for user "kfs" with password "s3cret" (htpasswd, bcrypt). */
let authRegistry: { address: string; process: ChildProcess } | undefined;
const needsRegistry = !engines.registry || (!engines.available.docker && !engines.available.podman);
beforeAll(async () => {
  if (needsRegistry) return;
  const port = await freePort();
  const dir = path.join(tmp, 'auth-registry');
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const hashed = spawnSync('htpasswd', ['-Bbn', 'kfs', 's3cret'], { encoding: 'utf8' });
  expect(hashed.status, `htpasswd (apache2-utils, installed by setup-engines.sh): ${hashed.stderr}`).toBe(0);
  writeFileSync(path.join(dir, 'htpasswd'), hashed.stdout);
  writeFileSync(path.join(dir, 'config.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\nauth:\n  htpasswd:\n    realm: kfs-test\n    path: ${dir}/htpasswd\n`);
  // The registry reads REGISTRY_* variables as configuration: Podman's REGISTRY_AUTH_FILE would break it.
  const { REGISTRY_AUTH_FILE: _podmanOnly, ...env } = process.env;
  const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore', env });
  authRegistry = { address: `127.0.0.1:${port}`, process: child };
  expect(await answers(`http://127.0.0.1:${port}/v2/`, 401), 'the htpasswd registry did not start').toBe(true);
}, 60_000);
afterAll(() => {
  authRegistry?.process.kill('SIGTERM');
});

for (const engine of ['docker', 'podman'] as const) {
  const detected = engines.available[engine];
  describe.skipIf(!detected || !engines.registry)(`kfp-studio image build|push with ${engine}`, () => {
    const binary = detected?.binary ?? engine;
    const runImage = (image: string) => spawnSync(binary, ['run', '--rm', '--network=none', image], { encoding: 'utf8', timeout: 60_000 });

    it('builds a folder with a Containerfile and a script with a written Dockerfile, pushed and pinned by digest', async () => {
      const folder = path.join(tmp, `${engine}-folder`);
      write(`${engine}-folder/Containerfile`, `FROM ${engines.pythonImage}\nCOPY greet.py /greet.py\nCMD ["python3", "/greet.py"]\n`);
      write(`${engine}-folder/greet.py`, `print("hello from the ${engine} folder build")\n`);
      const tag = `${engines.registry}/kfs-test/greet-${engine}:v1`;
      const folderBuild = await cli(['image', 'build', folder, '--tag', tag, '--engine', engine, '--push']);
      expect(folderBuild.code, folderBuild.out + folderBuild.err).toBe(0);
      expect(folderBuild.out).toMatch(new RegExp(`^built ${tag.replace(/[.]/g, '\\.')} \\S+ context sha256:[0-9a-f]{64} \\(${engine}\\)$`, 'm'));
      expect(folderBuild.err).toMatch(/STEP 1\/3|Step 1\/3/i);
      const pinned = pinnedOf(folderBuild.out);
      expect(pinned.startsWith(`${engines.registry}/kfs-test/greet-${engine}@sha256:`)).toBe(true);
      expect(await registryHas(engines.registry!, pinned)).toBe(true);
      expect(runImage(pinned).stdout).toBe(`hello from the ${engine} folder build\n`);

      const script = write(`${engine}-script/prep.py`, 'print("prepared", 6 * 7)\n');
      const scriptTag = `${engines.registry}/kfs-test/prep-${engine}:v1`;
      const scriptBuild = await cli(['image', 'build', '--script', script, '--base', engines.pythonImage, '--tag', scriptTag, '--engine', engine]);
      expect(scriptBuild.code, scriptBuild.out + scriptBuild.err).toBe(0);
      expect(scriptBuild.out).toContain(`Dockerfile (written by KFP Studio):\n  # Written by KFP Studio from a script and its requirements.\n  FROM ${engines.pythonImage}\n`);
      const firstHash = /context (sha256:\S+)/.exec(scriptBuild.out)?.[1];
      const pushed = await cli(['image', 'push', scriptTag, '--engine', engine]);
      expect(pushed.code, pushed.out + pushed.err).toBe(0);
      expect(await registryHas(engines.registry!, pinnedOf(pushed.out))).toBe(true);
      expect(runImage(pinnedOf(pushed.out)).stdout).toBe('prepared 42\n');

      writeFileSync(script, 'print("prepared", 43)\n');
      const rebuilt = await cli(['image', 'build', '--script', script, '--base', engines.pythonImage, '--tag', scriptTag, '--engine', engine]);
      expect(/context (sha256:\S+)/.exec(rebuilt.out)?.[1]).not.toBe(firstHash);
    }, 240_000);

    it('sets an image step of a document to the pushed digest with its build record, checking the step first (KFS857)', async () => {
      const doc = path.join(tmp, `${engine}.pipeline.json`);
      copyFileSync(path.join(REPO_ROOT, 'resources', 'examples', 'classic.pipeline.json'), doc);
      const folder = path.join(tmp, `${engine}-doc`);
      write(`${engine}-doc/Dockerfile`, `FROM ${engines.baseImage}\nCOPY step.txt /step.txt\n`);
      write(`${engine}-doc/step.txt`, 'preprocess\n');
      const tag = `${engines.registry}/kfs-test/doc-${engine}:v1`;

      const unknown = await cli(['image', 'build', folder, '--tag', tag, '--engine', engine, '--document', doc, '--component', 'nope']);
      expect(unknown.code).toBe(1);
      expect(unknown.out).toContain('error KFS857');
      expect(unknown.out).toContain('Its image steps: bigquery-query, preprocess');
      expect(unknown.out).not.toContain('built ');

      const done = await cli(['image', 'build', folder, '--tag', tag, '--engine', engine, '--push', '--document', doc, '--component', 'preprocess']);
      expect(done.code, done.out + done.err).toBe(0);
      const pinned = pinnedOf(done.out);
      const saved = JSON.parse(readFileSync(doc, 'utf8')) as PipelineDocument;
      const implementation = saved.components.preprocess?.implementation;
      expect(implementation).toMatchObject({ kind: 'container', image: pinned, build: { source: { kind: 'folder', dir: folder }, tag, contextHash: /context (sha256:\S+)/.exec(done.out)?.[1] } });
      // Still a document the app opens.
      expect((await cli(['validate', doc])).code).toBe(0);
    }, 240_000);

    it('shows the end of the log when the build fails (KFS852), and says the build ran without network', async () => {
      const script = write(`${engine}-fails/train.py`, 'print(1)\n');
      const requirements = write(`${engine}-fails/requirements.txt`, 'numpy==1.26.4\n');
      const failed = await cli(['image', 'build', '--script', script, '--requirements', requirements, '--base', engines.pythonImage, '--tag', `localhost/kfs-test/fails-${engine}:v1`, '--engine', engine]);
      expect(failed.code).toBe(1);
      expect(failed.out).toContain('error KFS852');
      expect(failed.out).toContain(`Building localhost/kfs-test/fails-${engine}:v1 with ${engine} failed`);
      // The base image has python3 without pip: the engine's own words reach the user.
      expect(failed.out).toContain('No module named pip');
      expect(failed.out).toContain('The build ran without network');
    }, 120_000);

    it('asks for the engine login when the registry wants one (KFS853), pushes once logged in, and names an unreachable registry (KFS854)', async () => {
      const registry = authRegistry!.address;
      const folder = path.join(tmp, `${engine}-auth`);
      write(`${engine}-auth/Dockerfile`, `FROM ${engines.baseImage}\nCOPY note.txt /note.txt\n`);
      write(`${engine}-auth/note.txt`, `${engine}\n`);
      const tag = `${registry}/kfs-test/private-${engine}:v1`;
      const built = await cli(['image', 'build', folder, '--tag', tag, '--engine', engine]);
      expect(built.code, built.out + built.err).toBe(0);

      spawnSync(binary, ['logout', registry]);
      const refused = await cli(['image', 'push', tag, '--engine', engine]);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('error KFS853');
      expect(refused.out).toContain(`Log in once with "${engine} login ${registry}"`);

      const login = spawnSync(binary, ['login', ...(engine === 'podman' ? ['--tls-verify=false'] : []), '--username', 'kfs', '--password-stdin', registry], { input: 's3cret\n', encoding: 'utf8' });
      expect(login.status, login.stderr).toBe(0);
      const pushed = await cli(['image', 'push', tag, '--engine', engine]);
      expect(pushed.code, pushed.out + pushed.err).toBe(0);
      expect(await registryHas(registry, pinnedOf(pushed.out), 'kfs:s3cret')).toBe(true);
      spawnSync(binary, ['logout', registry]);

      const nowhere = `127.0.0.1:${await freePort()}`;
      const lostTag = `${nowhere}/kfs-test/lost-${engine}:v1`;
      expect(spawnSync(binary, ['tag', tag, lostTag]).status).toBe(0);
      const unreachable = await cli(['image', 'push', lostTag, '--engine', engine]);
      expect(unreachable.code).toBe(1);
      expect(unreachable.out).toContain(`error KFS854`);
      expect(unreachable.out).toContain(`Could not reach the registry ${nowhere}`);
      spawnSync(binary, ['rmi', lostTag]);
    }, 240_000);
  });
}

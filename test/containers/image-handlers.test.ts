// The app's image calls for real (the same handlers Electron and web mode bind): a build job streams its log by
// offsets, pushes to the local registry and answers the digest-pinned reference and the context hash; the hash call
// answers the same hash for the same files and another once the script changed; a failed build is a failed job with
// KFS852, not a failed call.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageHandlers } from '../../electron/host/images';
import type { HostResult } from '../../shared/host-api/host-result';
import { ENGINES_REQUIRED, skipNote, testEngines } from './engines';

const engines = await testEngines();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfs-image-calls-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('has the container engines it tests', () => {
  if (!ENGINES_REQUIRED && engines.missing.length) console.warn(skipNote(engines));
  if (ENGINES_REQUIRED) expect(engines.missing, 'the engine setup failed: see its log').toEqual([]);
});

function value<T>(result: HostResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const engine = engines.available.docker ? 'docker' : 'podman';
describe.skipIf(!engines.registry || (!engines.available.docker && !engines.available.podman))(`image calls (${engine})`, () => {
  it('streams a build and push job to its pinned reference, and hashes the context again for stale marking', async () => {
    const h = imageHandlers();
    const dir = path.join(tmp, 'script');
    mkdirSync(dir);
    const script = path.join(dir, 'train.py');
    writeFileSync(script, 'print("trained")\n');
    const source = { kind: 'script' as const, script, baseImage: engines.pythonImage };
    const tag = `${engines.registry}/kfs-test/calls-train:v1`;
    const { jobId } = value(await h.imageBuildStart({ source, tag, push: true, engine }));

    let offset = 0;
    let log = '';
    let chunks = 0;
    let status;
    for (;;) {
      status = value(await h.imageBuildStatus({ jobId, logOffset: offset }));
      if (status.log) chunks += 1;
      log += status.log;
      offset = status.logOffset;
      if (status.state === 'done' || status.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status.error).toBeUndefined();
    expect(status.state).toBe('done');
    expect(chunks).toBeGreaterThan(0);
    expect(log).toContain(`[kfp-studio] building ${tag} with ${engine} from a generated Dockerfile`);
    expect(log).toContain(`[kfp-studio] pushing ${tag} to ${engines.registry} with ${engine}`);
    expect(status.result?.pinned).toMatch(new RegExp(`^${engines.registry!.replace(/\./g, '\\.')}/kfs-test/calls-train@sha256:[0-9a-f]{64}$`));
    expect(status.result?.dockerfile).toContain('COPY train.py /app/train.py');
    // Asked again from the end, the log has nothing new.
    expect(value(await h.imageBuildStatus({ jobId, logOffset: offset })).log).toBe('');

    const again = value(await h.imageContextHash({ source }));
    expect(again.contextHash).toBe(status.result?.contextHash);
    writeFileSync(script, 'print("trained better")\n');
    expect(value(await h.imageContextHash({ source })).contextHash).not.toBe(status.result?.contextHash);
  }, 180_000);

  it('answers a failed build as a failed job with KFS852 and the log kept', async () => {
    const h = imageHandlers();
    const dir = path.join(tmp, 'broken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${engines.baseImage}\nRUN echo the-step-that-fails && false\n`);
    const { jobId } = value(await h.imageBuildStart({ source: { kind: 'folder', dir }, tag: 'localhost/kfs-test/broken:v1', push: false, engine }));
    let status;
    do {
      await new Promise((r) => setTimeout(r, 50));
      status = value(await h.imageBuildStatus({ jobId, logOffset: 0 }));
    } while (status.state === 'building');
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('KFS852');
    expect(status.error?.message).toContain('the-step-that-fails');
    expect(status.log).toContain('the-step-that-fails');
  }, 120_000);

  it('refuses a request that is not one (KFS701) and an unknown job (KFS702)', async () => {
    const h = imageHandlers();
    expect(await h.imageBuildStart({ source: { kind: 'folder' }, tag: 'x', push: false })).toMatchObject({ ok: false, error: { code: 'KFS701' } });
    expect(await h.imageBuildStatus({ jobId: 'nope', logOffset: 0 })).toMatchObject({ ok: false, error: { code: 'KFS702' } });
  });
});

// Pushes a built image with the engine's own login (the app never sees or keeps credentials) and answers the
// reference pinned by digest, which is what the step then runs. A registry asking for a login is KFS853 (naming the
// login command for that registry); any other refusal is KFS854 with the registry's reason.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import { checkImageReference } from '../../../shared/images/dockerfile.generate';
import { registryOf } from '../runtime/local/image-pull';
import { probe } from '../runtime/local/container-engine';
import { lastLines, runStreaming } from './engine-stream';
import type { ImageEngine, ProgressSink } from './image-build';

export interface PushedImage {
  /** REPOSITORY@sha256:…, the reference a step should run. */
  pinned: string;
  digest: string;
  registry: string;
}

/** The repository part of a reference (without tag or digest). */
export function repositoryOf(reference: string): string {
  const noDigest = reference.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Docker treats loopback registries as plain HTTP by default; Podman is told the same for them. */
function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

function refusal(engine: ImageEngine, image: string, registry: string, code: number, tail: string): KfsError {
  const reason = lastLines(tail, 1) || `exit ${code}`;
  if (/unauthorized|authentication required|no basic auth credentials|401 Unauthorized/i.test(tail)) {
    return new KfsError('KFS853', `${registry} asks for a login to push ${image} (${reason}). Log in once with "${engine.mode} login ${registry}" in a terminal (KFP Studio uses that login and never stores credentials), then push again.`);
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|server gave HTTP response to HTTPS client/i.test(tail)) {
    return new KfsError('KFS854', `Could not reach the registry ${registry} to push ${image} (${reason}). Check the registry address and that it is running.`);
  }
  if (/denied|forbidden|403/i.test(tail)) {
    return new KfsError('KFS854', `${registry} refused the push of ${image}: access denied (${reason}). Check that your login there may push to ${repositoryOf(image)}.`);
  }
  return new KfsError('KFS854', `${registry} refused the push of ${image} (${reason}).`);
}

export async function pushImage(engine: ImageEngine, image: string, onProgress: ProgressSink = () => undefined): Promise<PushedImage> {
  checkImageReference(image);
  const registry = registryOf(image);
  if ((await probe(engine.binary, ['image', 'inspect', image], 30_000)).code !== 0) {
    throw new KfsError('KFS855', `${engine.mode} has no image named ${image}: build it first (kfp-studio image build).`);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kfp-studio-push-'));
  try {
    const digestFile = path.join(scratch, 'digest');
    const podmanArgs = engine.mode === 'podman' ? ['--digestfile', digestFile, ...(isLoopback(registry) ? ['--tls-verify=false'] : [])] : [];
    onProgress({ phase: 'push', text: `[kfp-studio] pushing ${image} to ${registry} with ${engine.mode}\n` });
    const result = await runStreaming(engine.binary, ['push', ...podmanArgs, image], (text) => onProgress({ phase: 'push', text }));
    if (result.code !== 0) throw refusal(engine, image, registry, result.code, result.tail);
    const digest = engine.mode === 'podman' ? readFileSync(digestFile, 'utf8').trim() : (/digest: (sha256:[0-9a-f]{64})/.exec(result.tail)?.[1] ?? '');
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new KfsError('KFS854', `${engine.mode} pushed ${image} to ${registry} but did not say its digest, so the step cannot be pinned to it.`);
    return { pinned: `${repositoryOf(image)}@${digest}`, digest, registry };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

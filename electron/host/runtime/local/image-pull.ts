// A step's image is made ready before its container starts: used as is when the engine has it, otherwise pulled
// with the engine's progress written to the step's log; a failed pull is refused (KFS818) naming the image, its
// registry and what to do. Containers then start with --pull=never, so nothing is pulled silently.
import { spawn } from 'node:child_process';
import { KfsError } from '../../../../shared/errors/codes';
import { probe, type DetectedExecution } from './container-engine';

/** The registry an image reference names (Docker's rule: a first part with a dot, a colon or "localhost"). */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** Pulls `image` unless the engine has it; `log` gets the progress lines. */
export async function ensureImage(engine: DetectedExecution, image: string, log: (text: string) => Promise<void>): Promise<void> {
  const binary = engine.binary ?? engine.mode;
  if ((await probe(binary, ['image', 'inspect', image], 30_000)).code === 0) return;
  await log(`[kfp-studio] ${image} is not in ${engine.mode}'s images: pulling it from ${registryOf(image)}\n`);
  let tail = '';
  let pending = Promise.resolve();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(binary, ['pull', image], { stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (data: Buffer): void => {
      const text = data.toString();
      tail = (tail + text).slice(-2000);
      pending = pending.then(() => log(text)).catch(() => undefined);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => {
      tail += error.message;
      resolve(null);
    });
    child.on('close', resolve);
  });
  await pending;
  if (code === 0) return;
  const reason = tail.trim().split('\n').filter(Boolean).pop() ?? `exit ${code}`;
  const registry = registryOf(image);
  throw new KfsError(
    'KFS818',
    `Could not pull the image ${image} from ${registry}: ${reason}. Check the image name and tag, that ${registry} can be reached from here, and, for a private registry, log in first (${engine.mode} login ${registry}); or build the image locally.`,
  );
}

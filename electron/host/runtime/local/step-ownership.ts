// Files a step writes belong to the user running the app. With a rootful Docker, a step runs as root in its container,
// so what it writes in the run's mounted folders would be root's, and a non-root user could neither change nor delete
// it. `--user` is not used instead: most images (and KFP's own `pip install` prologue) need root inside. So after each
// attempt, when anything in the step's writable folders is not the user's, one short container of the same image
// (no network, no links followed, run-labelled so a sweep finds it) gives the files back with `chown -R -h`.
import { spawn } from 'node:child_process';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { RUN_LABEL, type DetectedExecution } from './container-engine';

/** The user the files must end up with; undefined when no change is needed (root, or a system without uids). */
export function appUser(): { uid: number; gid: number } | undefined {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || gid === undefined || uid === 0) return undefined;
  return { uid, gid };
}

/** Whether anything under `dirs` (links themselves, never followed) is owned by another user than `uid`. */
export async function hasForeignFiles(dirs: readonly string[], uid: number): Promise<boolean> {
  for (const dir of dirs) {
    const info = await lstat(dir).catch(() => undefined);
    if (!info) continue;
    if (info.uid !== uid) return true;
    if (!info.isDirectory()) continue;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    // An unreadable folder is someone else's doing (a step's chmod as root): give it back too.
    if (!entries) return true;
    if (await hasForeignFiles(entries.map((entry) => path.join(dir, entry.name)), uid)) return true;
  }
  return false;
}

/**
 * Gives the step's writable folders back to the app's user when the step left files owned by someone else (rootful
 * Docker). Answers a line for the step's log when it could not (an image without `chown`), else undefined.
 */
export async function giveBackFiles(execution: DetectedExecution, image: string, dirs: readonly string[], runId: string): Promise<string | undefined> {
  const user = appUser();
  if (execution.mode !== 'docker' || !user || !(await hasForeignFiles(dirs, user.uid))) return undefined;
  const args = ['run', '--rm', '--network=none', '--pull=never', '--user', '0:0', '--label', `${RUN_LABEL}=${runId}`, '--entrypoint', 'chown'];
  for (const dir of dirs) args.push('-v', `${dir}:${dir}`);
  args.push(image, '-R', '-h', `${user.uid}:${user.gid}`, ...dirs);
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    let output = '';
    const child = spawn(execution.binary ?? execution.mode, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (data: Buffer) => (output = (output + data.toString()).slice(-1000)));
    child.stderr.on('data', (data: Buffer) => (output = (output + data.toString()).slice(-1000)));
    child.once('error', (error) => resolve({ code: null, output: error.message }));
    child.once('close', (code) => resolve({ code, output }));
  });
  if (result.code === 0) return undefined;
  const reason = result.output.trim().split('\n').pop() ?? `exit ${result.code}`;
  return `[kfp-studio] KFS870: the step left files owned by another user (root in its container) in ${dirs.join(', ')}, and they could not be given back to you (${reason}): the image ${image} has no working chown. Delete them with the engine (docker run --rm -v DIR:DIR ${image} rm -rf DIR) or as root, or run the app with rootless Podman.`;
}

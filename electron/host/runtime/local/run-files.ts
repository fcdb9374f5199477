// The host's file operations inside run folders, which steps also write to: a step is code someone else wrote, so
// the host never follows a link there. Files it reads back are opened without following links, must be regular files
// (a FIFO would hang the read) and are read up to a cap; its own files are created 0600 in folders made 0700.
import { constants } from 'node:fs';
import { appendFile, lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../../shared/errors/codes';

/** What the host reads back from one step file (an output parameter, executor_output.json) at most. */
export const MAX_STEP_FILE_BYTES = 8 * 1024 * 1024;

const NO_FOLLOW = constants.O_NOFOLLOW;

function tampered(file: string, what: string): KfsError {
  return new KfsError('KFS810', `${file} is ${what}, not a file the run wrote: a step replaced it. KFP Studio does not follow it; look at the step's code.`);
}

/** Folders of a run: only this user may enter them. */
export async function makeRunFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory()) throw tampered(dir, info.isSymbolicLink() ? 'a symbolic link' : 'not a folder');
}

/** Opens `file` for appending, created 0600 when absent; refuses (KFS810) a link or anything but a regular file. */
export async function openForAppend(file: string): Promise<FileHandle> {
  let handle;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW | constants.O_NONBLOCK, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw tampered(file, 'a symbolic link');
    throw error;
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw tampered(file, 'not a regular file');
  }
  return handle;
}

/** Appends text to a host-owned file (a log) without following a link. */
export async function appendNoFollow(file: string, text: string): Promise<void> {
  const handle = await openForAppend(file);
  try {
    await appendFile(handle, text);
  } finally {
    await handle.close();
  }
}

/**
 * The text of a file a step wrote, or undefined when it is absent. Refuses a link or a special file (KFS810) and a
 * file over `maxBytes` (KFS811); `folder` (the step's outputs folder) must itself be a real folder.
 */
export async function readStepFile(file: string, maxBytes = MAX_STEP_FILE_BYTES): Promise<string | undefined> {
  const folder = path.dirname(file);
  const folderInfo = await lstat(folder).catch(() => undefined);
  if (!folderInfo) return undefined;
  if (!folderInfo.isDirectory()) throw tampered(folder, folderInfo.isSymbolicLink() ? 'a symbolic link' : 'not a folder');
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | NO_FOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw tampered(file, 'a symbolic link');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw tampered(file, 'not a regular file');
    if (info.size > maxBytes) {
      throw new KfsError('KFS811', `${path.basename(file)} holds ${info.size} bytes; a step may hand back at most ${maxBytes} bytes this way. Write large results as an output artifact.`);
    }
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Is `candidate` (absolute) `root` itself or inside it, by path (no `..` escapes)? */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A local artifact URI (a path or file://) as a path; undefined for remote URIs (gs://, s3://, ...). */
export function localPathOf(uri: string): string | undefined {
  if (uri.startsWith('file://')) return decodeURIComponent(uri.slice('file://'.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return undefined;
  return uri;
}

/**
 * The URI a step reported for its output artifact, accepted only inside `root` (the task's artifacts folder) with no
 * symbolic link on the way: anything else would let a step hand the next one any folder of this machine (KFS812).
 */
export async function acceptReportedUri(uri: string, root: string, where: { task: string; output: string }): Promise<string> {
  const local = localPathOf(uri);
  if (local === undefined || !path.isAbsolute(local) || !isInside(root, local) || path.resolve(local) === path.resolve(root)) {
    throw new KfsError('KFS812', `Step "${where.task}" reported "${uri}" as the location of its output "${where.output}"; a local step's artifacts must stay inside ${root}. Write the artifact to the path it was given.`);
  }
  const parts = path.relative(root, path.resolve(local)).split(path.sep);
  let current = root;
  for (const part of parts) {
    current = path.join(current, part);
    const info = await lstat(current).catch(() => undefined);
    if (!info) break;
    if (info.isSymbolicLink()) throw new KfsError('KFS813', `The output "${where.output}" of step "${where.task}" is reached through a symbolic link (${current}); links are not followed.`);
  }
  return path.resolve(local);
}

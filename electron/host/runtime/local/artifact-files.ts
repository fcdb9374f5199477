// What a local artifact is on disk: a file's size, or a folder's total size and the files under it (listed up to a
// cap), and the one safe way to read a file of it. Symbolic links are never followed: a step could leave one pointing
// anywhere on this machine, so an artifact that is a link, or a link inside a folder artifact, is refused (KFS813).
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../../shared/errors/codes';
import { MAX_ARTIFACT_FOLDER_FILES, type ArtifactFile } from '../../../../shared/runtime/runtime';

export interface ArtifactOnDisk {
  size?: number;
  isDirectory?: boolean;
  /** For a folder: its files in path order, at most the cap. */
  files?: ArtifactFile[];
  filesTruncated?: boolean;
  /** Why (part of) the artifact is not shown: it is a link, or links inside the folder were left out. */
  refused?: { code: 'KFS813'; message: string };
}

function linkRefusal(what: string): KfsError {
  return new KfsError('KFS813', `${what} is a symbolic link; KFP Studio does not follow links in a run's artifacts (a step could point one at any file of this machine).`);
}

/** Size and, for a folder, its files (regular files only); undefined when nothing is there. Links are refused. */
export async function describeArtifact(uri: string, maxFiles: number = MAX_ARTIFACT_FOLDER_FILES): Promise<ArtifactOnDisk | undefined> {
  let info;
  try {
    info = await lstat(uri);
  } catch {
    return undefined;
  }
  if (info.isSymbolicLink()) return { refused: { code: 'KFS813', message: linkRefusal(`The artifact ${uri}`).message } };
  if (!info.isDirectory()) return { size: info.size, isDirectory: false };
  const files: ArtifactFile[] = [];
  const links: string[] = [];
  let size = 0;
  let truncated = false;
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      // Dirent types come from lstat: a symbolic link is neither a file nor a folder here, so it is not followed.
      if (entry.isSymbolicLink()) links.push(relative);
      else if (entry.isDirectory()) await walk(full, relative);
      else if (entry.isFile()) {
        const bytes = await lstat(full).then((s) => s.size, () => 0);
        size += bytes;
        if (files.length < maxFiles) files.push({ path: relative, size: bytes });
        else truncated = true;
      }
    }
  };
  await walk(uri, '');
  const shownLinks = links.slice(0, 5).join(', ') + (links.length > 5 ? `, and ${links.length - 5} more` : '');
  return {
    size,
    isDirectory: true,
    files,
    filesTruncated: truncated,
    ...(links.length ? { refused: { code: 'KFS813' as const, message: `Symbolic links inside the folder are left out and cannot be read (${shownLinks}); KFP Studio does not follow links in a run's artifacts.` } } : {}),
  };
}

/**
 * The absolute path of `relative` inside the folder artifact at `root`. Refuses (KFS701) an absolute path or any `..`
 * part, and (KFS813) a root or any part of the path that is a symbolic link.
 */
export async function fileInsideArtifact(root: string, relative: string): Promise<string> {
  const parts = relative.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative) || relative.includes('\0') || parts.includes('..') || parts.length === 0) {
    throw new KfsError('KFS701', `"${relative}" is not a file path inside the artifact: give a relative path without "..".`);
  }
  let current = path.resolve(root);
  if ((await lstat(current).catch(() => undefined))?.isSymbolicLink()) throw linkRefusal(`The artifact ${root}`);
  for (const part of parts) {
    current = path.join(current, part);
    if ((await lstat(current).catch(() => undefined))?.isSymbolicLink()) throw linkRefusal(`"${relative}" in the artifact`);
  }
  return current;
}

/**
 * At most `maxBytes` of the artifact file `file` (opened without following a link, a regular file only); the size of
 * the whole file too. KFS813 for a link, KFS701 for a folder, KFS802 when it is not there.
 */
export async function readArtifactFile(file: string, label: string, maxBytes?: number): Promise<{ bytes: Uint8Array; size: number }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw linkRefusal(`The artifact file ${file}`);
    if (code === 'EISDIR') throw new KfsError('KFS701', `${label} is a folder: name a file inside it.`);
    throw new KfsError('KFS802', `The artifact file ${file} is not there (${code ?? 'unreadable'}).`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new KfsError('KFS701', `${label} is a folder: name a file inside it.`);
    if (!info.isFile()) throw new KfsError('KFS802', `The artifact ${file} is not a regular file.`);
    const length = Math.min(info.size, maxBytes ?? info.size);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return { bytes: buffer.subarray(0, bytesRead), size: info.size };
  } finally {
    await handle.close();
  }
}

// What a local artifact is on disk: a file's size, or a folder's total size and the files under it (listed up to a
// cap), and the one safe way to name a file inside a folder artifact. Symbolic links are never followed: a step
// could leave one pointing anywhere on this machine.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../../shared/errors/codes';
import { MAX_ARTIFACT_FOLDER_FILES, type ArtifactFile } from '../../../../shared/runtime/runtime';

export interface ArtifactOnDisk {
  size: number;
  isDirectory: boolean;
  /** For a folder: its files in path order, at most the cap. */
  files?: ArtifactFile[];
  filesTruncated?: boolean;
}

/** Size and, for a folder, its files (regular files only, symbolic links left out); undefined when nothing is there. */
export async function describeArtifact(uri: string, maxFiles: number = MAX_ARTIFACT_FOLDER_FILES): Promise<ArtifactOnDisk | undefined> {
  let info;
  try {
    info = await stat(uri);
  } catch {
    return undefined;
  }
  if (!info.isDirectory()) return { size: info.size, isDirectory: false };
  const files: ArtifactFile[] = [];
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
      if (entry.isDirectory()) await walk(full, relative);
      else if (entry.isFile()) {
        const bytes = await lstat(full).then((s) => s.size, () => 0);
        size += bytes;
        if (files.length < maxFiles) files.push({ path: relative, size: bytes });
        else truncated = true;
      }
    }
  };
  await walk(uri, '');
  return { size, isDirectory: true, files, filesTruncated: truncated };
}

/**
 * The absolute path of `relative` inside the folder artifact at `root`. Refuses (KFS701) an absolute path, any `..`
 * part, and a path that leaves the folder through a symbolic link.
 */
export async function fileInsideArtifact(root: string, relative: string): Promise<string> {
  const parts = relative.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative) || relative.includes('\0') || parts.includes('..') || parts.length === 0) {
    throw new KfsError('KFS701', `"${relative}" is not a file path inside the artifact: give a relative path without "..".`);
  }
  const base = path.resolve(root);
  const file = path.join(base, ...parts);
  const [realBase, realFile] = await Promise.all([realpath(base).catch(() => base), realpath(file).catch(() => undefined)]);
  if (realFile !== undefined && !realFile.startsWith(`${realBase}${path.sep}`)) {
    throw new KfsError('KFS701', `"${relative}" leads outside the artifact (through a symbolic link).`);
  }
  return file;
}

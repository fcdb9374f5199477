// Replacing a file so that it is always either the old or the new version, whatever happens mid-way: the bytes go to
// a temporary file beside the target, are flushed to disk (fsync), then renamed over the target (atomic on POSIX and
// NTFS), and the directory is flushed so the rename itself survives a power cut.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';

/** The points a write passes; a test (or a fault injector) may stop or fail the write at any of them. */
export type AtomicStep = 'open' | 'write' | 'sync' | 'close' | 'rename' | 'syncDir';

export interface AtomicWriteOptions {
  /** Called before each step (before each chunk for 'write'); throwing fails the write at that step. */
  beforeStep?: (step: AtomicStep, chunk?: number) => void | Promise<void>;
  /** Bytes per write call; small chunks let a test stop a write half-way. */
  chunkBytes?: number;
  /** Permissions of a new file (an existing file keeps its own); default 0o644. */
  mode?: number;
}

const TEMP_SUFFIX = '.tmp';

export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

export async function writeAtomic(file: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const step = options.beforeStep ?? (() => undefined);
  const chunkBytes = Math.max(1, options.chunkBytes ?? 1024 * 1024);
  const temp = tempNameFor(file);
  const existing = await stat(file).catch(() => undefined);
  const mode = options.mode ?? (existing?.isFile() ? existing.mode & 0o777 : 0o644);
  try {
    await step('open');
    const handle = await open(temp, 'wx', mode);
    try {
      const chunks = Math.max(1, Math.ceil(bytes.length / chunkBytes));
      for (let chunk = 0; chunk < chunks; chunk++) {
        await step('write', chunk);
        const offset = chunk * chunkBytes;
        const length = Math.min(bytes.length - offset, chunkBytes);
        for (let done = 0; done < length; ) {
          const { bytesWritten } = await handle.write(bytes, offset + done, length - done, offset + done);
          done += bytesWritten;
        }
      }
      await step('sync');
      await handle.sync();
      await step('close');
    } finally {
      await handle.close();
    }
    await step('rename');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = error instanceof KfsError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    throw new KfsError('KFS506', `Could not save ${path.basename(file)} (${reason}); the file on disk was not changed.`, { file });
  }
  await step('syncDir');
  await syncDirectory(path.dirname(file));
  await removeStaleTemps(file);
}

async function syncDirectory(dir: string): Promise<void> {
  // Some platforms (Windows) cannot open a directory for fsync; the rename is then as durable as the OS makes it.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Temporary files of this target left by a crash mid-save; removed after the next good save. */
async function removeStaleTemps(file: string): Promise<void> {
  const prefix = `.${path.basename(file)}.`;
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX) && /^[0-9a-f]{12}$/.test(name.slice(prefix.length, -TEMP_SUFFIX.length))) {
      await rm(path.join(path.dirname(file), name), { force: true }).catch(() => undefined);
    }
  }
}

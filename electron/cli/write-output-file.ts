// Writes a command's output file whole or not at all; a failure is a usage/I-O error (exit 2) saying what to do.
import path from 'node:path';
import { CliError } from './cli-error';

export async function writeOutputFile(
  file: string,
  bytes: Uint8Array,
  cwd: string,
  writeAtomic: (file: string, bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const absolute = path.resolve(cwd, file);
  try {
    await writeAtomic(absolute, bytes);
  } catch (error) {
    // The writer may wrap the system error; its errno name is then in the message.
    const code = /\b(ENOENT|EACCES|EPERM|ENOSPC|EROFS)\b/.exec(`${(error as NodeJS.ErrnoException).code} ${(error as Error).message}`)?.[1];
    const why =
      code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
    throw new CliError(`${file}: could not be written (${why}). Nothing was changed; choose another path.`);
  }
}

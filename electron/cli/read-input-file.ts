// Reads a file named on the command line. Problems reaching the file are usage errors (exit 2, nothing was checked);
// a file that is there but cannot be taken as text is a refusal with a code, like any other bad input.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../shared/errors/codes';
import { CliError } from './cli-error';

/** Larger files are refused without reading them; the parsers have their own, possibly lower, limits. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The file's bytes, for archives; the same checks as readInputFile. */
export async function readInputBytes(file: string, cwd: string): Promise<Uint8Array> {
  const absolute = path.resolve(cwd, file);
  let size: number;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) throw new CliError(`${file} is a directory: give the path of a file inside it.`);
    if (!info.isFile()) throw new CliError(`${file} is not a regular file: give the path of a file.`);
    size = info.size;
  } catch (error) {
    throw ioError(file, absolute, error);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new KfsError('KFS501', `The file is ${(size / 1024 / 1024).toFixed(1)} MiB; files over ${MAX_INPUT_BYTES / 1024 / 1024} MiB are not read.`, { file });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    throw ioError(file, absolute, error);
  }
  return bytes;
}

export async function readInputFile(file: string, cwd: string): Promise<string> {
  const bytes = await readInputBytes(file, cwd);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KfsError('KFS505', 'The file is not UTF-8 text (is it a binary file or an archive?).', { file });
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function ioError(file: string, absolute: string, error: unknown): Error {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new CliError(`${file}: no such file (looked for ${absolute}). Check the path; relative paths start from the current folder.`);
    case 'EACCES':
    case 'EPERM':
      return new CliError(`${file}: permission denied. Check the file's permissions, or run as a user who may read it.`);
    case 'EISDIR':
      return new CliError(`${file} is a directory: give the path of a file inside it.`);
    case 'ENOTDIR':
      return new CliError(`${file}: a part of this path is a file, not a folder. Check the path.`);
    default:
      return new CliError(`${file}: could not be read (${code ?? (error as Error).message}).`);
  }
}

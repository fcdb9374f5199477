// Entry names that could land outside the folder an archive is unpacked into are refused, used or not:
// such an archive is hostile or broken, and we never want to hand it on (or unpack it) as a pipeline.
import { KfsError } from '../errors/codes';
import { archiveLocation } from './archive-format';

/** Why `name` is unsafe as an archive entry path, or `undefined` when it is a plain relative path. */
export function unsafePathReason(name: string): string | undefined {
  if (name.length === 0) return 'it has no name';
  if (name.includes('\0')) return 'it contains a NUL character';
  if (name.includes('\\')) return 'it contains a backslash, which Windows reads as a folder separator';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'it starts with a drive letter';
  if (name.split('/').includes('..')) return 'it climbs out of the archive with ".."';
  return undefined;
}

export function checkEntryPath(name: string, fileName: string): void {
  const reason = unsafePathReason(name);
  if (reason !== undefined) {
    throw new KfsError(
      'KFS514',
      `${fileName} holds an entry named ${JSON.stringify(name)}, and ${reason}; archives with such entries are refused.`,
      archiveLocation(fileName, name),
    );
  }
}

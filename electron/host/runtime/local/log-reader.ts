// Reading a step's log from a byte offset, at most a chunk at a time, never splitting a UTF-8 character.
import { open } from 'node:fs/promises';
import type { LogChunk } from '../../../../shared/runtime/runtime';

export const MAX_LOG_CHUNK = 1024 * 1024;

/** Where a chunk may end: before an incomplete UTF-8 sequence at the end of `bytes`. */
export function completeUtf8Length(bytes: Uint8Array, length: number): number {
  let back = 0;
  while (back < 3 && length - back - 1 >= 0 && ((bytes[length - back - 1] ?? 0) & 0xc0) === 0x80) back++;
  const leadAt = length - back - 1;
  if (leadAt < 0) return length;
  const lead = bytes[leadAt] ?? 0;
  if (lead < 0xc0) return length;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return back + 1 < need ? leadAt : length;
}

/** The log text from byte `from`; an absent log reads as empty. */
export async function readLogChunk(file: string, from: number, maxBytes = MAX_LOG_CHUNK): Promise<LogChunk> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { text: '', offset: from };
  }
  try {
    const size = (await handle.stat()).size;
    const length = Math.max(0, Math.min(size - from, maxBytes));
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, from);
    const end = completeUtf8Length(buffer, bytesRead);
    return { text: buffer.subarray(0, end).toString('utf8'), offset: from + end };
  } finally {
    await handle.close();
  }
}

// Node's zlib for the archives the host and the CLI read: inflating a large pipeline's .tar.gz natively, and its
// CRC-32, is several times faster than fflate and the CRC in JavaScript. Only a well-formed stream within the cap is
// read here; anything else (a damaged or cut-short member, data after the last one, more than the cap) is left to
// the reference path, so refusals and their messages stay those of shared/archive/gzip.read.ts.
import { crc32, inflateRawSync } from 'node:zlib';
import type { NativeGunzip } from '../../shared/archive';

const TRAILER = 8;
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

/** Where a gzip member's deflate data starts (after its header's optional fields), or -1 when it is not a member. */
function bodyStart(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== 0x1f || bytes[at + 1] !== 0x8b || bytes[at + 2] !== 8) return -1;
  const flags = bytes[at + 3]!;
  let pos = at + 10;
  if (flags & FEXTRA) pos += 2 + (bytes[pos]! | (bytes[pos + 1]! << 8));
  for (const field of [FNAME, FCOMMENT]) {
    if (!(flags & field)) continue;
    while (pos < bytes.length && bytes[pos] !== 0) pos++;
    pos++;
  }
  if (flags & FHCRC) pos += 2;
  return pos < bytes.length ? pos : -1;
}

function members(bytes: Uint8Array, limit: number): ReturnType<NativeGunzip['members']> {
  const parts: Uint8Array[] = [];
  const starts: { inputOffset: number; outputOffset: number }[] = [];
  let total = 0;
  for (let at = 0; at < bytes.length; ) {
    const body = bodyStart(bytes, at);
    if (body < 0) return undefined;
    let result: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      // With `info`, Node also gives the engine, whose bytesWritten is how much input the deflate data took.
      const info = inflateRawSync(bytes.subarray(body), { info: true, maxOutputLength: Math.max(1, limit - total + 1) });
      result = info as unknown as typeof result;
    } catch {
      return undefined;
    }
    const out = result.buffer;
    total += out.length;
    if (total > limit) return undefined;
    parts.push(new Uint8Array(out.buffer, out.byteOffset, out.length));
    at = body + result.engine.bytesWritten + TRAILER;
    if (at > bytes.length) return undefined;
    if (at < bytes.length) starts.push({ inputOffset: at, outputOffset: total });
  }
  if (parts.length === 0) return undefined;
  const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const data = new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
  return { data, members: starts };
}

export const nodeGunzip: NativeGunzip = { members, crc32: (bytes) => crc32(bytes) };

// Inflating under a ceiling: data is pushed in small chunks and the output counted as it comes, so a
// decompression bomb is stopped after at most one chunk's worth (about 1000 x 16 KiB) beyond the cap,
// never after it has been fully expanded in memory.
import { Gunzip, Inflate } from 'fflate';

export const INPUT_CHUNK = 16 * 1024;

/** Thrown (and caught by the readers) when output passes the ceiling. */
export class OutputLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`output passed ${limit} bytes`);
  }
}

export interface Inflated {
  data: Uint8Array;
  /** For gzip: where each member after the first starts in the input, and how much output came before it. */
  members: { inputOffset: number; outputOffset: number }[];
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === total) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function run(stream: Gunzip | Inflate, input: Uint8Array, limit: number, members: Inflated['members']): Inflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  stream.ondata = (chunk) => {
    total += chunk.length;
    if (total > limit) throw new OutputLimitExceeded(limit);
    if (chunk.length > 0) chunks.push(chunk);
  };
  if (stream instanceof Gunzip) {
    stream.onmember = (inputOffset) => members.push({ inputOffset, outputOffset: total });
  }
  if (input.length === 0) stream.push(input, true);
  for (let at = 0; at < input.length; at += INPUT_CHUNK) {
    stream.push(input.subarray(at, at + INPUT_CHUNK), at + INPUT_CHUNK >= input.length);
  }
  return { data: concat(chunks, total), members };
}

/** Raw DEFLATE data, as in a zip entry. Throws fflate's errors on corrupt data, `OutputLimitExceeded` past `limit`. */
export function inflateLimited(input: Uint8Array, limit: number): Uint8Array {
  return run(new Inflate(), input, limit, []).data;
}

/** A gzip stream of one or more members. Checksums are not verified here (fflate does not): see gzip.read. */
export function gunzipLimited(input: Uint8Array, limit: number): Inflated {
  return run(new Gunzip(), input, limit, []);
}

// Builders of hand-made (often hostile) archives for the archive tests. Test-only: nothing else imports it.
import { Deflate, gzipSync, zipSync } from 'fflate';
import type { ZipOptions } from 'fflate';
import type { KfsError } from '../errors/codes';
import { isKfsError } from '../errors/codes';
import { encodeUtf8 } from './utf8';

/** The KfsError `run` throws, or `undefined` when it returns; any other error is rethrown. */
export function errorOf(run: () => unknown): KfsError | undefined {
  try {
    run();
  } catch (error) {
    if (isKfsError(error)) return error;
    throw error;
  }
  return undefined;
}

export function codeOf(run: () => unknown): string | undefined {
  return errorOf(run)?.code;
}

export interface TarSpec {
  name: string;
  /** Typeflag character; '0' by default. */
  type?: string;
  data?: Uint8Array | string;
  linkName?: string;
  /** The ustar prefix field, joined to the name with a slash by readers. */
  prefix?: string;
  /** Store a wrong header checksum. */
  badChecksum?: boolean;
}

function put(block: Uint8Array, at: number, text: string, width: number): void {
  const bytes = encodeUtf8(text);
  if (bytes.length > width) throw new Error(`${text} does not fit in ${width} bytes`);
  block.set(bytes, at);
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** One ustar header block followed by its padded data. */
export function tarRecord(spec: TarSpec): Uint8Array {
  const data = typeof spec.data === 'string' ? encodeUtf8(spec.data) : (spec.data ?? new Uint8Array(0));
  const header = new Uint8Array(512);
  put(header, 0, spec.name, 100);
  put(header, 100, octal(0o644, 8), 8);
  put(header, 108, octal(0, 8), 8);
  put(header, 116, octal(0, 8), 8);
  put(header, 124, octal(data.length, 12), 12);
  put(header, 136, octal(0, 12), 12);
  put(header, 156, spec.type ?? '0', 1);
  put(header, 157, spec.linkName ?? '', 100);
  put(header, 257, 'ustar\x0000', 8);
  put(header, 345, spec.prefix ?? '', 155);
  header.fill(0x20, 148, 156);
  let sum = header.reduce((a, b) => a + b, 0);
  if (spec.badChecksum) sum += 1;
  put(header, 148, `${sum.toString(8).padStart(6, '0')}\0 `, 8);
  const out = new Uint8Array(512 + Math.ceil(data.length / 512) * 512);
  out.set(header);
  out.set(data, 512);
  return out;
}

/** A pax extended header record block setting `records` for the next entry. */
export function paxRecord(records: Record<string, string>): Uint8Array {
  let body = '';
  for (const [key, value] of Object.entries(records)) {
    const rest = ` ${key}=${value}\n`;
    let length = rest.length + 1;
    while (`${length}${rest}`.length !== length) length++;
    body += `${length}${rest}`;
  }
  return tarRecord({ name: 'PaxHeaders/x', type: 'x', data: body });
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A whole tar stream: the records, then the two zero blocks that end an archive. */
export function tarOf(...records: Uint8Array[]): Uint8Array {
  return concatBytes(...records, new Uint8Array(1024));
}

export function tarGzOf(...specs: TarSpec[]): Uint8Array {
  return gzipSync(tarOf(...specs.map(tarRecord)));
}

export function zipOf(files: Record<string, string | Uint8Array | [string | Uint8Array, ZipOptions]>): Uint8Array {
  const input: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [name, value] of Object.entries(files)) {
    const [data, options] = Array.isArray(value) ? value : [value, {}];
    input[name] = [typeof data === 'string' ? encodeUtf8(data) : data, options];
  }
  return zipSync(input);
}

/** The smallest valid zip: an end-of-central-directory record and nothing else. */
export function emptyZip(): Uint8Array {
  const eocd = new Uint8Array(22);
  eocd.set([0x50, 0x4b, 0x05, 0x06]);
  return eocd;
}

/** The first bytes of a PNG file (signature and IHDR), enough for any sniffer. */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

/**
 * Raw DEFLATE data that inflates to `mib` MiB of zero bytes, built in milliseconds: one MiB compressed
 * with a sync flush (so it ends on a byte boundary and is not final) repeated, then an empty final block.
 * Back-references inside each copy point at zeros, which the previous copies also produced.
 */
export function zeroDeflate(mib: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  deflate.push(new Uint8Array(1024 * 1024), false);
  deflate.flush(true);
  const segment = concatBytes(...parts);
  const out = new Uint8Array(segment.length * mib + 5);
  for (let i = 0; i < mib; i++) out.set(segment, i * segment.length);
  out.set([0x01, 0x00, 0x00, 0xff, 0xff], segment.length * mib);
  return out;
}

function u32le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** A gzip member around raw DEFLATE data, with the trailer's CRC and length as given. */
export function gzipMember(deflated: Uint8Array, crc: number, length: number): Uint8Array {
  const header = new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]);
  return concatBytes(header, deflated, new Uint8Array([...u32le(crc), ...u32le(length >>> 0)]));
}

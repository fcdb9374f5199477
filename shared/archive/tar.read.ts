// A strict reader of tar streams, following Go's archive/tar as the KFP backend uses it: header
// checksums verified, the ustar prefix joined to the name, pax and GNU long names applied, data of
// header-only types skipped, a cut-short stream refused. nanotar's parseTar is not used to read: it
// normalises "../" away before we could see it, ignores the ustar prefix, and checks no checksum.
// Every entry is checked (path, type) before any is used.
import { KfsError } from '../errors/codes';
import type { ArchiveLimits } from './archive-format';
import { archiveLocation } from './archive-format';
import type { ArchiveEntry } from './archive-entry';
import { checkEntryPath } from './entry-path';
import { decodeUtf8Lenient } from './utf8';

const BLOCK = 512;
/** Go's cap on pax and GNU long-name records. */
const MAX_SPECIAL_BYTES = 1024 * 1024;

function corrupt(fileName: string, detail: string): KfsError {
  return new KfsError('KFS511', `${fileName} does not hold a valid tar archive: ${detail}.`, archiveLocation(fileName));
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decodeUtf8Lenient(end === -1 ? bytes : bytes.subarray(0, end));
}

/** An octal field (spaces and NULs around it allowed) or a base-256 one; `undefined` when malformed. */
function parseNumber(field: Uint8Array): number | undefined {
  if (field.length > 0 && field[0]! & 0x80) {
    if (field[0]! & 0x40) return undefined; // negative
    let value = field[0]! & 0x3f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return Number.isSafeInteger(value) ? value : undefined;
  }
  const text = String.fromCharCode(...field).replace(/^[ \0]+|[ \0]+$/g, '');
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

function checksumMatches(block: Uint8Array): boolean {
  const stored = parseNumber(block.subarray(148, 156));
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += b;
    signed += b < 128 ? b : b - 256;
  }
  return stored === unsigned || stored === signed;
}

function isZero(block: Uint8Array): boolean {
  return block.every((b) => b === 0);
}

/** pax records: `<length> <key>=<value>\n`, each length counting the whole record. */
function parsePax(data: Uint8Array, fileName: string): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    let space = at;
    while (space < data.length && space - at <= 20 && data[space] !== 0x20) space++;
    const length = Number(String.fromCharCode(...data.subarray(at, space)));
    const end = at + length;
    if (data[space] !== 0x20 || !Number.isInteger(length) || length <= space - at || end > data.length || data[end - 1] !== 0x0a) {
      throw corrupt(fileName, 'a pax extended header is malformed');
    }
    const record = decodeUtf8Lenient(data.subarray(space + 1, end - 1));
    const eq = record.indexOf('=');
    if (eq <= 0) throw corrupt(fileName, 'a pax extended header is malformed');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at = end;
  }
  return records;
}

const LINK_TYPES: Record<string, string> = { '1': 'a hard link', '2': 'a symbolic link' };
const SPECIAL_TYPES: Record<string, string> = {
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a named pipe',
  S: 'a sparse file',
  M: 'a multi-volume continuation',
};
/** Types whose size field Go ignores: no data follows their header. */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

function refuseType(type: string, name: string, linkName: string, fileName: string): void {
  const link = LINK_TYPES[type];
  if (link !== undefined) {
    throw new KfsError(
      'KFS515',
      `${fileName} holds ${link}, ${JSON.stringify(name)} -> ${JSON.stringify(linkName)}; archives with links are refused.`,
      archiveLocation(fileName, name),
    );
  }
  const special = SPECIAL_TYPES[type];
  if (special !== undefined) {
    throw new KfsError('KFS515', `${fileName} holds ${special}, ${JSON.stringify(name)}; only files and folders are accepted.`, archiveLocation(fileName, name));
  }
}

/** The entries of the tar stream `tar`, each already checked. */
export function readTarEntries(tar: Uint8Array, fileName: string, limits: ArchiveLimits): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let at = 0;
  let headers = 0;
  let pax: Map<string, string> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  while (at < tar.length) {
    if (at + BLOCK > tar.length) throw corrupt(fileName, 'it is cut short');
    const block = tar.subarray(at, at + BLOCK);
    if (isZero(block)) {
      // The end: two zero blocks (Go also accepts one at the very end of the stream).
      if (at + BLOCK === tar.length) break;
      if (at + 2 * BLOCK > tar.length) throw corrupt(fileName, 'it is cut short');
      if (isZero(tar.subarray(at + BLOCK, at + 2 * BLOCK))) break;
      throw corrupt(fileName, 'an empty block is followed by more data');
    }
    if (!checksumMatches(block)) {
      const hint = at === 0 && !block.includes(0) ? 'it looks like a single compressed file rather than a tar archive (pack it with tar)' : 'a header checksum does not match';
      throw corrupt(fileName, hint);
    }
    if (++headers > limits.maxEntries) {
      throw new KfsError('KFS517', `${fileName} holds more than ${limits.maxEntries} entries; a pipeline archive needs one.`, archiveLocation(fileName));
    }
    const magic = String.fromCharCode(...block.subarray(257, 265));
    const ustar = magic === 'ustar\x0000';
    const prefix = ustar ? cString(block.subarray(345, 500)) : '';
    const rawName = cString(block.subarray(0, 100));
    let name = prefix ? `${prefix}/${rawName}` : rawName;
    const rawType = String.fromCharCode(block[156]!);
    let size = parseNumber(block.subarray(124, 136));
    if (size === undefined) throw corrupt(fileName, `the size of ${JSON.stringify(name)} is malformed`);
    const dataStart = at + BLOCK;

    if (rawType === 'x' || rawType === 'g' || rawType === 'L' || rawType === 'K') {
      if (size > MAX_SPECIAL_BYTES) throw corrupt(fileName, 'an extended header is too large');
      if (dataStart + size > tar.length) throw corrupt(fileName, 'it is cut short');
      const data = tar.subarray(dataStart, dataStart + size);
      at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
      if (rawType === 'x') {
        pax = parsePax(data, fileName);
        continue;
      }
      if (rawType === 'L' || rawType === 'K') {
        if (rawType === 'L') longName = cString(data);
        else longLink = cString(data);
        continue;
      }
      parsePax(data, fileName); // a global header: checked, then listed as Go lists it
      checkEntryPath(name, fileName);
      entries.push({ name, kind: 'other', read: () => data });
      continue;
    }

    name = pax?.get('path') ?? longName ?? name;
    const linkName = pax?.get('linkpath') ?? longLink ?? cString(block.subarray(157, 257));
    const paxSize = pax?.get('size');
    if (paxSize !== undefined) {
      if (!/^[0-9]+$/.test(paxSize)) throw corrupt(fileName, `the size of ${JSON.stringify(name)} is malformed`);
      size = Number(paxSize);
    }
    if (pax !== undefined && [...pax.keys()].some((key) => key.startsWith('GNU.sparse.'))) {
      refuseType('S', name, linkName, fileName);
    }
    pax = undefined;
    longName = undefined;
    longLink = undefined;

    const type = rawType === '\0' ? (name.endsWith('/') ? '5' : '0') : rawType;
    checkEntryPath(name, fileName);
    refuseType(type, name, linkName, fileName);
    const dataSize = HEADER_ONLY.has(type) ? 0 : size;
    if (dataStart + dataSize > tar.length) throw corrupt(fileName, 'it is cut short');
    const data = tar.subarray(dataStart, dataStart + dataSize);
    entries.push({ name, kind: type === '5' ? 'directory' : 'file', read: () => data });
    at = dataStart + Math.ceil(dataSize / BLOCK) * BLOCK;
  }
  return entries;
}

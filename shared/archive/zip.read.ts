// A strict zip reader, following Go's archive/zip as the KFP backend uses it: the central directory is
// the table of contents, an entry is unpacked only when read, and its size and CRC-32 are checked.
// Every entry is checked (path, link or device, declared size) before any is used.
import { KfsError } from '../errors/codes';
import type { ArchiveLimits } from './archive-format';
import { archiveLocation, formatBytes } from './archive-format';
import type { ArchiveEntry } from './archive-entry';
import { crc32 } from './crc32';
import { checkEntryPath } from './entry-path';
import { inflateLimited, OutputLimitExceeded } from './inflate.guard';
import { decodeUtf8Lenient } from './utf8';

const EOCD_SIG = 0x06054b50;
const EOCD_LEN = 22;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_COMMENT = 0xffff;

const UNIX_TYPES: Record<number, string> = {
  0o120000: 'a symbolic link',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o010000: 'a named pipe',
  0o140000: 'a socket',
};

function corrupt(fileName: string, detail: string, entry?: string): KfsError {
  return new KfsError('KFS511', `${fileName} is not a valid zip file: ${detail}.`, archiveLocation(fileName, entry));
}

class View {
  constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
  ) {}

  need(at: number, length: number): void {
    if (at < 0 || at + length > this.bytes.length) throw corrupt(this.fileName, 'it is cut short');
  }
  u16(at: number): number {
    this.need(at, 2);
    return this.bytes[at]! | (this.bytes[at + 1]! << 8);
  }
  u32(at: number): number {
    this.need(at, 4);
    return (this.u16(at) | (this.u16(at + 2) << 16)) >>> 0;
  }
  u64(at: number): number {
    const value = this.u32(at) + this.u32(at + 4) * 2 ** 32;
    if (!Number.isSafeInteger(value)) throw corrupt(this.fileName, 'a size or offset is out of range');
    return value;
  }
}

interface Directory {
  records: number;
  offset: number;
  size: number;
}

function findDirectory(view: View): Directory {
  const { bytes } = view;
  const lowest = Math.max(0, bytes.length - EOCD_LEN - MAX_COMMENT);
  for (let at = bytes.length - EOCD_LEN; at >= lowest; at--) {
    if (view.u32(at) !== EOCD_SIG || at + EOCD_LEN + view.u16(at + 20) > bytes.length) continue;
    let records = view.u16(at + 10);
    let size = view.u32(at + 12);
    let offset = view.u32(at + 16);
    if ((records === 0xffff || size === 0xffffffff || offset === 0xffffffff) && at >= 20 && view.u32(at - 20) === ZIP64_LOCATOR_SIG) {
      const end64 = view.u64(at - 20 + 8);
      if (view.u32(end64) !== ZIP64_EOCD_SIG) throw corrupt(view.fileName, 'its zip64 directory record is missing');
      records = view.u64(end64 + 32);
      size = view.u64(end64 + 40);
      offset = view.u64(end64 + 48);
    }
    return { records, offset, size };
  }
  throw corrupt(view.fileName, 'its table of contents is missing (it is not a zip file, or it is cut short)');
}

interface Central {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the next record starts. */
  next: number;
}

function readCentral(view: View, at: number, limits: ArchiveLimits): Central {
  if (view.u32(at) !== CENTRAL_SIG) throw corrupt(view.fileName, 'its table of contents is damaged');
  const madeBy = view.u16(at + 4) >> 8;
  const nameLength = view.u16(at + 28);
  const extraLength = view.u16(at + 30);
  const commentLength = view.u16(at + 32);
  view.need(at + 46, nameLength + extraLength + commentLength);
  const name = decodeUtf8Lenient(view.bytes.subarray(at + 46, at + 46 + nameLength));
  checkEntryPath(name, view.fileName);
  if (madeBy === 3 || madeBy === 19) {
    // Unix and macOS zips keep the file mode in the upper half of the external attributes.
    const type = UNIX_TYPES[(view.u32(at + 38) >>> 16) & 0o170000];
    if (type !== undefined) {
      throw new KfsError('KFS515', `${view.fileName} holds ${type}, ${JSON.stringify(name)}; only files and folders are accepted.`, archiveLocation(view.fileName, name));
    }
  }
  let size = view.u32(at + 24);
  let compressedSize = view.u32(at + 20);
  let localOffset = view.u32(at + 42);
  for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength; ) {
    const id = view.u16(extra);
    const length = view.u16(extra + 2);
    let field = extra + 4;
    if (id === 0x0001) {
      if (size === 0xffffffff) {
        size = view.u64(field);
        field += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = view.u64(field);
        field += 8;
      }
      if (localOffset === 0xffffffff) localOffset = view.u64(field);
    }
    extra += 4 + length;
  }
  if (size > limits.maxUnpackedBytes) throw tooLarge(view.fileName, limits.maxUnpackedBytes);
  return {
    name,
    flags: view.u16(at + 8),
    method: view.u16(at + 10),
    crc: view.u32(at + 16),
    compressedSize,
    size,
    localOffset,
    next: at + 46 + nameLength + extraLength + commentLength,
  };
}

function tooLarge(fileName: string, limit: number): KfsError {
  return new KfsError(
    'KFS516',
    `${fileName} unpacks to more than ${formatBytes(limit)}; it was refused to protect the app (a pipeline is far smaller).`,
    archiveLocation(fileName),
  );
}

function readContent(view: View, entry: Central): Uint8Array {
  const { fileName } = view;
  if (entry.flags & 1) throw corrupt(fileName, `${JSON.stringify(entry.name)} is encrypted, which is not supported`, entry.name);
  if (view.u32(entry.localOffset) !== LOCAL_SIG) throw corrupt(fileName, `the header of ${JSON.stringify(entry.name)} is missing`, entry.name);
  const start = entry.localOffset + 30 + view.u16(entry.localOffset + 26) + view.u16(entry.localOffset + 28);
  view.need(start, entry.compressedSize);
  const packed = view.bytes.subarray(start, start + entry.compressedSize);
  let content: Uint8Array;
  if (entry.method === 0) {
    content = packed;
  } else if (entry.method === 8) {
    try {
      content = inflateLimited(packed, entry.size);
    } catch (error) {
      if (error instanceof OutputLimitExceeded) throw corrupt(fileName, `${JSON.stringify(entry.name)} unpacks to more than its recorded size`, entry.name);
      throw corrupt(fileName, `${JSON.stringify(entry.name)} cannot be unpacked (${error instanceof Error ? error.message : String(error)})`, entry.name);
    }
  } else {
    throw corrupt(fileName, `${JSON.stringify(entry.name)} uses compression method ${entry.method}; only stored and deflate are supported`, entry.name);
  }
  if (content.length !== entry.size) throw corrupt(fileName, `${JSON.stringify(entry.name)} does not have its recorded size`, entry.name);
  if (crc32(content) !== entry.crc) throw corrupt(fileName, `the checksum of ${JSON.stringify(entry.name)} does not match its content`, entry.name);
  return content;
}

/** The entries of the zip file `bytes`, each already checked; content is unpacked when read. */
export function readZipEntries(bytes: Uint8Array, fileName: string, limits: ArchiveLimits): ArchiveEntry[] {
  const view = new View(bytes, fileName);
  const directory = findDirectory(view);
  if (directory.records > limits.maxEntries) {
    throw new KfsError('KFS517', `${fileName} holds ${directory.records} entries, more than ${limits.maxEntries}; a pipeline archive needs one.`, archiveLocation(fileName));
  }
  view.need(directory.offset, directory.size);
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let at = directory.offset;
  for (let i = 0; i < directory.records; i++) {
    const central = readCentral(view, at, limits);
    total += central.size;
    if (total > limits.maxUnpackedBytes) throw tooLarge(fileName, limits.maxUnpackedBytes);
    entries.push({ name: central.name, kind: central.name.endsWith('/') ? 'directory' : 'file', read: () => readContent(view, central) });
    at = central.next;
  }
  return entries;
}

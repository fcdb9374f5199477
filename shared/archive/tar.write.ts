// A ustar archive holding one regular file, written in one buffer: the 512-byte header set field by field, the
// data copied with a typed-array set, then the two zero blocks that end an archive, padded to a whole record as
// GNU tar and Go's archive/tar do.
const BLOCK = 512;
const RECORD = 20 * BLOCK;
const END_BLOCKS = 2 * BLOCK;

function writeAscii(header: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) header[at + i] = text.charCodeAt(i);
}

/** An octal number in a field of `width` bytes: zero-padded digits, then a NUL. */
function writeOctal(header: Uint8Array, at: number, width: number, value: number): void {
  writeAscii(header, at, value.toString(8).padStart(width - 1, '0'));
}

export interface TarFile {
  /** ASCII, at most 100 characters (the name field; no prefix or pax record is written). */
  name: string;
  data: Uint8Array;
  /** Unix seconds. */
  mtime: number;
  /** Octal permission bits, e.g. 0o644. */
  mode: number;
}

export type TarEntry = Omit<TarFile, 'data'>;

/** The bytes of a tar holding one file of `size` bytes: header, data padded to a block, end blocks, padded to a record. */
export function tarLength(size: number): number {
  return Math.ceil((BLOCK + Math.ceil(size / BLOCK) * BLOCK + END_BLOCKS) / RECORD) * RECORD;
}

/** The tar's room before a file's data (its header), and at most after it. */
export const TAR_HEADROOM = BLOCK;
export const TAR_TAILROOM = BLOCK + END_BLOCKS + RECORD;

/**
 * The tar of one file whose `size` bytes already lie at byte TAR_HEADROOM of `buffer` (at least tarLength(size)
 * long): the header is written before them and zeros after, so the data is never copied.
 */
export function tarAround(buffer: Uint8Array, entry: TarEntry, size: number): Uint8Array {
  const { name } = entry;
  if (name.length > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new RangeError(`A tar entry name must be 1-100 ASCII characters; got ${JSON.stringify(name)}.`);
  const tar = buffer.subarray(0, tarLength(size));
  tar.fill(0, 0, BLOCK);
  tar.fill(0, BLOCK + size);
  writeAscii(tar, 0, name);
  writeOctal(tar, 100, 8, entry.mode);
  writeOctal(tar, 108, 8, 0); // uid
  writeOctal(tar, 116, 8, 0); // gid
  writeOctal(tar, 124, 12, size);
  writeOctal(tar, 136, 12, entry.mtime);
  tar[156] = 0x30; // '0': a regular file
  writeAscii(tar, 257, 'ustar\u000000'); // magic and version; user and group names stay empty
  // The checksum counts its own field as eight spaces, then is written as six octal digits, NUL, space.
  writeAscii(tar, 148, '        ');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += tar[i] as number;
  writeAscii(tar, 148, `${sum.toString(8).padStart(6, '0')}\u0000 `);
  return tar;
}

export function writeTar(file: TarFile): Uint8Array {
  const buffer = new Uint8Array(tarLength(file.data.length));
  buffer.set(file.data, BLOCK);
  return tarAround(buffer, file, file.data.length);
}

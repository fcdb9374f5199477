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

export function writeTar(file: TarFile): Uint8Array {
  const { name, data } = file;
  if (name.length > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new RangeError(`A tar entry name must be 1-100 ASCII characters; got ${JSON.stringify(name)}.`);
  const dataBlocks = Math.ceil(data.length / BLOCK) * BLOCK;
  const tar = new Uint8Array(Math.ceil((BLOCK + dataBlocks + END_BLOCKS) / RECORD) * RECORD);
  writeAscii(tar, 0, name);
  writeOctal(tar, 100, 8, file.mode);
  writeOctal(tar, 108, 8, 0); // uid
  writeOctal(tar, 116, 8, 0); // gid
  writeOctal(tar, 124, 12, data.length);
  writeOctal(tar, 136, 12, file.mtime);
  tar[156] = 0x30; // '0': a regular file
  writeAscii(tar, 257, 'ustar\u000000'); // magic and version; user and group names stay empty
  // The checksum counts its own field as eight spaces, then is written as six octal digits, NUL, space.
  writeAscii(tar, 148, '        ');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += tar[i] as number;
  writeAscii(tar, 148, `${sum.toString(8).padStart(6, '0')}\u0000 `);
  tar.set(data, BLOCK);
  return tar;
}

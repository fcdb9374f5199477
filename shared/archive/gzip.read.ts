// Gunzip as Go's compress/gzip does for the KFP backend (every member of a multi-member stream, each
// member's CRC-32 and length checked, nothing after the last member), under the unpacked-size cap.
import { KfsError } from '../errors/codes';
import { archiveLocation, formatBytes } from './archive-format';
import { crc32 } from './crc32';
import { gunzipLimited, OutputLimitExceeded, type Inflated } from './inflate.guard';

/**
 * The platform's inflate and CRC-32 (Node's zlib, installed by the host and the CLI: about three times faster than
 * fflate and the CRC in JavaScript). `members` gives what gunzipLimited gives for a well-formed stream within the
 * limit, and undefined for anything else, which fflate then reads to give its refusal: the checks below and their
 * messages are the same on both paths.
 */
export interface NativeGunzip {
  members(bytes: Uint8Array, limit: number): Inflated | undefined;
  crc32(bytes: Uint8Array): number;
}

let native: NativeGunzip | undefined;

/** Installs the platform's gunzip (called once by the host and the CLI); `undefined` goes back to fflate. */
export function useNativeGunzip(gunzip: NativeGunzip | undefined): void {
  native = gunzip;
}

const HEADER_MIN = 10;
const TRAILER = 8;

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function corrupt(fileName: string, detail: string): KfsError {
  return new KfsError('KFS511', `${fileName} is not a valid gzip file: ${detail}.`, archiveLocation(fileName));
}

function tooLarge(fileName: string, limit: number): KfsError {
  return new KfsError(
    'KFS516',
    `${fileName} unpacks to more than ${formatBytes(limit)}; it was refused to protect the app (a pipeline is far smaller).`,
    archiveLocation(fileName),
  );
}

/** The unpacked bytes of the gzip stream `bytes` (a .tar.gz's tar stream). */
export function gunzipChecked(bytes: Uint8Array, fileName: string, maxUnpackedBytes: number): Uint8Array {
  if (bytes.length < HEADER_MIN + TRAILER) throw corrupt(fileName, 'it is cut short');
  // The trailer's length field is not trusted (nor used to stop early: a cut-short file has garbage
  // there); the guard counts what actually comes out.
  let inflated = native?.members(bytes, maxUnpackedBytes);
  if (!inflated) {
    try {
      inflated = gunzipLimited(bytes, maxUnpackedBytes);
    } catch (error) {
      if (error instanceof OutputLimitExceeded) throw tooLarge(fileName, maxUnpackedBytes);
      const reason = error instanceof Error ? error.message : String(error);
      throw corrupt(fileName, reason === 'unexpected EOF' ? 'it is cut short' : reason);
    }
  }
  const checksum = native?.crc32 ?? crc32;
  const { data, members } = inflated;
  const starts = [0, ...members.map((m) => m.inputOffset)];
  const outputStarts = [0, ...members.map((m) => m.outputOffset)];
  for (let i = 0; i < starts.length; i++) {
    const memberEnd = i + 1 < starts.length ? starts[i + 1]! : bytes.length;
    const trailer = memberEnd - TRAILER;
    if (trailer < starts[i]! + HEADER_MIN) throw corrupt(fileName, 'it is cut short');
    const out = data.subarray(outputStarts[i]!, i + 1 < outputStarts.length ? outputStarts[i + 1]! : data.length);
    if (readU32(bytes, trailer) !== checksum(out)) throw corrupt(fileName, 'its checksum does not match its content (it is damaged or cut short)');
    if (readU32(bytes, trailer + 4) !== out.length >>> 0) throw corrupt(fileName, 'its recorded length does not match its content');
  }
  return data;
}

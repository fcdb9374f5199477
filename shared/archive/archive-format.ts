// The four file forms a KFP pipeline travels in, the limits we read them under, and recognising them.
import type { Location } from '../errors/codes';

export type ArchiveFormat = 'tar.gz' | 'zip' | 'yaml' | 'json';

export interface ArchiveLimits {
  /** Largest file accepted, packed: the KFP backend's upload limit. */
  maxFileBytes: number;
  /** Largest total of unpacked data: the whole tar stream, or the sum of a zip's entries. */
  maxUnpackedBytes: number;
  maxEntries: number;
}

const MIB = 1024 * 1024;

export const ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxFileBytes: 32 * MIB,
  maxUnpackedBytes: 32 * MIB,
  maxEntries: 1000,
});

/** The entry the KFP backend looks for first in a tar.gz or zip; also the one we write. */
export const PIPELINE_ENTRY = 'pipeline.yaml';

/** The format a file name says, by its extension (case-insensitive); `undefined` for anything else. */
export function formatFromFileName(name: string): ArchiveFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** As the backend decides which entry is YAML: by the exact, case-sensitive suffix. */
export function isYamlEntryName(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

/** The backend's own test (two signature bytes) for a zip. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** The backend's own test (two signature bytes) for a gzip-compressed tarball. */
export function looksLikeGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

// Only signatures no text file can start with (so that `PKG: x` stays YAML); they just name what was found.
const SIGNATURES: readonly { kind: string; bytes: readonly number[] }[] = [
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a zip archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'an empty zip archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'gzip-compressed data (such as a .tar.gz)', bytes: [0x1f, 0x8b] },
];

/** What well-known binary kind the bytes start like, for messages; `undefined` when none. */
export function describeBinary(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(({ bytes: sig }) => sig.every((b, i) => bytes[i] === b))?.kind;
}

/** The location of a problem in a file, or in one of its entries. */
export function archiveLocation(fileName: string, entry?: string): Location {
  return entry === undefined ? { file: fileName } : { file: fileName, field: entry };
}

export function resolveLimits(limits: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  return { ...ARCHIVE_LIMITS, ...limits };
}

export function formatBytes(n: number): string {
  if (n >= MIB) return `${(n / MIB).toFixed(n % MIB === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}

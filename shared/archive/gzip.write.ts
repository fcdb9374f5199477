// gzip for the archives we write. shared/ cannot reach the platform's native compressor, which is three times
// faster than fflate's deflate in JavaScript: the host and the CLI install Node's zlib at startup
// (electron/host/native-gzip.ts); the renderer passes the browser's CompressionStream to writePipelineArchiveWith
// (renderer/files/browser-gzip.ts). Everything else uses fflate.
import { gzipSync } from 'fflate';

/** One gzip member: no file name, modification time 0, so that the same bytes give the same archive. */
export type Gzip = (data: Uint8Array) => Uint8Array;

/**
 * zlib's fastest levels (1-3) skip lazy matching. Level 3 compresses a pipeline about 2.6x faster than the default
 * level 6 (1,000 tasks: 1.8 against 5 ms, most of what a compile spends past the YAML) for archives 8% larger on
 * the SDK's own pipelines (at most 17%; 1,000 synthetic tasks: 49 against 41 KiB). A pipeline archive is written to
 * a disk or sent to a server once, where those kilobytes cost nothing a person would notice.
 */
export const GZIP_LEVEL = 3;

export const fflateGzip: Gzip = (data) => gzipSync(data, { level: GZIP_LEVEL, mtime: 0 });

let nativeGzip: Gzip | undefined;

/** Installs the platform's gzip (called once by the host and the CLI); `undefined` goes back to fflate. */
export function useNativeGzip(gzip: Gzip | undefined): void {
  nativeGzip = gzip;
}

export function gzip(data: Uint8Array): Uint8Array {
  return (nativeGzip ?? fflateGzip)(data);
}

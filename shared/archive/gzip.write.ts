// gzip for the archives we write. shared/ cannot reach the platform's native compressor, which is three times
// faster than fflate's deflate in JavaScript: the host and the CLI install Node's zlib at startup
// (electron/host/native-gzip.ts); the renderer passes the browser's CompressionStream to writePipelineArchiveWith
// (renderer/files/browser-gzip.ts). Everything else uses fflate.
import { gzipSync } from 'fflate';

/** One gzip member: no file name, modification time 0, so that the same bytes give the same archive. */
export type Gzip = (data: Uint8Array) => Uint8Array;

/** zlib's default level: a third faster than 9 on large pipelines for an archive about 2% larger. */
export const GZIP_LEVEL = 6;

export const fflateGzip: Gzip = (data) => gzipSync(data, { level: GZIP_LEVEL, mtime: 0 });

let nativeGzip: Gzip | undefined;

/** Installs the platform's gzip (called once by the host and the CLI); `undefined` goes back to fflate. */
export function useNativeGzip(gzip: Gzip | undefined): void {
  nativeGzip = gzip;
}

export function gzip(data: Uint8Array): Uint8Array {
  return (nativeGzip ?? fflateGzip)(data);
}

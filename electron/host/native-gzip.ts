// Node's zlib for the archives the host and the CLI write (about three times faster than fflate's deflate in
// JavaScript on a large pipeline) and read (native-gunzip.ts). Installed once, when the host services or the CLI start.
import { gzipSync } from 'node:zlib';
import { useNativeGunzip } from '../../shared/archive/gzip.read';
import { GZIP_LEVEL, useNativeGzip, type Gzip } from '../../shared/archive/gzip.write';
import { nodeGunzip } from './native-gunzip';

export const nodeGzip: Gzip = (data) => {
  const packed = gzipSync(data, { level: GZIP_LEVEL });
  return new Uint8Array(packed.buffer, packed.byteOffset, packed.length);
};

export function installNativeGzip(): void {
  useNativeGzip(nodeGzip);
  useNativeGunzip(nodeGunzip);
}

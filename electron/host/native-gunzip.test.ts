// Reading a .tar.gz with Node's zlib (host, CLI) gives what the reference path (fflate, the renderer's) gives: the same
// text for well-formed streams — one member or several, with the optional header fields real gzip writes — and the
// same refusal, code and message, for damaged, cut-short, trailing-data and oversized ones, which it leaves to fflate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, gzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readPipelineArchive, useNativeGunzip, writePipelineArchive } from '../../shared/archive';
import { concatBytes, gzipMember, tarOf, tarRecord, zeroDeflate } from '../../shared/archive/archive.fixture';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { parseDocument } from '../../shared/model/document.parse';
import { nodeGunzip } from './native-gunzip';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kfs-native-gunzip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => useNativeGunzip(undefined));

const MIB = 1024 * 1024;
const EXAMPLE = path.resolve(import.meta.dirname, '../../resources/examples/condition-loop-local.pipeline.json');
const YAML = irToYaml(compileToIr(parseDocument(readFileSync(EXAMPLE, 'utf8'))));
const TAR = tarOf(tarRecord({ name: 'pipeline.yaml', data: YAML }));

type Outcome = { text: string } | { code: string; message: string };

function outcome(bytes: Uint8Array, limits?: Parameters<typeof readPipelineArchive>[2]): Outcome {
  try {
    return { text: readPipelineArchive(bytes, 'p.tar.gz', limits).text };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

/** The outcome with Node's zlib and with fflate, and whether zlib read the stream itself. */
function both(bytes: Uint8Array, limits?: Parameters<typeof readPipelineArchive>[2]) {
  let readNatively = false;
  useNativeGunzip({
    members: (input, limit) => {
      const result = nodeGunzip.members(input, limit);
      readNatively ||= result !== undefined;
      return result;
    },
    crc32: nodeGunzip.crc32,
  });
  const native = outcome(bytes, limits);
  useNativeGunzip(undefined);
  return { native, reference: outcome(bytes, limits), readNatively };
}

/** The file real gzip writes for the tar, with its name in the header (FNAME). */
function realGzip(): Uint8Array {
  const file = path.join(dir, 'pipeline.tar');
  writeFileSync(file, TAR);
  const result = spawnSync('gzip', ['-kf', '--name', file]);
  if (result.status !== 0) throw new Error(`gzip failed: ${String(result.stderr)}`);
  return readFileSync(`${file}.gz`);
}

/** One member whose header holds FEXTRA, FNAME, FCOMMENT and FHCRC (with a correct header CRC, as Go checks it). */
function withEveryHeaderField(): Uint8Array {
  const text = (value: string) => [...Buffer.from(`${value}\0`, 'latin1')];
  const header = [0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 4, 0, 0x41, 0x42, 2, 0, ...text('pipeline.tar'), ...text('a comment')];
  const headerCrc = crc32(new Uint8Array(header)) & 0xffff;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(TAR), 0);
  trailer.writeUInt32LE(TAR.length, 4);
  return concatBytes(new Uint8Array([...header, headerCrc & 0xff, headerCrc >> 8]), deflateSync(TAR), trailer);
}

describe('a .tar.gz read with the platform gunzip', () => {
  it.each([
    ['one member, as we write it', () => writePipelineArchive(YAML, 'tar.gz')],
    ['several members', () => concatBytes(gzipSync(TAR.subarray(0, 1000)), gzipSync(TAR.subarray(1000, 5000)), gzipSync(TAR.subarray(5000)))],
    ['a header with a file name, from real gzip', realGzip],
    ['a header with every optional field (extra, name, comment, header CRC)', withEveryHeaderField],
  ])('%s: the same text, read by zlib itself', (_, make) => {
    const { native, reference, readNatively } = both(make());
    expect(native).toEqual({ text: YAML });
    expect(reference).toEqual(native);
    expect(readNatively).toBe(true);
  });

  const good = gzipSync(TAR);
  const flip = (at: number, mask = 0xff) => {
    const bytes = good.slice();
    bytes[at] = bytes[at]! ^ mask;
    return bytes;
  };
  it.each([
    ['a damaged deflate stream', () => flip(20)],
    ['a wrong checksum', () => flip(good.length - 8, 1)],
    ['a wrong length', () => flip(good.length - 4, 1)],
    ['a stream cut short in its data', () => good.subarray(0, 40)],
    ['a stream cut short in its trailer', () => good.subarray(0, good.length - 3)],
    ['a header cut short', () => good.subarray(0, 9)],
    ['zeros after the last member', () => concatBytes(good, new Uint8Array(16))],
    ['two bytes after the last member', () => concatBytes(good, new Uint8Array(2))],
    ['a second member cut short', () => concatBytes(good, good.subarray(0, 30))],
  ])('%s: the same refusal', (_, make) => {
    const { native, reference } = both(make());
    expect(native).toEqual(reference);
    expect(native).toMatchObject({ code: 'KFS511' });
  });

  it('refuses what unpacks past the cap as fflate does, lying trailer or not, in one member or several', () => {
    const bomb = zeroDeflate(40);
    for (const bytes of [gzipMember(bomb, 0, 40 * MIB), gzipMember(bomb, 0, 1000), concatBytes(gzipMember(zeroDeflate(20), 0, 1000), gzipMember(zeroDeflate(20), 0, 1000))]) {
      const { native, reference } = both(bytes);
      expect(native).toEqual(reference);
      expect(native).toMatchObject({ code: 'KFS516' });
    }
    const { native, reference } = both(gzipMember(zeroDeflate(3), 0, 1000), { maxUnpackedBytes: 2 * MIB });
    expect(native).toEqual(reference);
    expect(native).toMatchObject({ code: 'KFS516' });
  });
});

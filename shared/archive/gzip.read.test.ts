import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codeOf, concatBytes, errorOf, gzipMember, tarOf, tarRecord, zeroDeflate } from './archive.fixture';
import { readPipelineArchive } from './archive.read';

const YAML = 'pipelineInfo:\n  name: hello\nroot:\n  dag: {}\n';
const TAR = tarOf(tarRecord({ name: 'pipeline.yaml', data: YAML }));
const read = (bytes: Uint8Array, limits?: Parameters<typeof readPipelineArchive>[2]) => readPipelineArchive(bytes, 'p.tar.gz', limits);
const MIB = 1024 * 1024;

describe('gzip layer of a .tar.gz', () => {
  it('reads a stream of several gzip members, as Go does', () => {
    const twoMembers = concatBytes(gzipSync(TAR.subarray(0, 1000)), gzipSync(TAR.subarray(1000)));
    expect(read(twoMembers).text).toBe(YAML);
  });

  it('refuses a damaged deflate stream', () => {
    const bytes = gzipSync(TAR);
    const damaged = bytes.slice();
    damaged[20] = damaged[20]! ^ 0xff;
    damaged[21] = damaged[21]! ^ 0x55;
    expect(codeOf(() => read(damaged))).toBe('KFS511');
  });

  it('refuses a wrong checksum or length in the trailer, which fflate alone would not notice', () => {
    const bytes = gzipSync(TAR);
    const badCrc = bytes.slice();
    badCrc[bytes.length - 8] = badCrc[bytes.length - 8]! ^ 1;
    expect(errorOf(() => read(badCrc))?.message).toContain('checksum');
    const badLength = bytes.slice();
    badLength[bytes.length - 4] = badLength[bytes.length - 4]! ^ 1;
    expect(codeOf(() => read(badLength))).toBe('KFS511');
  });

  it('refuses a gzip cut short anywhere', () => {
    const bytes = gzipSync(TAR);
    for (const end of [3, 10, 25, bytes.length - 9, bytes.length - 4, bytes.length - 1]) {
      expect(codeOf(() => read(bytes.subarray(0, end))), `cut at ${end}`).toBe('KFS511');
    }
  });

  it('refuses data after the last member', () => {
    expect(codeOf(() => read(concatBytes(gzipSync(TAR), new Uint8Array(16))))).toBe('KFS511');
    expect(codeOf(() => read(concatBytes(gzipSync(TAR), new Uint8Array(2))))).toBe('KFS511');
  });
});

describe('decompression bombs', () => {
  // 200 MiB of zeros in about 200 KB.
  const bomb = zeroDeflate(200);

  it('refuses a gzip that unpacks to 200 MiB', () => {
    const bytes = gzipMember(bomb, 0, 200 * MIB);
    expect(bytes.length).toBeLessThan(300_000);
    const error = errorOf(() => read(bytes));
    expect(error?.code).toBe('KFS516');
    expect(error?.message).toContain('32 MiB');
  });

  it('stops inflating soon after 32 MiB when the trailer lies', () => {
    const bytes = gzipMember(bomb, 0, 1000);
    expect(codeOf(() => read(bytes))).toBe('KFS516');
  });

  it('applies a smaller cap when given one', () => {
    const bytes = gzipMember(zeroDeflate(3), 0, 1000);
    expect(codeOf(() => read(bytes, { maxUnpackedBytes: 2 * MIB }))).toBe('KFS516');
  });

  it('counts every member against the cap', () => {
    const member = gzipMember(zeroDeflate(20), 0, 1000);
    expect(codeOf(() => read(concatBytes(member, member)))).toBe('KFS516');
  });
});

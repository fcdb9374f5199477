import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codeOf, concatBytes, emptyZip, errorOf, PNG_BYTES, zeroDeflate, zipOf } from './archive.fixture';
import { readPipelineArchive } from './archive.read';

const YAML = 'pipelineInfo:\n  name: hello\nroot:\n  dag: {}\n';
const read = (bytes: Uint8Array) => readPipelineArchive(bytes, 'p.zip');
const codeFor = (bytes: Uint8Array) => codeOf(() => read(bytes));
const SYMLINK = { os: 3, attrs: ((0o120777 << 16) >>> 0) };

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function setU32(bytes: Uint8Array, at: number, value: number): void {
  bytes.set([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff], at);
}

/** Offset of the first central directory record of a zip with no comment. */
function centralStart(bytes: Uint8Array): number {
  return u32(bytes, bytes.length - 22 + 16);
}

describe('zip: choosing the pipeline entry as the backend does', () => {
  it('takes pipeline.yaml wherever it is', () => {
    const bytes = zipOf({ 'README.md': '# hi', 'pipeline.yaml': YAML });
    expect(read(bytes)).toEqual({ text: YAML, entry: 'pipeline.yaml', format: 'zip' });
  });

  it('takes the first entry when there is no pipeline.yaml, if it is YAML', () => {
    expect(read(zipOf({ 'flow.yml': YAML, 'b.yaml': 'b: 1\n' })).entry).toBe('flow.yml');
  });

  it('refuses a zip whose first entry is a PNG', () => {
    const error = errorOf(() => read(zipOf({ 'logo.png': PNG_BYTES, 'other.yaml': YAML })));
    expect(error?.code).toBe('KFS513');
    expect(error?.message).toContain('logo.png');
  });

  it('refuses a PNG named pipeline.yaml', () => {
    expect(codeFor(zipOf({ 'pipeline.yaml': PNG_BYTES }))).toBe('KFS518');
  });

  it('reads stored (uncompressed) entries', () => {
    expect(read(zipOf({ 'pipeline.yaml': [YAML, { level: 0 }] })).text).toBe(YAML);
  });

  it('refuses an empty zip', () => {
    expect(codeFor(emptyZip())).toBe('KFS512');
  });
});

describe('zip: refusals', () => {
  it('refuses unsafe paths, even in entries it would not use', () => {
    for (const name of ['../evil.sh', 'ok/../../evil.sh', '/etc/passwd', 'C:/evil.dll', 'dir\\evil.sh']) {
      const error = errorOf(() => read(zipOf({ 'pipeline.yaml': YAML, [name]: 'x' })));
      expect(error?.code, name).toBe('KFS514');
      expect(error?.location.field, name).toBe(name);
    }
  });

  it('refuses symbolic links, even unused', () => {
    expect(codeFor(zipOf({ 'pipeline.yaml': YAML, 'link.yaml': ['/etc/passwd', SYMLINK] }))).toBe('KFS515');
  });

  it('refuses a zip cut short', () => {
    const bytes = zipOf({ 'pipeline.yaml': YAML });
    expect(codeFor(bytes.subarray(0, bytes.length - 10))).toBe('KFS511');
    expect(codeFor(bytes.subarray(0, 40))).toBe('KFS511');
  });

  it('refuses content that does not match its checksum', () => {
    const bytes = zipOf({ 'pipeline.yaml': [YAML, { level: 0 }] });
    const damaged = bytes.slice();
    damaged[30 + 'pipeline.yaml'.length + 3] = 0x41;
    expect(errorOf(() => read(damaged))?.message).toContain('checksum');
  });

  it('refuses a damaged deflate stream', () => {
    const bytes = zipOf({ 'pipeline.yaml': YAML.repeat(50) });
    const damaged = bytes.slice();
    for (let i = 0; i < 8; i++) damaged[30 + 'pipeline.yaml'.length + 2 + i] = 0xff;
    expect(codeFor(damaged)).toBe('KFS511');
  });

  it('refuses compression methods other than stored and deflate, and encryption', () => {
    const bytes = zipOf({ 'pipeline.yaml': YAML });
    const bzip2 = bytes.slice();
    bzip2[centralStart(bytes) + 10] = 12;
    expect(errorOf(() => read(bzip2))?.message).toContain('method 12');
    const encrypted = bytes.slice();
    encrypted[centralStart(bytes) + 8] = encrypted[centralStart(bytes) + 8]! | 1;
    expect(errorOf(() => read(encrypted))?.message).toContain('encrypted');
  });

  it('refuses more than 1000 entries', () => {
    const files = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.yaml`, [new Uint8Array(0), { level: 0 }] as const]));
    expect(codeFor(zipOf(files as Record<string, [Uint8Array, { level: 0 }]>))).toBe('KFS517');
  });

  it('refuses entries whose recorded sizes add up to over 32 MiB, before unpacking any', () => {
    const bytes = zipOf({ 'pipeline.yaml': YAML, 'data.bin': new Uint8Array(0) });
    const central = centralStart(bytes);
    const second = central + 46 + 'pipeline.yaml'.length;
    setU32(bytes, second + 24, 40 * 1024 * 1024);
    expect(codeFor(bytes)).toBe('KFS516');
  });

  it('stops unpacking a 200 MiB bomb that claims to be small', () => {
    // A zip entry of 200 MiB of zeros whose recorded size is a few bytes.
    const name = strToU8('pipeline.yaml');
    const data = zeroDeflate(200);
    const local = new Uint8Array(30);
    setU32(local, 0, 0x04034b50);
    local.set([20, 0, 0, 0, 8, 0], 4);
    setU32(local, 18, data.length);
    setU32(local, 22, 100);
    local.set([name.length, 0], 26);
    const central = new Uint8Array(46);
    setU32(central, 0, 0x02014b50);
    central.set([20, 3, 20, 0, 0, 0, 8, 0], 4);
    setU32(central, 20, data.length);
    setU32(central, 24, 100);
    central.set([name.length, 0], 28);
    const directoryOffset = local.length + name.length + data.length;
    const end = new Uint8Array(22);
    setU32(end, 0, 0x06054b50);
    end.set([1, 0, 1, 0], 8);
    setU32(end, 12, central.length + name.length);
    setU32(end, 16, directoryOffset);
    const bytes = concatBytes(local, name, data, central, name, end);
    const error = errorOf(() => read(bytes));
    expect(error?.code).toBe('KFS511');
    expect(error?.message).toContain('more than its recorded size');
  });
});

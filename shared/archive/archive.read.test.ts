import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatFromFileName } from './archive-format';
import { codeOf, errorOf, PNG_BYTES, tarGzOf, zipOf } from './archive.fixture';
import { readPipelineArchive } from './archive.read';

const YAML = 'pipelineInfo:\n  name: hello\nroot:\n  dag: {}\nschemaVersion: 2.1.0\n';

describe('formatFromFileName', () => {
  it('knows the extensions the KFP backend takes, in any case', () => {
    expect(formatFromFileName('p.tar.gz')).toBe('tar.gz');
    expect(formatFromFileName('p.tgz')).toBe('tar.gz');
    expect(formatFromFileName('dir/p.ZIP')).toBe('zip');
    expect(formatFromFileName('p.yaml')).toBe('yaml');
    expect(formatFromFileName('P.YML')).toBe('yaml');
    expect(formatFromFileName('p.json')).toBe('json');
    expect(formatFromFileName('p.gz')).toBeUndefined();
    expect(formatFromFileName('p.png')).toBeUndefined();
    expect(formatFromFileName('yaml')).toBeUndefined();
  });
});

describe('readPipelineArchive: text files', () => {
  it('reads .yaml, .yml and .json as their text', () => {
    expect(readPipelineArchive(strToU8(YAML), 'p.yaml')).toEqual({ text: YAML, format: 'yaml' });
    expect(readPipelineArchive(strToU8(YAML), 'p.yml').format).toBe('yaml');
    expect(readPipelineArchive(strToU8('{"a": 1}'), 'p.json')).toEqual({ text: '{"a": 1}', format: 'json' });
  });

  it('drops a UTF-8 byte-order mark and keeps non-ASCII text', () => {
    const text = 'name: café ✓\n';
    expect(readPipelineArchive(new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)]), 'p.yaml').text).toBe(text);
  });

  it('refuses a PNG named .yaml, saying what it is', () => {
    const error = errorOf(() => readPipelineArchive(PNG_BYTES, 'pipeline.yaml'));
    expect(error?.code).toBe('KFS518');
    expect(error?.message).toContain('PNG');
    expect(error?.location.file).toBe('pipeline.yaml');
  });

  it('refuses an archive named .yaml', () => {
    expect(errorOf(() => readPipelineArchive(tarGzOf({ name: 'pipeline.yaml', data: YAML }), 'p.yaml'))?.message).toContain('gzip');
    expect(codeOf(() => readPipelineArchive(zipOf({ 'pipeline.yaml': YAML }), 'p.yml'))).toBe('KFS518');
  });

  it('takes YAML that happens to start like a zip signature', () => {
    expect(readPipelineArchive(strToU8('PK: 1\n'), 'p.yaml').text).toBe('PK: 1\n');
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(codeOf(() => readPipelineArchive(new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]), 'latin1.yaml'))).toBe('KFS518');
    expect(codeOf(() => readPipelineArchive(new Uint8Array([0xed, 0xa0, 0x80]), 'surrogate.yaml'))).toBe('KFS518');
    expect(codeOf(() => readPipelineArchive(new Uint8Array([0xc0, 0xaf]), 'overlong.json'))).toBe('KFS518');
  });

  it('refuses control characters, with their line and column', () => {
    const error = errorOf(() => readPipelineArchive(strToU8('a: 1\nb: x\u0000y\n'), 'nul.yaml'));
    expect(error?.code).toBe('KFS518');
    expect(error?.location).toMatchObject({ file: 'nul.yaml', line: 2, column: 5 });
  });

  it('refuses an empty or blank file', () => {
    expect(codeOf(() => readPipelineArchive(new Uint8Array(0), 'p.yaml'))).toBe('KFS512');
    expect(codeOf(() => readPipelineArchive(strToU8('  \n\t\n'), 'p.json'))).toBe('KFS512');
    expect(codeOf(() => readPipelineArchive(new Uint8Array(0), 'p.zip'))).toBe('KFS512');
  });

  it('refuses a file over 32 MiB, the backend upload limit, before looking inside', () => {
    const big = new Uint8Array(32 * 1024 * 1024 + 1).fill(0x20);
    expect(codeOf(() => readPipelineArchive(big, 'big.yaml'))).toBe('KFS501');
    expect(codeOf(() => readPipelineArchive(big.subarray(0, 100), 'p.yaml', { maxFileBytes: 99 }))).toBe('KFS501');
  });
});

describe('readPipelineArchive: which format', () => {
  it('refuses other names whose content is no archive', () => {
    expect(codeOf(() => readPipelineArchive(strToU8(YAML), 'pipeline.txt'))).toBe('KFS510');
    expect(codeOf(() => readPipelineArchive(PNG_BYTES, 'pipeline.png'))).toBe('KFS510');
  });

  it('refuses a .zip or .tar.gz that is really text, saying so', () => {
    const error = errorOf(() => readPipelineArchive(strToU8(YAML), 'pipeline.zip'));
    expect(error?.code).toBe('KFS510');
    expect(error?.message).toContain('not a zip archive');
    expect(codeOf(() => readPipelineArchive(strToU8(YAML), 'pipeline.tar.gz'))).toBe('KFS510');
  });

  it('goes by content for archives, whatever the name, as the backend does', () => {
    const zip = zipOf({ 'pipeline.yaml': YAML });
    const tgz = tarGzOf({ name: 'pipeline.yaml', data: YAML });
    expect(readPipelineArchive(zip, 'pipeline.tar.gz')).toEqual({ text: YAML, entry: 'pipeline.yaml', format: 'zip' });
    expect(readPipelineArchive(tgz, 'pipeline.zip').format).toBe('tar.gz');
    expect(readPipelineArchive(tgz, 'upload.bin').format).toBe('tar.gz');
  });

  it('refuses a gzip of a single YAML file, which is no tar archive', () => {
    const error = errorOf(() => readPipelineArchive(gzipSync(strToU8(YAML.repeat(20))), 'pipeline.tar.gz'));
    expect(error?.code).toBe('KFS511');
    expect(error?.message).toContain('single compressed file');
  });
});

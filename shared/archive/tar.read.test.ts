import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { codeOf, errorOf, paxRecord, PNG_BYTES, tarGzOf, tarOf, tarRecord } from './archive.fixture';
import { readPipelineArchive } from './archive.read';

const YAML = 'pipelineInfo:\n  name: hello\nroot:\n  dag: {}\n';
const read = (bytes: Uint8Array) => readPipelineArchive(bytes, 'p.tar.gz');
const codeFor = (bytes: Uint8Array) => codeOf(() => read(bytes));

describe('tar.gz: choosing the pipeline entry as the backend does', () => {
  it('takes pipeline.yaml wherever it is', () => {
    const bytes = tarGzOf({ name: 'docs/', type: '5' }, { name: 'component.yaml', data: 'x: 1\n' }, { name: 'pipeline.yaml', data: YAML });
    expect(read(bytes)).toEqual({ text: YAML, entry: 'pipeline.yaml', format: 'tar.gz' });
  });

  it('takes the first entry when there is no pipeline.yaml, if it is YAML', () => {
    expect(read(tarGzOf({ name: 'my-pipeline.yml', data: YAML }, { name: 'other.yaml', data: 'b: 2\n' })).entry).toBe('my-pipeline.yml');
  });

  it('refuses an archive whose first entry is not YAML', () => {
    const error = errorOf(() => read(tarGzOf({ name: 'README.md', data: '# hi' }, { name: 'p.yaml', data: YAML })));
    expect(error?.code).toBe('KFS513');
    expect(error?.message).toContain('README.md');
  });

  it('matches the name exactly: ./pipeline.yaml is not pipeline.yaml (tar -C dir . packs that way)', () => {
    const bytes = tarGzOf({ name: './', type: '5' }, { name: './pipeline.yaml', data: YAML });
    expect(codeFor(bytes)).toBe('KFS513');
  });

  it('joins the ustar prefix to the name, as Go does', () => {
    const bytes = tarGzOf({ name: 'pipeline.yaml', prefix: 'sub', data: YAML }, { name: 'x.yaml', data: 'a: 1\n' });
    expect(read(bytes).entry).toBe('sub/pipeline.yaml');
  });

  it('reads a pax path and a GNU long name', () => {
    const long = `${'d'.repeat(120)}/pipeline.yaml`;
    expect(read(gzipSync(tarOf(paxRecord({ path: 'pipeline.yaml' }), tarRecord({ name: 'ignored.txt', data: YAML })))).entry).toBe('pipeline.yaml');
    expect(read(gzipSync(tarOf(tarRecord({ name: '././@LongLink', type: 'L', data: `${long}\0` }), tarRecord({ name: 'short.yaml', data: YAML })))).entry).toBe(long);
  });

  it('reads an archive nanotar writes', () => {
    const tar = createTar([{ name: 'pipeline.yaml', data: YAML }], { attrs: { mtime: 0 } });
    expect(read(gzipSync(tar)).text).toBe(YAML);
  });

  it('refuses a pipeline.yaml that is not text', () => {
    expect(codeFor(tarGzOf({ name: 'pipeline.yaml', data: PNG_BYTES }))).toBe('KFS518');
  });

  it('refuses a folder named like the pipeline', () => {
    expect(codeFor(tarGzOf({ name: 'pipeline.yaml', type: '5' }))).toBe('KFS513');
  });
});

describe('tar.gz: refusals', () => {
  it('refuses an empty archive', () => {
    expect(codeFor(gzipSync(new Uint8Array(1024)))).toBe('KFS512');
    expect(codeFor(gzipSync(new Uint8Array(0)))).toBe('KFS512');
  });

  it('refuses unsafe paths, even in entries it would not use', () => {
    const good = { name: 'pipeline.yaml', data: YAML };
    for (const name of ['../evil.sh', 'a/../../evil.sh', '/etc/cron.d/evil', 'C:/Windows/evil.dll', 'c:evil', 'dir\\..\\evil.sh']) {
      const error = errorOf(() => read(tarGzOf(good, { name, data: 'x' })));
      expect(error?.code, name).toBe('KFS514');
      expect(error?.location.field, name).toBe(name);
    }
  });

  it('refuses unsafe paths hidden in the ustar prefix, a pax path or a GNU long name', () => {
    expect(codeFor(tarGzOf({ name: 'pipeline.yaml', data: YAML }, { name: 'evil.sh', prefix: '../..', data: 'x' }))).toBe('KFS514');
    expect(codeFor(gzipSync(tarOf(paxRecord({ path: '../evil.yaml' }), tarRecord({ name: 'pipeline.yaml', data: YAML }))))).toBe('KFS514');
    expect(codeFor(gzipSync(tarOf(tarRecord({ name: '././@LongLink', type: 'L', data: '/etc/passwd\0' }), tarRecord({ name: 'pipeline.yaml', data: YAML }))))).toBe('KFS514');
  });

  it('refuses links and devices, even unused', () => {
    const good = { name: 'pipeline.yaml', data: YAML };
    expect(codeFor(tarGzOf(good, { name: 'passwd.yaml', type: '2', linkName: '/etc/passwd' }))).toBe('KFS515');
    expect(codeFor(tarGzOf({ name: 'pipeline.yaml', type: '1', linkName: 'other.yaml' }, { name: 'other.yaml', data: YAML }))).toBe('KFS515');
    expect(codeFor(tarGzOf(good, { name: 'fifo', type: '6' }))).toBe('KFS515');
    expect(codeFor(tarGzOf(good, { name: 'tty', type: '3' }))).toBe('KFS515');
  });

  it('refuses a truncated tar', () => {
    const tar = tarOf(tarRecord({ name: 'pipeline.yaml', data: YAML.repeat(40) }));
    const error = errorOf(() => read(gzipSync(tar.subarray(0, 700))));
    expect(error?.code).toBe('KFS511');
    expect(error?.message).toContain('cut short');
    expect(codeFor(gzipSync(tar.subarray(0, 300)))).toBe('KFS511');
  });

  it('refuses a header whose checksum does not match', () => {
    expect(codeFor(tarGzOf({ name: 'pipeline.yaml', data: YAML, badChecksum: true }))).toBe('KFS511');
  });

  it('refuses a malformed pax header', () => {
    const broken = tarRecord({ name: 'PaxHeaders/x', type: 'x', data: '99 path=pipeline.yaml\n' });
    expect(codeFor(gzipSync(tarOf(broken, tarRecord({ name: 'pipeline.yaml', data: YAML }))))).toBe('KFS511');
  });

  it('refuses more than 1000 entries', () => {
    const specs = Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.yaml`, data: '' }));
    expect(codeFor(tarGzOf(...specs))).toBe('KFS517');
    expect(read(tarGzOf(...specs.slice(0, 999), { name: 'pipeline.yaml', data: YAML })).entry).toBe('pipeline.yaml');
  });
});

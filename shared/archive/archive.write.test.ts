import { gunzipSync, strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadYamlDocuments } from '../yaml/safe-load';
import type { ArchiveFormat } from './archive-format';
import { codeOf, errorOf } from './archive.fixture';
import { readPipelineArchive } from './archive.read';
import { DEFAULT_ARCHIVE_MTIME, writePipelineArchive, writePipelineArchiveWith, writePipelineJson, type AsyncGzip } from './archive.write';
import { fflateGzip } from './gzip.write';
import { decodeUtf8Strict } from './utf8';
import { yamlStreamBytes } from '../yaml/yaml-block.write';

const PIPELINE = `# PIPELINE DEFINITION
# Name: café-pipeline
components:
  comp-echo:
    executorLabel: exec-echo
deploymentSpec:
  executors:
    exec-echo:
      container:
        args: ["héllo wörld ✓ 漢字"]
        image: python:3.12
pipelineInfo:
  name: cafe-pipeline
root:
  dag:
    tasks: {}
schemaVersion: 2.1.0
sdkVersion: kfp-2.13.0
`;

const WITH_PLATFORM = `${PIPELINE}---
platforms:
  kubernetes:
    deploymentSpec:
      executors:
        exec-echo:
          nodeSelector:
            labels:
              disk: ssd
`;

const FORMATS: ArchiveFormat[] = ['tar.gz', 'zip', 'yaml', 'json'];

/** The tar header fields of the single entry in a .tar.gz, read by hand. */
function tarHeader(bytes: Uint8Array) {
  const tar = gunzipSync(bytes);
  const field = (at: number, width: number) => String.fromCharCode(...tar.subarray(at, at + width)).replace(/\0.*$/s, '');
  return { tar, name: field(0, 100), mtime: parseInt(field(136, 12), 8), size: parseInt(field(124, 12), 8), type: field(156, 1) };
}

describe('writePipelineArchive round trips', () => {
  for (const format of FORMATS.filter((f) => f !== 'json')) {
    it(`gives back the same text from ${format}`, () => {
      const bytes = writePipelineArchive(PIPELINE, format);
      const read = readPipelineArchive(bytes, `pipeline.${format}`);
      expect(read.text).toBe(PIPELINE);
      expect(read.format).toBe(format);
      expect(read.entry).toBe(format === 'yaml' ? undefined : 'pipeline.yaml');
    });
  }

  it('writes json that reads back as the same documents', () => {
    const bytes = writePipelineArchive(PIPELINE, 'json');
    const read = readPipelineArchive(bytes, 'pipeline.json');
    expect(read.format).toBe('json');
    expect(JSON.parse(read.text)).toEqual(loadYamlDocuments(PIPELINE)[0]);
  });

  it('keeps a PlatformSpec in every format', () => {
    for (const format of FORMATS) {
      const read = readPipelineArchive(writePipelineArchive(WITH_PLATFORM, format), `p.${format}`);
      expect(loadYamlDocuments(read.text)).toEqual(loadYamlDocuments(WITH_PLATFORM));
    }
  });
});

describe('archive layout', () => {
  it('puts one regular file named pipeline.yaml in the tar.gz, dated 1980-01-01 by default, ending with zero blocks', () => {
    const bytes = writePipelineArchive(PIPELINE, 'tar.gz');
    const header = tarHeader(bytes);
    expect(header.name).toBe('pipeline.yaml');
    expect(header.type).toBe('0');
    expect(header.size).toBe(strToU8(PIPELINE).length);
    expect(header.mtime).toBe(Date.UTC(1980, 0, 1) / 1000);
    expect(header.tar.subarray(-1024).every((b) => b === 0)).toBe(true);
    expect([...bytes.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // no gzip timestamp
  });

  it('adds end-of-archive blocks even when the data fills the tar record exactly', () => {
    const exact = 'a: b\n'.padEnd(10240 - 512, '#');
    const { tar } = tarHeader(writePipelineArchive(exact, 'tar.gz'));
    expect(tar.length - 512 - exact.length).toBeGreaterThanOrEqual(1024);
    expect(readPipelineArchive(writePipelineArchive(exact, 'tar.gz'), 'x.tar.gz').text).toBe(exact);
  });

  it('puts exactly one entry named pipeline.yaml in the zip', () => {
    const files = unzipSync(writePipelineArchive(PIPELINE, 'zip'));
    expect(Object.keys(files)).toEqual(['pipeline.yaml']);
    expect(decodeUtf8Strict(files['pipeline.yaml']!)).toBe(PIPELINE);
  });

  it('writes yaml as the UTF-8 bytes of the text', () => {
    expect(writePipelineArchive(PIPELINE, 'yaml')).toEqual(strToU8(PIPELINE));
  });
});

describe('determinism', () => {
  for (const format of FORMATS) {
    it(`gives the same ${format} bytes for the same pipeline`, () => {
      expect(writePipelineArchive(PIPELINE, format)).toEqual(writePipelineArchive(PIPELINE, format));
      expect(writePipelineArchive(PIPELINE, format, { mtime: DEFAULT_ARCHIVE_MTIME })).toEqual(writePipelineArchive(PIPELINE, format));
    });
  }

  it('records a given modification time in tar.gz and zip', () => {
    const mtime = new Date(Date.UTC(2024, 4, 17, 13, 45, 10));
    expect(tarHeader(writePipelineArchive(PIPELINE, 'tar.gz', { mtime })).mtime).toBe(mtime.getTime() / 1000);
    const zip = writePipelineArchive(PIPELINE, 'zip', { mtime });
    const dosTime = zip[10]! | (zip[11]! << 8);
    const dosDate = zip[12]! | (zip[13]! << 8);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2024, 5, 17]);
    expect([dosTime >> 11, (dosTime >> 5) & 63, (dosTime & 31) * 2]).toEqual([13, 45, 10]);
  });

  it('refuses a modification time a zip cannot hold', () => {
    expect(() => writePipelineArchive(PIPELINE, 'zip', { mtime: new Date(0) })).toThrow(RangeError);
  });
});

describe('writePipelineJson', () => {
  it('writes one document as plain JSON with sorted keys, as the KFP SDK does', () => {
    const text = strFromU8(writePipelineJson([{ root: { dag: {} }, pipelineInfo: { name: 'p' }, components: {} }]));
    expect(JSON.parse(text)).toEqual({ components: {}, pipelineInfo: { name: 'p' }, root: { dag: {} } });
    expect(text.indexOf('"components"')).toBeLessThan(text.indexOf('"pipelineInfo"'));
    expect(text.indexOf('"pipelineInfo"')).toBeLessThan(text.indexOf('"root"'));
    expect(text).toContain('\n  "pipelineInfo": {\n    "name": "p"\n  },');
  });

  it('writes a PipelineSpec and a PlatformSpec as two JSON documents in one YAML stream', () => {
    const docs = [{ pipelineInfo: { name: 'p' } }, { platforms: { kubernetes: {} } }];
    const text = strFromU8(writePipelineJson(docs));
    const [first, second] = text.split('\n---\n');
    expect(JSON.parse(first!)).toEqual(docs[0]);
    expect(JSON.parse(second!)).toEqual(docs[1]);
    expect(loadYamlDocuments(text)).toEqual(docs);
  });

  it('refuses values JSON cannot hold, naming where they are', () => {
    expect(codeOf(() => writePipelineJson([{ a: { b: Number.NaN } }]))).toBe('KFS519');
    expect(codeOf(() => writePipelineJson([{ a: 1n }]))).toBe('KFS519');
    expect(codeOf(() => writePipelineJson([{ a: new Map() }]))).toBe('KFS519');
    expect(codeOf(() => writePipelineJson([{ a: [1, undefined] }]))).toBe('KFS519');
    const loop: Record<string, unknown> = {};
    loop.self = { loop };
    expect(codeOf(() => writePipelineJson([loop]))).toBe('KFS519');
    expect(errorOf(() => writePipelineJson([{ spec: { limits: [1, Infinity] } }]))?.location.field).toBe('spec.limits[1]');
  });

  it('leaves out undefined properties, as JSON.stringify does', () => {
    const text = strFromU8(writePipelineJson([{ a: 1, b: undefined }]));
    expect(JSON.parse(text)).toEqual({ a: 1 });
  });

  it('refuses nothing to write', () => {
    expect(codeOf(() => writePipelineJson([]))).toBe('KFS512');
    expect(codeOf(() => writePipelineArchive('# only a comment\n', 'json'))).toBe('KFS512');
  });

  it('refuses YAML whose aliases would expand beyond any real pipeline', () => {
    const lines = ['a0: &a0 ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx"]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const code = codeOf(() => writePipelineArchive(lines.join('\n'), 'json'));
    expect(['KFS501', 'KFS502']).toContain(code);
  });

  it('refuses YAML it cannot parse', () => {
    expect(codeOf(() => writePipelineArchive('a: [1, 2', 'json'))).toBe('KFS410');
  });
});

describe('writing a YAML stream straight into the archive', () => {
  const stream = (tasks: number) => ({
    header: '# PIPELINE DEFINITION\n# Name: streamed\n',
    documents: [{ pipelineInfo: { name: 'streamed ✓' }, root: { dag: { tasks: Object.fromEntries(Array.from({ length: tasks }, (_, i) => [`task-${i}`, { taskInfo: { name: `task-${i}` } }])) } } }],
  });

  it('gives the same bytes in every format as the stream written out first', () => {
    for (const format of ['tar.gz', 'zip', 'yaml', 'json'] as ArchiveFormat[]) {
      expect(writePipelineArchive(stream(3), format)).toEqual(writePipelineArchive(yamlStreamBytes(stream(3)), format));
    }
  });

  it('gives a compressor that runs later a tar of its own (another archive written meanwhile leaves it whole)', async () => {
    const later: AsyncGzip = async (tar) => {
      await Promise.resolve();
      writePipelineArchive(stream(5000), 'tar.gz');
      return fflateGzip(tar);
    };
    expect(await writePipelineArchiveWith(later, stream(3), 'tar.gz')).toEqual(writePipelineArchive(yamlStreamBytes(stream(3)), 'tar.gz'));
  });

  it('leaves nothing of a larger pipeline written before in the tar after a smaller one', () => {
    writePipelineArchive(stream(5000), 'tar.gz');
    const small = writePipelineArchive(stream(2), 'tar.gz');
    expect(small).toEqual(writePipelineArchive(yamlStreamBytes(stream(2)), 'tar.gz'));
    expect(readPipelineArchive(small, 'p.tar.gz').text).toBe(strFromU8(yamlStreamBytes(stream(2))));
  });
});

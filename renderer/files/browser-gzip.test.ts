// A .tar.gz compiled in the browser with its own gzip (CompressionStream) holds the same tar as the fflate one,
// opens in the app's reader, and is what the Compile dialog downloads when the browser has CompressionStream.
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { bundledExample } from '../test-host';
import { browserGzip, hasBrowserGzip } from './browser-gzip';
import { buildPipeline } from '../../shared/build/build-pipeline';
import { compilePipeline } from './compile-pipeline';

describe.skipIf(!hasBrowserGzip())('compiling with the browser gzip', () => {
  it('writes a tar.gz our reader opens, holding the same tar as fflate writes', async () => {
    const example = bundledExample('classic');
    const native = await compilePipeline(example, 'tar.gz');
    const fallback = buildPipeline(example, 'tar.gz');
    if (!native.ok || !fallback.ok) throw new Error('the example should compile');
    expect(native.bytes).not.toEqual(fallback.output); // another compressor was used
    expect(gunzipSync(native.bytes)).toEqual(gunzipSync(fallback.output));
    expect(readPipelineArchive(native.bytes, native.fileName).text).toBe(irToYaml(compileToIr(example)));
    expect([native.fileName, native.mime, native.taskCount]).toEqual(['classic-pipeline.tar.gz', 'application/gzip', Object.keys(example.graph.tasks).length]);
  });

  it('compresses any bytes to a gzip member fflate reads back', async () => {
    const data = new Uint8Array(100_000).map((_, i) => (i * 7) % 251);
    expect(gunzipSync(await browserGzip(data))).toEqual(data);
    expect(gunzipSync(await browserGzip(new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it('keeps the other formats and the refusals of the build path', async () => {
    const example = bundledExample('classic');
    const zip = await compilePipeline(example, 'zip');
    const built = buildPipeline(example, 'zip');
    if (!zip.ok || !built.ok) throw new Error('the example should compile');
    expect(zip.bytes).toEqual(built.output);
    const broken = { ...example, name: 'Not A Valid Name!' };
    const refused = buildPipeline(broken, 'tar.gz');
    expect(await compilePipeline(broken, 'tar.gz')).toEqual({ ok: false, errors: refused.ok ? [] : refused.errors });
  });
});

// A .tar.gz compiled in the browser with its own gzip (CompressionStream) holds the same tar as the fflate one,
// opens in the app's reader, and is what the Compile dialog downloads when the browser has CompressionStream.
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { bundledExample } from '../test-host';
import { browserGzip, hasBrowserGzip } from './browser-gzip';
import { compilePipeline, compilePipelineNative } from './compile-pipeline';

describe.skipIf(!hasBrowserGzip())('compiling with the browser gzip', () => {
  it('writes a tar.gz our reader opens, holding the same tar as fflate writes', async () => {
    const example = bundledExample('classic');
    const native = await compilePipelineNative(example, 'tar.gz');
    const fallback = compilePipeline(example, 'tar.gz');
    if (!native.ok || !fallback.ok) throw new Error('the example should compile');
    expect(native.bytes).not.toEqual(fallback.bytes); // another compressor was used
    expect(gunzipSync(native.bytes)).toEqual(gunzipSync(fallback.bytes));
    expect(readPipelineArchive(native.bytes, native.fileName).text).toBe(irToYaml(compileToIr(example)));
    expect([native.fileName, native.mime, native.taskCount]).toEqual([fallback.fileName, fallback.mime, fallback.taskCount]);
  });

  it('compresses any bytes to a gzip member fflate reads back', async () => {
    const data = new Uint8Array(100_000).map((_, i) => (i * 7) % 251);
    expect(gunzipSync(await browserGzip(data))).toEqual(data);
    expect(gunzipSync(await browserGzip(new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it('keeps the other formats and the refusals of compilePipeline', async () => {
    const example = bundledExample('classic');
    expect(await compilePipelineNative(example, 'zip')).toEqual(compilePipeline(example, 'zip'));
    const broken = { ...example, name: 'Not A Valid Name!' };
    expect(await compilePipelineNative(broken, 'tar.gz')).toEqual(compilePipeline(broken, 'tar.gz'));
  });
});

// The .tar.gz the host and the CLI write (our tar header, Node's zlib) and the one the renderer writes (the same
// header, fflate) are read by the app's own reader and by the real `tar` and `gzip` commands, and hold the same tar.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readPipelineArchive, useNativeGzip, writePipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { parseDocument } from '../../shared/model/document.parse';
import { installNativeGzip, nodeGzip } from './native-gzip';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kfs-native-gzip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => useNativeGzip(undefined));

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const EXAMPLE = path.resolve(import.meta.dirname, '../../resources/examples/condition-loop-local.pipeline.json');
const PIPELINE = irToYaml(compileToIr(parseDocument(readFileSync(EXAMPLE, 'utf8'))));
const UNICODE = `${PIPELINE}# héllo wörld ✓ 漢字 😀\n`;
/** Data that fills a tar record exactly, so the end-of-archive blocks need a record of their own. */
const EXACT = 'a: b\n'.padEnd(10240 - 512, '#');

function writeBoth(text: string): { native: Uint8Array; fallback: Uint8Array } {
  const fallback = writePipelineArchive(text, 'tar.gz');
  installNativeGzip();
  const native = writePipelineArchive(text, 'tar.gz');
  useNativeGzip(undefined);
  return { native, fallback };
}

describe('tar.gz written with the platform gzip', () => {
  it.each([
    ['a compiled pipeline', PIPELINE],
    ['a pipeline with non-ASCII text', UNICODE],
    ['data filling a tar record exactly', EXACT],
  ])('%s is read back by our reader, and by real tar and gzip', (_, text) => {
    const { native, fallback } = writeBoth(text);
    expect(native).not.toEqual(fallback); // really two different compressors
    expect(gunzipSync(native)).toEqual(gunzipSync(fallback)); // holding the same tar
    for (const [name, bytes] of [['native', native], ['fallback', fallback]] as const) {
      expect(readPipelineArchive(bytes, `${name}.tar.gz`).text).toBe(text);
      const file = path.join(dir, `${name}.tar.gz`);
      writeFileSync(file, bytes);
      run('gzip', ['-t', file]);
      const listing = run('tar', ['--utc', '-tvzf', file]).trim();
      expect(listing).toMatch(/^-rw-r--r-- 0\/0 +\d+ 1980-01-01 00:00 pipeline\.yaml$/);
      const out = path.join(dir, name);
      rmSync(out, { recursive: true, force: true });
      run('mkdir', ['-p', out]);
      run('tar', ['-xzf', file, '-C', out]);
      expect(readFileSync(path.join(out, 'pipeline.yaml'), 'utf8')).toBe(text);
    }
  });

  it('gives the same bytes for the same pipeline, with no gzip timestamp', () => {
    const first = nodeGzip(new Uint8Array([1, 2, 3]));
    expect(nodeGzip(new Uint8Array([1, 2, 3]))).toEqual(first);
    expect([...first.subarray(0, 8)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    expect(writeBoth(PIPELINE).native).toEqual(writeBoth(PIPELINE).native);
  });
});

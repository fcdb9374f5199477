import { describe, expect, it } from 'vitest';
import { writePipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { isKfsError } from '../../shared/errors/codes';
import { serializeDocument } from '../../shared/model/document.parse';
import { bundledExample } from '../test-host';
import { openPipelineFile } from '../../shared/import/pipeline-file.open';

const encode = (text: string) => new TextEncoder().encode(text);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isKfsError(error) ? error.code : `not coded: ${String(error)}`;
  }
  return undefined;
}

describe('openPipelineFile', () => {
  const example = bundledExample('classic');
  const yaml = irToYaml(compileToIr(example));

  it('opens a saved document as it is', () => {
    const opened = openPipelineFile(encode(serializeDocument(example)), 'classic.pipeline.json');
    expect(opened.kind).toBe('document');
    expect(opened.document).toEqual(example);
  });

  it('opens a document saved under a plain .json name by its format mark', () => {
    expect(openPipelineFile(encode(serializeDocument(example)), 'copy.json').kind).toBe('document');
  });

  it.each(['tar.gz', 'zip', 'yaml', 'json'] as const)('imports a compiled pipeline from a .%s file with the same tasks', (format) => {
    const opened = openPipelineFile(writePipelineArchive(yaml, format), `classic.${format}`);
    expect(opened.kind).toBe('compiled');
    expect(opened.format).toBe(format);
    expect(Object.keys(opened.document.graph.tasks).sort()).toEqual(Object.keys(example.graph.tasks).sort());
    expect(opened.document.name).toBe(example.name);
  });

  it('refuses a damaged archive, an empty file, another kind of file and a broken document with their codes', () => {
    const archive = writePipelineArchive(yaml, 'tar.gz');
    expect(codeOf(() => openPipelineFile(archive.slice(0, Math.floor(archive.length / 2)), 'cut.tar.gz'))).toBe('KFS511');
    expect(codeOf(() => openPipelineFile(new Uint8Array(), 'empty.zip'))).toBe('KFS512');
    expect(codeOf(() => openPipelineFile(encode('just some notes'), 'notes.txt'))).toBe('KFS510');
    expect(codeOf(() => openPipelineFile(encode('{"format": "kfp-studio/pipeline", "version": 1'), 'broken.pipeline.json'))).toMatch(/^KFS5/);
    expect(codeOf(() => openPipelineFile(encode('a: 1\n'), 'other.yaml'))).toBe('KFS610');
  });
});

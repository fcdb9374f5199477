// The archive reader against the KFP backend's own rejects (../shared/kfp/ir/invalid) and every valid IR
// (../shared/kfp/ir/valid) packed in each format. Files the backend rejects for archive reasons are refused
// here with a coded error; files that are sound archives or text but bad pipelines pass this layer, and the
// layer that must refuse them is named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import type { KfsError } from '../../shared/errors/codes';
import type { ArchiveFormat } from '../../shared/archive';
import { readPipelineArchive, writePipelineArchive } from '../../shared/archive';
import type { PipelineFileContent } from '../../shared/archive';
import { loadYamlDocuments } from '../../shared/yaml/safe-load';
import { KFP_DIR, KFP_MISSING_NOTE, hasKfp, listKfpFiles } from '../kfp-reference';

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

type Outcome = { content?: PipelineFileContent; error?: KfsError };

function readFile(full: string): Outcome {
  try {
    return { content: readPipelineArchive(new Uint8Array(readFileSync(full)), path.basename(full)) };
  } catch (error) {
    if (isKfsError(error)) return { error };
    throw new Error(`${path.basename(full)}: uncoded failure ${String(error)}`, { cause: error });
  }
}

/** Refused by the archive layer: file -> code, and what the message must say. */
const REFUSED: Record<string, { code: string; says: string }> = {
  // Text named .zip: the backend answers "Unexpected pipeline file format".
  'empty_zip.zip': { code: 'KFS510', says: 'not a zip archive' },
  // Text named .png: no accepted extension, and the content is no archive.
  'wrong_format.png': { code: 'KFS510', says: '.yaml/.yml, .json, .zip or .tar.gz' },
};

/** Sound at the archive layer; refused later: file -> the entry read, and which layer refuses it. */
const PASSED_ON: Record<string, { entry?: string; refusedBy: string }> = {
  // Only comments: an empty YAML stream. The IR import refuses it (the backend: "unknown template format").
  'empty_file.yaml': { refusedBy: 'IR import: no PipelineSpec document' },
  // A real zip whose only entry is YAML with an unknown top-level field (components_1).
  'invalid-zip.zip': { entry: 'invalid_yaml.yaml', refusedBy: 'IR decode: unknown field components_1' },
  'invalid_yaml.yaml': { refusedBy: 'IR decode: unknown field components_1' },
  // pipelineInfo.name is empty.
  'no_name.yaml': { refusedBy: 'IR validation: pipelineInfo.name must be non-empty' },
};

describe.skipIf(!hasKfp)('KFP invalid pipeline files through readPipelineArchive', () => {
  const files = listKfpFiles('ir/invalid');

  it('finds the reference files', () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining([...Object.keys(REFUSED), ...Object.keys(PASSED_ON)]));
  });

  for (const [name, expected] of Object.entries(REFUSED)) {
    it(`refuses ${name} with ${expected.code}`, () => {
      const { error } = readFile(path.join(KFP_DIR, 'ir/invalid', name));
      expect(error?.code).toBe(expected.code);
      expect(error?.message).toContain(expected.says);
      expect(error?.location.file).toBe(name);
    });
  }

  for (const [name, expected] of Object.entries(PASSED_ON)) {
    it(`passes ${name} on to the next layer (${expected.refusedBy})`, () => {
      const full = path.join(KFP_DIR, 'ir/invalid', name);
      const { content, error } = readFile(full);
      expect(error).toBeUndefined();
      expect(content?.entry).toBe(expected.entry);
      if (expected.entry === undefined) expect(content?.text).toBe(readFileSync(full, 'utf8'));
      else expect(content?.text).toBe(readFileSync(path.join(KFP_DIR, 'ir/invalid', expected.entry), 'utf8'));
    });
  }

  it('holds no pipeline document in empty_file.yaml, which is why a later layer must refuse it', () => {
    const { content } = readFile(path.join(KFP_DIR, 'ir/invalid/empty_file.yaml'));
    expect(loadYamlDocuments(content!.text).filter((doc) => doc != null)).toEqual([]);
  });

  it('never fails without a code on any file there, including ones added later', () => {
    for (const full of files) expect(() => readFile(full), path.basename(full)).not.toThrow();
  });
});

const FORMATS: ArchiveFormat[] = ['tar.gz', 'zip', 'yaml', 'json'];

describe.skipIf(!hasKfp)('KFP valid pipelines packed in each format and read back', () => {
  const files = listKfpFiles('ir/valid');

  it('finds the reference files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const format of FORMATS) {
    it(`gives back every pipeline from ${format}`, () => {
      for (const full of files) {
        const name = path.basename(full);
        const yaml = readFileSync(full, 'utf8');
        const read = readPipelineArchive(writePipelineArchive(yaml, format), `${name}.${format}`);
        expect(read.format, name).toBe(format);
        if (format === 'json') {
          const documents = loadYamlDocuments(yaml).filter((doc) => doc != null);
          expect(loadYamlDocuments(read.text), name).toEqual(documents);
          if (documents.length === 1) expect(JSON.parse(read.text), name).toEqual(documents[0]);
        } else {
          expect(read.text, name).toBe(yaml);
        }
      }
    });
  }
});

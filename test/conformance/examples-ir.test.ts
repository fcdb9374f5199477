// Every bundled example compiles to an archive whose pipeline the strict IR check (the backend's decoding) accepts.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPipelineArchive, writePipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { parseDocument } from '../../shared/model/document.parse';
import { validate } from '../../shared/validate/validate';
import { loadIrChecker } from '../ir-check/ir-check';
import { irDescriptorExists } from '../ir-check/ir-check.paths';
import { EXAMPLES_DIR } from '../resources/bundled-catalog';

const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.pipeline.json')).sort();

describe.skipIf(!irDescriptorExists)('bundled examples compile to IR Kubeflow accepts', () => {
  it('finds the examples', () => expect(examples.length).toBeGreaterThanOrEqual(3));

  it.each(examples)('%s', (file) => {
    const doc = parseDocument(readFileSync(`${EXAMPLES_DIR}/${file}`, 'utf8'));
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
    const archive = writePipelineArchive(irToYaml(compileToIr(doc)), 'tar.gz');
    const { text, entry } = readPipelineArchive(archive, `${doc.name}.tar.gz`);
    expect(entry).toBe('pipeline.yaml');
    expect(loadIrChecker().checkYaml(text)).toEqual([]);
  });
});

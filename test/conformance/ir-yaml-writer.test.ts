// The fast IR YAML writer writes the same bytes as js-yaml's dump (the reference writer) for every IR we compile:
// each KFP SDK pipeline in ../shared/kfp/ir imported and recompiled, each bundled example, and synthetic pipelines
// of every benchmarked size. (ir-roundtrip.test.ts checks the SDK files as read; this checks our compiler's output.)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileToIr, type IrCompileResult } from '../../shared/compile/ir.compile';
import { irToYaml, irToYamlBytes, YAML_OPTIONS, yamlDocument } from '../../shared/compile/ir.yaml';
import { writePipelineArchive } from '../../shared/archive';
import { everyFeatureDocument } from '../../shared/compile/ir.test-document';
import { importIr } from '../../shared/import/ir.import';
import { parseDocument } from '../../shared/model/document.parse';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';
import { EXAMPLES_DIR } from '../resources/bundled-catalog';

/** The documents of a compiled pipeline whose fast text differs from js-yaml's. */
function differing(ir: IrCompileResult): string[] {
  const docs: [string, object | undefined][] = [['pipelineSpec', ir.pipelineSpec], ['platformSpec', ir.platformSpec]];
  return docs.filter(([, doc]) => doc !== undefined && yamlDocument(doc) !== dump(doc, YAML_OPTIONS)).map(([name]) => name);
}

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

describe('the IR YAML writer is byte-identical to js-yaml', () => {
  it.skipIf(!hasKfp)('on every SDK pipeline of ../shared/kfp/ir, imported and recompiled', () => {
    const files = [...listKfpFiles('ir/valid'), ...listKfpFiles('ir/invalid')];
    let compared = 0;
    const problems: string[] = [];
    for (const file of files) {
      let ir: IrCompileResult;
      try {
        ir = compileToIr(importIr(readFileSync(file, 'utf8')));
      } catch {
        continue; // refused on import or compile (the invalid corpus): nothing to write
      }
      compared += 1;
      for (const doc of differing(ir)) problems.push(`${path.basename(file)}: ${doc}`);
    }
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(90);
  });

  it('on every bundled example and on the every-feature document', () => {
    const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.pipeline.json'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const docs = [...examples.map((f) => parseDocument(readFileSync(path.join(EXAMPLES_DIR, f), 'utf8'))), everyFeatureDocument()];
    expect(docs.map((doc) => differing(compileToIr(doc)))).toEqual(docs.map(() => []));
  });

  it.each([10, 100, 1000, 5000])('on a synthetic pipeline of %i tasks, header and documents', (tasks) => {
    const ir = compileToIr(makeSyntheticPipeline(tasks, { seed: tasks }));
    expect(differing(ir)).toEqual([]);
    const platform = ir.platformSpec ? `---\n${dump(ir.platformSpec, YAML_OPTIONS)}` : '';
    for (const format of ['tar.gz', 'json'] as const) {
      const same = Buffer.from(writePipelineArchive(irToYamlBytes(ir), format)).equals(writePipelineArchive(irToYaml(ir), format));
      expect(same, `${format} from bytes and from text`).toBe(true);
    }
    expect(irToYaml(ir)).toBe(`# PIPELINE DEFINITION\n# Name: ${String((ir.pipelineSpec.pipelineInfo as { name?: string }).name)}\n${dump(ir.pipelineSpec, YAML_OPTIONS)}${platform}`);
  });
});

// Compiling a document to the bytes of a `.tar.gz` (compileToIr → YAML → archive), and importing it back
// (archive → IR → document, with automatic layout). Target: 1,000 tasks compile in under 100 ms.
import { writePipelineArchive, readPipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { importIr } from '../../shared/import/ir.import';
import { formatBytes, type BenchSection } from './bench-harness';
import { sweepBySize } from './size-sweep';

const compileToArchive = (doc: Parameters<typeof compileToIr>[0]) => writePipelineArchive(irToYaml(compileToIr(doc)), 'tar.gz');

export const compileBench: BenchSection = {
  id: 'compile',
  title: 'Compile and import',
  async run({ quick }) {
    const compiled = sweepBySize(
      { title: 'document → .tar.gz bytes (compileToIr, YAML, tar.gz)', prepare: (doc) => doc, run: (doc) => formatBytes(compileToArchive(doc).length), resultColumn: 'archive size' },
      quick,
    );
    const imported = sweepBySize(
      {
        title: '.tar.gz bytes → document (read archive, importIr, layout)',
        prepare: (doc) => compileToArchive(doc),
        run: (bytes) => `${Object.keys(importIr(readPipelineArchive(bytes, 'p.tar.gz').text).graph.tasks).length} top-level tasks`,
        resultColumn: 'imported',
      },
      quick,
    );
    return [compiled, imported];
  },
};

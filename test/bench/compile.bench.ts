// Compiling a document to the bytes of a `.tar.gz` (compileToIr → YAML → archive), and importing it back
// (archive → IR → document, with automatic layout). Target: 1,000 tasks compile in under 100 ms.
import { writePipelineArchive, readPipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { importIr } from '../../shared/import/ir.import';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { formatBytes, formatMs, measure, type BenchSection, type BenchTable } from './bench-harness';
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
    return [compiled, phases(quick), imported];
  },
};

/** Where the time of compiling 1,000 tasks goes, as wall time and as this process's CPU time (the machine is shared). */
function phases(quick: boolean): BenchTable {
  const doc = makeSyntheticPipeline(1000, { seed: 1 });
  const ir = compileToIr(doc);
  const text = irToYaml(ir);
  const steps: [string, () => unknown][] = [
    ['compileToIr', () => compileToIr(doc)],
    ['irToYaml', () => irToYaml(ir)],
    ['writePipelineArchive (tar.gz)', () => writePipelineArchive(text, 'tar.gz')],
    ['all three', () => compileToArchive(doc)],
  ];
  const rows = steps.map(([name, fn]) => {
    let cpu = 0;
    const timing = measure(
      () => {
        const start = process.cpuUsage();
        fn();
        const used = process.cpuUsage(start);
        cpu += (used.user + used.system) / 1000;
      },
      { warmup: quick ? 1 : 3, minRepeats: quick ? 3 : 10, maxRepeats: quick ? 10 : 200, budgetMs: quick ? 200 : 2000 },
    );
    return [name, String(timing.samples.length), formatMs(timing.median), formatMs(cpu / (timing.samples.length + (quick ? 1 : 3)))];
  });
  return { title: 'compiling 1,000 tasks, step by step', columns: ['step', 'repeats', 'median wall', 'mean CPU'], rows };
}

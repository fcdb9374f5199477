// `npm run bench [-- [--quick] [SECTION...]]`: prints a table of figures per section, then peak memory.
// A later benchmark (compile, render, runtime) is one more `*.bench.ts` file here and one more line in SECTIONS.
import os from 'node:os';
import { renderTable, formatBytes, formatMs, type BenchSection } from './bench-harness';
import { catalogSearchBench } from './catalog-search.bench';
import { compileBench } from './compile.bench';
import { componentImportBench } from './component-import.bench';
import { containerRunBench } from './container-run.bench';
import { documentOpenBench } from './document-open.bench';
import { findRunsBench } from './find-runs.bench';
import { imageBuildBench } from './image-build.bench';
import { refusalBench } from './refusal.bench';
import { renderBench } from './render.bench';
import { runToCanvasBench } from './run-to-canvas.bench';
import { runtimeBench } from '../runtime/runtime-overhead.bench';
import { validateBench } from './validate.bench';
import { wireCheckBench } from './wire-check.bench';

export const SECTIONS: readonly BenchSection[] = [validateBench, documentOpenBench, compileBench, componentImportBench, refusalBench, runtimeBench, containerRunBench, imageBuildBench, renderBench, runToCanvasBench, catalogSearchBench, wireCheckBench, findRunsBench];

async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const wanted = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = wanted.filter((id) => !SECTIONS.some((section) => section.id === id));
  if (unknown.length) {
    console.error(`bench: unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.id).join(', ')}`);
    return 2;
  }
  const sections = wanted.length ? SECTIONS.filter((section) => wanted.includes(section.id)) : SECTIONS;
  console.log(`# KFP Studio benchmarks${quick ? ' (quick)' : ''}`);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const section of sections) {
    const started = performance.now();
    const tables = await section.run({ quick });
    for (const table of tables) console.log(`\n${renderTable(table)}`);
    console.log(`  (${section.title}: ${formatMs(performance.now() - started)} in all; RSS now ${formatBytes(process.memoryUsage().rss)})`);
  }
  // maxRSS is in kibibytes.
  console.log(`\npeak RSS: ${formatBytes(process.resourceUsage().maxRSS * 1024)}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

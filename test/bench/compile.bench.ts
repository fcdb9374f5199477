// Compiling a document to the bytes of a `.tar.gz` by the app's one build path (buildPipeline: compileToIr → YAML
// written into the tar → gzip, with Node's zlib as the host and the CLI do; validation left out, as the editor has
// its diagnostics already), and importing it back (archive → IR → document, with automatic layout). Targets: at 1,000 tasks at
// most 2× a floor measured in the same run (JSON.stringify of the same IR, then native gzip of that text) and 25 ms;
// 5,000 tasks in 150 ms and a peak RSS of 150 MiB (measured in a child process); the .json writer within 1.5× of
// JSON.stringify; a 1,000-task archive opened in 50 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { writePipelineArchive, writePipelineJson, readPipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml, irToYamlBytes, irToYamlStream } from '../../shared/compile/ir.yaml';
import { buildPipeline } from '../../shared/build/build-pipeline';
import { writeTar } from '../../shared/archive/tar.write';
import { importIr, importIrObjects } from '../../shared/import/ir.import';
import { loadYamlDocuments } from '../../shared/yaml/safe-load';
import { installNativeGzip } from '../../electron/host/native-gzip';
import { nodeGunzip } from '../../electron/host/native-gunzip';
import { useNativeGunzip } from '../../shared/archive/gzip.read';
import { GZIP_LEVEL } from '../../shared/archive/gzip.write';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { BENCH_SOURCES, formatBytes, loadAverage, formatMs, formatRatio, measure, type BenchSection, type BenchTable, type MeasureOptions, type Timing } from './bench-harness';
import { sweepBySize } from './size-sweep';

function compileToArchive(doc: Parameters<typeof compileToIr>[0]): Uint8Array {
  const built = buildPipeline(doc, 'tar.gz', { diagnostics: [] });
  if (!built.ok) throw new Error('the synthetic pipeline did not build');
  return built.output;
}

const repeats = (quick: boolean): MeasureOptions => ({ warmup: quick ? 1 : 3, minRepeats: quick ? 3 : 10, maxRepeats: quick ? 10 : 200, budgetMs: quick ? 200 : 2000 });

export const compileBench: BenchSection = {
  id: 'compile',
  title: 'Compile and import',
  async run({ quick }) {
    installNativeGzip();
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
    return [compiled, againstFloor(quick), phases(quick), peakMemory(), imported, importPhases(quick)];
  },
};

/** Wall time and this process's mean CPU time per call (on a shared machine the CPU time moves less with the load). */
function measureWithCpu(fn: () => unknown, quick: boolean): { timing: Timing; cpu: number } {
  let cpu = 0;
  let calls = 0;
  const timing = measure(() => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    cpu += (used.user + used.system) / 1000;
    calls++;
  }, repeats(quick));
  return { timing, cpu: cpu / calls };
}

function stepRows(steps: readonly [string, () => unknown][], quick: boolean): { rows: string[][]; medians: number[] } {
  const medians: number[] = [];
  const rows = steps.map(([name, fn]) => {
    const { timing, cpu } = measureWithCpu(fn, quick);
    medians.push(timing.median);
    return [name, String(timing.samples.length), formatMs(timing.median), formatMs(timing.p95), formatMs(cpu)];
  });
  return { rows, medians };
}

/** document → .tar.gz against JSON.stringify + native gzip of the same IR, both measured now, one after the other. */
function againstFloor(quick: boolean): BenchTable {
  const rows = [1000, 5000].map((tasks) => {
    const doc = makeSyntheticPipeline(tasks, { seed: 1 });
    const ir = compileToIr(doc);
    const floor = measureWithCpu(() => gzipSync(JSON.stringify(ir.pipelineSpec)), quick);
    const ours = measureWithCpu(() => compileToArchive(doc), quick);
    const archive = compileToArchive(doc);
    // The same tar at zlib's default level, to show what the faster level costs in size.
    const atDefaultLevel = gzipSync(gunzipSync(archive));
    return [
      String(tasks),
      formatMs(ours.timing.median),
      formatMs(ours.timing.p95),
      formatMs(floor.timing.median),
      formatMs(floor.timing.p95),
      formatRatio(ours.timing.median / floor.timing.median),
      formatMs(ours.cpu),
      formatMs(floor.cpu),
      formatRatio(ours.cpu / floor.cpu),
      formatBytes(archive.length),
      formatBytes(atDefaultLevel.length),
      formatBytes(gzipSync(JSON.stringify(ir.pipelineSpec)).length),
    ];
  });
  return {
    title: 'document → .tar.gz against the floor (JSON.stringify of the same IR + native gzip of that text)',
    columns: ['tasks', 'median', 'p95', 'floor median', 'floor p95', 'ratio of medians', 'mean CPU', 'floor CPU', 'ratio of CPU', 'archive', 'at level 6', 'floor .gz'],
    rows,
    notes: [
      'targets: ratio ≤ ×2 and median ≤ 25 ms at 1,000 tasks; median ≤ 150 ms at 5,000',
      `archives are gzipped at level ${GZIP_LEVEL} (shared/archive/gzip.write.ts says why); the floor at zlib's default, 6; "at level 6": the same tar at 6`,
      loadAverage(),
    ],
  };
}

/** Where the time of compiling 1,000 tasks goes, as wall time and as this process's CPU time (the machine is shared). */
function phases(quick: boolean): BenchTable {
  const doc = makeSyntheticPipeline(1000, { seed: 1 });
  const ir = compileToIr(doc);
  const text = irToYamlBytes(ir);
  const docs = loadYamlDocuments(irToYaml(ir));
  const encoder = new TextEncoder();
  const tar = writeTar({ name: 'pipeline.yaml', data: text, mode: 0o644, mtime: 0 });
  const steps: [string, () => unknown][] = [
    ['compileToIr', () => compileToIr(doc)],
    ['irToYamlBytes (the YAML alone, copied out)', () => irToYamlBytes(ir)],
    ['native gzip of the tar alone', () => gzipSync(tar, { level: GZIP_LEVEL })],
    ['YAML written into the tar, gzip (writePipelineArchive)', () => writePipelineArchive(irToYamlStream(ir), 'tar.gz')],
    ['all: document → .tar.gz (buildPipeline)', () => compileToArchive(doc)],
    ['writePipelineJson', () => writePipelineJson(docs)],
    ['JSON.stringify + UTF-8 (same documents, indented)', () => docs.map((d) => encoder.encode(JSON.stringify(d, null, 2)))],
  ];
  const { rows, medians } = stepRows(steps, quick);
  const json = (medians[5] ?? NaN) / (medians[6] ?? NaN);
  return {
    title: 'compiling 1,000 tasks, step by step',
    columns: ['step', 'repeats', 'median wall', 'p95 wall', 'mean CPU'],
    rows,
    notes: [`.json writer / JSON.stringify: ${formatRatio(json)} (target ≤ ×1.5)`, loadAverage()],
  };
}

function withoutNativeGunzip(fn: () => unknown): () => unknown {
  return () => {
    useNativeGunzip(undefined);
    try {
      return fn();
    } finally {
      useNativeGunzip(nodeGunzip);
    }
  };
}

/** Where the time of opening a 1,000-task archive goes (target: 50 ms in all). */
function importPhases(quick: boolean): BenchTable {
  const bytes = compileToArchive(makeSyntheticPipeline(1000, { seed: 1 }));
  const text = readPipelineArchive(bytes, 'p.tar.gz').text;
  const steps: [string, () => unknown][] = [
    ['readPipelineArchive (gunzip, tar, UTF-8)', () => readPipelineArchive(bytes, 'p.tar.gz')],
    ['loadYamlDocuments', () => loadYamlDocuments(text)],
    // It loads the YAML too (the importer keeps what it is given): its own share is the difference with the step above.
    ['loadYamlDocuments + importIrObjects (with layout)', () => importIrObjects(loadYamlDocuments(text))],
    ['all: bytes → document', () => importIr(readPipelineArchive(bytes, 'p.tar.gz').text)],
    // The app's Open reads the file in the renderer, where no native gunzip is installed.
    ['readPipelineArchive with fflate (the renderer)', withoutNativeGunzip(() => readPipelineArchive(bytes, 'p.tar.gz'))],
    ['all: bytes → document with fflate (the renderer)', withoutNativeGunzip(() => importIr(readPipelineArchive(bytes, 'p.tar.gz').text))],
  ];
  const { rows } = stepRows(steps, quick);
  return { title: 'opening a 1,000-task .tar.gz, step by step', columns: ['step', 'repeats', 'median wall', 'p95 wall', 'mean CPU'], rows, notes: ['target: ≤ 50 ms in all', loadAverage()] };
}

/**
 * Peak RSS of a child process compiling 5,000 tasks, and of one that only builds the document. The child is
 * bundled first and run by plain node, as the CLI ships, so that the TypeScript loader's memory is not counted.
 */
function peakMemory(): BenchTable {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kfs-bench-rss-'));
  try {
    const child = path.join(dir, 'compile-rss.child.mjs');
    buildSync({ entryPoints: [path.join(BENCH_SOURCES, 'compile-rss.child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'error' });
    const runs: [string, number][] = [['build the document only', 0], ['build it, compile to .tar.gz once', 1], ['build it, compile to .tar.gz five times', 5]];
    const rows = runs.map(([what, times]) => {
      const result = spawnSync(process.execPath, [child, '5000', String(times)], { encoding: 'utf8' });
      if (result.status !== 0) return [what, `failed: ${result.stderr.trim().split('\n')[0] ?? ''}`];
      const { peakRss } = JSON.parse(result.stdout) as { peakRss: number };
      return [what, formatBytes(peakRss)];
    });
    return { title: 'peak RSS of a child process (bundled, plain node), 5,000 tasks', columns: ['child process', 'peak RSS'], rows, notes: ['target: ≤ 150 MiB compiling'] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

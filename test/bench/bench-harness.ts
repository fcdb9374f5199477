// What every benchmark section shares: timing with repeats, the figures reported, and the table printout.
// Sections print figures and ratios; none asserts on timings (machines differ, and so does their load).
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** test/bench/, found the same from this file and from its bundle out/bench/run.mjs (both two folders deep). */
export const BENCH_SOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/bench');

export interface BenchTable {
  title: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}

export interface BenchOptions {
  /** Fewer repeats, for a quick look or a smoke test. */
  quick: boolean;
}

/** One section of `npm run bench`: a file under test/bench/ named `*.bench.ts`, listed in run.ts. */
export interface BenchSection {
  id: string;
  title: string;
  run(options: BenchOptions): Promise<BenchTable[]>;
}

export interface Timing {
  samples: number[];
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export interface MeasureOptions {
  /** Untimed runs first, to let the JIT settle. */
  warmup?: number;
  minRepeats?: number;
  maxRepeats?: number;
  /** Stop repeating once this much time (ms) was spent, when minRepeats is reached. */
  budgetMs?: number;
}

/** The load average now, for a table's notes (on a shared machine wall times move with it). */
export function loadAverage(): string {
  return `load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

/** Times `fn` (milliseconds) over repeats. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Timing {
  const { warmup = 1, minRepeats = 5, maxRepeats = 200, budgetMs = 1000 } = options;
  for (let i = 0; i < warmup; i += 1) fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < maxRepeats && (samples.length < minRepeats || performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export function summarize(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    samples: [...samples],
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    mean: sum / sorted.length,
  };
}

/** Nearest-rank percentile of sorted values (p in 0..100), interpolating between the two nearest ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (rank - low);
}

/** `0.42 ms`, `12.3 ms`, `1.23 s`, `85 µs`: three significant figures. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `×${ratio.toPrecision(3)}` : '-';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function renderTable(table: BenchTable): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [
    `## ${table.title}`,
    line(table.columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.rows.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`),
  ].join('\n');
}

// One table for "how does this scale": the same operation on synthetic pipelines of growing size.
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { formatMs, formatRatio, measure, type BenchTable } from './bench-harness';
import type { PipelineDocument } from '../../shared/model/document';

export const PIPELINE_SIZES = [10, 100, 1000, 5000] as const;

export interface SizeSweep<T> {
  title: string;
  /** Work done once per size, outside the timing (e.g. serializing the document to parse). */
  prepare(doc: PipelineDocument): T;
  /** The timed operation; returns a figure shown in the last column. */
  run(input: T): string | number;
  resultColumn: string;
}

export function sweepBySize<T>(sweep: SizeSweep<T>, quick: boolean, sizes: readonly number[] = PIPELINE_SIZES): BenchTable {
  const rows: string[][] = [];
  let previous: { tasks: number; median: number } | undefined;
  for (const tasks of sizes) {
    const input = sweep.prepare(makeSyntheticPipeline(tasks, { seed: 1 }));
    let result: string | number = '';
    const timing = measure(() => (result = sweep.run(input)), {
      warmup: quick ? 1 : 3,
      minRepeats: quick ? 3 : 10,
      maxRepeats: quick ? 10 : 500,
      budgetMs: quick ? 200 : 2000,
    });
    rows.push([
      String(tasks),
      String(timing.samples.length),
      formatMs(timing.median),
      formatMs(timing.p95),
      formatMs(timing.median / tasks),
      previous ? `${formatRatio(timing.median / previous.median)} for ${formatRatio(tasks / previous.tasks)} tasks` : '-',
      String(result),
    ]);
    previous = { tasks, median: timing.median };
  }
  return { title: sweep.title, columns: ['tasks', 'repeats', 'median', 'p95', 'median per task', 'growth vs previous', sweep.resultColumn], rows };
}

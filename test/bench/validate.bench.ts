// validate() on synthetic pipelines of growing size: median and p95 time, time per task, and how time grows
// against size (a growth ratio near the size ratio means linear time).
import { validate } from '../../shared/validate/validate';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { formatMs, formatRatio, measure, type BenchSection } from './bench-harness';

export const VALIDATION_SIZES = [10, 100, 1000, 5000] as const;

export const validateBench: BenchSection = {
  id: 'validate',
  title: 'Validation',
  async run({ quick }) {
    const rows: string[][] = [];
    let previous: { tasks: number; median: number } | undefined;
    for (const tasks of VALIDATION_SIZES) {
      const doc = makeSyntheticPipeline(tasks, { seed: 1 });
      let diagnostics = 0;
      const timing = measure(() => (diagnostics = validate(doc).length), {
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
        String(diagnostics),
      ]);
      previous = { tasks, median: timing.median };
    }
    return [
      {
        title: 'validate(doc) on makeSyntheticPipeline(n)',
        columns: ['tasks', 'repeats', 'median', 'p95', 'median per task', 'growth vs previous', 'diagnostics'],
        rows,
      },
    ];
  },
};

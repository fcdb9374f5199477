// validate() on synthetic pipelines of growing size: median and p95 time, time per task, and how time grows
// against size (a growth ratio near the size ratio means linear time).
import { validate } from '../../shared/validate/validate';
import { loadAverage, type BenchSection } from './bench-harness';
import { sweepBySize } from './size-sweep';

export const validateBench: BenchSection = {
  id: 'validate',
  title: 'Validation',
  async run({ quick }) {
    const sweep = sweepBySize({ title: 'validate(doc) on makeSyntheticPipeline(n)', prepare: (doc) => doc, run: (doc) => validate(doc).length, resultColumn: 'diagnostics' }, quick);
    return [{ ...sweep, notes: ['target: median ≤ 2 ms at 1,000 tasks', loadAverage()] }];
  },
};

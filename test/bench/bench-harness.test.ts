// The figures the benchmarks print: percentiles, summaries and the table layout.
import { describe, expect, it } from 'vitest';
import { formatMs, measure, percentile, renderTable, summarize } from './bench-harness';

describe('bench harness', () => {
  it('computes median and p95 by interpolating between ranks', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    const timing = summarize(samples);
    expect(timing.median).toBeCloseTo(50.5);
    expect(timing.p95).toBeCloseTo(95.05);
    expect(timing.min).toBe(1);
    expect(timing.max).toBe(100);
    expect(timing.mean).toBeCloseTo(50.5);
    expect(percentile([7], 95)).toBe(7);
  });

  it('repeats at least minRepeats and at most maxRepeats times', () => {
    let calls = 0;
    const timing = measure(() => (calls += 1), { warmup: 2, minRepeats: 4, maxRepeats: 6, budgetMs: 0 });
    expect(timing.samples).toHaveLength(4);
    expect(calls).toBe(6);
    expect(measure(() => 0, { warmup: 0, minRepeats: 1, maxRepeats: 6, budgetMs: 1e9 }).samples).toHaveLength(6);
  });

  it('prints durations with units a person reads at a glance', () => {
    expect(formatMs(0.0421)).toBe('42.1 µs');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(2345)).toBe('2.35 s');
  });

  it('aligns table columns: the first to the left, figures to the right', () => {
    const text = renderTable({ title: 'T', columns: ['name', 'time'], rows: [['a', '1 ms'], ['longer', '10.5 ms']] });
    expect(text.split('\n')).toEqual(['## T', 'name       time', '------  -------', 'a          1 ms', 'longer  10.5 ms']);
  });
});

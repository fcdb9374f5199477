import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from './runtime';
import { pageOfRuns } from './run-page';

function run(i: number, extra: Partial<RunSnapshot> = {}): RunSnapshot {
  const createdAt = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
  return {
    id: `run-${String(i).padStart(3, '0')}`,
    experimentId: 'default',
    displayName: `run ${i}`,
    pipelineName: i % 2 ? 'odd' : 'even',
    state: i % 3 ? 'succeeded' : 'failed',
    createdAt,
    parameters: {},
    execution: { mode: 'host', reason: '' },
    tasks: [],
    revision: 1,
    ...extra,
  };
}

const runs = Array.from({ length: 25 }, (_, i) => run(i));

describe('pageOfRuns', () => {
  it('walks every run once, newest first, page by page', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = pageOfRuns(runs, { pageSize: 10, ...(token ? { pageToken: token } : {}) });
      expect(page.totalSize).toBe(25);
      seen.push(...page.runs.map((r) => r.id));
      token = page.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(runs.map((r) => r.id).reverse());
  });

  it('a run started after the first page neither repeats nor shifts the next page', () => {
    const first = pageOfRuns(runs, { pageSize: 10 });
    const later = [...runs, run(99)];
    const second = pageOfRuns(later, { pageSize: 10, pageToken: first.nextPageToken ?? '' });
    expect(second.runs[0]?.id).toBe('run-014');
  });

  it('the token keeps the first page filter and order', () => {
    const first = pageOfRuns(runs, { pageSize: 3, pipelineName: 'odd', sortBy: 'displayName', createdAfter: '2026-01-05', createdBefore: '2026-01-20T00:00:00Z' });
    expect(first.totalSize).toBe(7);
    expect(first.runs.map((r) => r.displayName)).toEqual(['run 11', 'run 13', 'run 15']);
    const second = pageOfRuns(runs, { pageSize: 3, pageToken: first.nextPageToken ?? '', pipelineName: 'even' });
    expect(second.runs.map((r) => r.displayName)).toEqual(['run 17', 'run 5', 'run 7']);
  });

  it('refuses a token it did not give (KFS961)', () => {
    expect(() => pageOfRuns(runs, { pageToken: 'abc' })).toThrow(/page token is not one the run list gave/);
  });
});

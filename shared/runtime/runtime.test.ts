import { describe, expect, it } from 'vitest';
import { countTaskStates, durationMs, queryRuns, settleUnfinishedTasks, type RunSnapshot, type TaskSnapshot } from './runtime';

function run(id: string, patch: Partial<RunSnapshot>): RunSnapshot {
  return {
    id,
    experimentId: 'default',
    displayName: id,
    pipelineName: 'p',
    state: 'succeeded',
    createdAt: '2026-01-01T00:00:00.000Z',
    parameters: {},
    execution: { mode: 'host', reason: '' },
    tasks: [],
    revision: 1,
    ...patch,
  };
}

describe('run queries', () => {
  const runs = [
    run('a', { createdAt: '2026-01-01T00:00:01.000Z', displayName: 'Train daily', state: 'failed', startedAt: '2026-01-01T00:00:01.000Z', finishedAt: '2026-01-01T00:00:11.000Z' }),
    run('b', { createdAt: '2026-01-01T00:00:03.000Z', displayName: 'eval', state: 'succeeded', startedAt: '2026-01-01T00:00:03.000Z', finishedAt: '2026-01-01T00:00:05.000Z' }),
    run('c', { createdAt: '2026-01-01T00:00:02.000Z', displayName: 'train weekly', state: 'running', experimentId: 'x', startedAt: '2026-01-01T00:00:02.000Z' }),
  ];

  it('lists newest first by default and filters by state, experiment and text', () => {
    expect(queryRuns(runs).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(queryRuns(runs, { states: ['failed', 'running'] }).map((r) => r.id)).toEqual(['c', 'a']);
    expect(queryRuns(runs, { experimentId: 'x' }).map((r) => r.id)).toEqual(['c']);
    expect(queryRuns(runs, { text: 'TRAIN' }).map((r) => r.id)).toEqual(['c', 'a']);
  });

  it('sorts by duration (running runs count up to now) and by name', () => {
    const now = Date.parse('2026-01-01T00:00:06.000Z');
    expect(queryRuns(runs, { sortBy: 'duration', descending: true }, now).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(queryRuns(runs, { sortBy: 'displayName' }).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(durationMs(runs[2] as RunSnapshot, now)).toBe(4000);
    expect(durationMs({})).toBeUndefined();
  });

  it('counts step states, leaving out groups and loops', () => {
    const task = (id: string, kind: TaskSnapshot['kind'], state: TaskSnapshot['state']): TaskSnapshot => ({ id, name: id, displayName: id, kind, state, attempts: 1, hasLog: false });
    const counts = countTaskStates(run('d', { tasks: [task('g', 'dag', 'failed'), task('s1', 'container', 'failed'), task('s2', 'container', 'skipped'), task('i', 'importer', 'succeeded')] }));
    expect(counts).toEqual({ failed: 1, skipped: 1, succeeded: 1 });
  });
});

describe('the tasks of an ended run', () => {
  const task = (id: string, state: TaskSnapshot['state']): TaskSnapshot => ({ id, name: id, displayName: id, kind: 'container', state, attempts: 0, hasLog: false });
  const tasks = [task('a', 'succeeded'), task('b', 'running'), task('c', 'pending')];

  it('are left as they are while the run goes on', () => {
    expect(settleUnfinishedTasks(tasks, 'running')).toBe(tasks);
  });

  it('never show as waiting once the run was cancelled or failed', () => {
    expect(settleUnfinishedTasks(tasks, 'cancelled').map((t) => t.state)).toEqual(['succeeded', 'cancelled', 'cancelled']);
    expect(settleUnfinishedTasks(tasks, 'failed').map((t) => t.state)).toEqual(['succeeded', 'cancelled', 'skipped']);
  });
});

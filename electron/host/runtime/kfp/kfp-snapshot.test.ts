// Run times as the runs list shows them, from runs shaped as KFP 2.x lists them.
import { describe, expect, it } from 'vitest';
import { durationMs } from '../../../../shared/runtime/runtime';
import { snapshotOfRun, type KfpRun } from './kfp-snapshot';

const run = (extra: Partial<KfpRun>): KfpRun => ({
  run_id: 'r1',
  display_name: 'r1',
  experiment_id: 'e1',
  created_at: '2026-01-01T10:00:00Z',
  ...extra,
});

describe('snapshotOfRun times', () => {
  it('starts a run when its history says RUNNING', () => {
    const { snapshot } = snapshotOfRun(
      run({ state: 'SUCCEEDED', finished_at: '2026-01-01T10:01:00Z', state_history: [{ update_time: '2026-01-01T10:00:00Z', state: 'PENDING' }, { update_time: '2026-01-01T10:00:20Z', state: 'RUNNING' }, { update_time: '2026-01-01T10:01:00Z', state: 'SUCCEEDED' }] }),
      undefined, undefined, 1,
    );
    expect(snapshot.startedAt).toBe('2026-01-01T10:00:20Z');
    expect(durationMs(snapshot, Date.now())).toBe(40_000);
  });

  it('counts an ended run with no RUNNING entry from its creation, as the KFP UI does, so its duration shows', () => {
    const { snapshot } = snapshotOfRun(
      run({ state: 'SUCCEEDED', finished_at: '2026-01-01T10:01:30Z', state_history: [{ update_time: '2026-01-01T10:00:00Z', state: 'PENDING' }, { update_time: '2026-01-01T10:01:30Z', state: 'SUCCEEDED' }] }),
      undefined, undefined, 1,
    );
    expect(durationMs(snapshot, Date.now())).toBe(90_000);
  });

  it('gives a pending run no start', () => {
    const { snapshot } = snapshotOfRun(run({ state: 'PENDING', state_history: [{ update_time: '2026-01-01T10:00:00Z', state: 'PENDING' }] }), undefined, undefined, 1);
    expect(snapshot.startedAt).toBeUndefined();
  });
});

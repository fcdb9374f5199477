// Canvas tasks found in task_details of the shape KFP 2.x answers: one entry per Argo node, no parent id, no pod
// name, nodes linked by child node ids, the compiler's own nodes (`<workflow>`, `*-driver`, `executor`) among them.
import { describe, expect, it } from 'vitest';
import type { KfpTaskDetail } from './kfp-snapshot';
import { matchTaskDetails, realTime } from './kfp-task-map';

const ZERO = '0001-01-01T00:00:00Z';
const node = (name: string, state: string | undefined, start: string, kids: string[] = []): KfpTaskDetail => ({
  task_id: `${name}-${start}`,
  display_name: name,
  start_time: start,
  end_time: ZERO,
  ...(state ? { state } : {}),
  ...(kids.length ? { child_tasks: kids.map((pod_name) => ({ pod_name })) } : {}),
});

describe('matchTaskDetails', () => {
  const details = [
    node('wf-abc', 'RUNNING', '2026-01-01T00:00:00Z', ['wf-abc-1']),
    node('root-driver', 'SUCCEEDED', '2026-01-01T00:00:00Z', ['wf-abc-2']),
    node('root', 'RUNNING', '2026-01-01T00:00:01Z', ['wf-abc-3']),
    node('executor-driver', 'SUCCEEDED', '2026-01-01T00:00:01Z', ['wf-abc-4']),
    // A step the person named "executor": its own node leads to the compiler's executor pod.
    node('executor', 'SUCCEEDED', '2026-01-01T00:00:02Z', ['wf-abc-5']),
    node('executor', 'SUCCEEDED', '2026-01-01T00:00:02Z'),
    node('inner-driver', 'SUCCEEDED', '2026-01-01T00:00:03Z', ['wf-abc-7']),
    node('inner', 'RUNNING', '2026-01-01T00:00:04Z', ['wf-abc-8']),
    node('train', 'RUNNING', '2026-01-01T00:00:05Z', ['wf-abc-9']),
    node('executor', 'RUNNING', '2026-01-01T00:00:05Z'),
    node('after', undefined, ZERO),
  ];
  const declared = [
    { id: 'executor', name: 'executor', kind: 'container' },
    { id: 'inner', name: 'inner', kind: 'dag' },
    { id: 'inner/train', name: 'train', kind: 'container' },
    { id: 'after', name: 'after', kind: 'container' },
    { id: 'never', name: 'never', kind: 'container' },
  ];

  it("matches each declared task to its own node, with the executor's node id for logs", () => {
    const matched = new Map(matchTaskDetails(details, declared).map((item) => [item.id, item]));
    expect(matched.get('executor')?.logNode).toBe('wf-abc-5');
    expect(matched.get('executor')?.detail.state).toBe('SUCCEEDED');
    expect(matched.get('inner')?.detail.state).toBe('RUNNING');
    expect(matched.get('inner')?.logNode).toBeUndefined();
    expect(matched.get('inner/train')?.logNode).toBe('wf-abc-9');
    expect(matched.get('after')?.detail.state).toBeUndefined();
    expect(matched.has('never')).toBe(false);
  });

  it('uses parent ids when a server sends them', () => {
    const tree: KfpTaskDetail[] = [
      { task_id: 'r', display_name: 'root', state: 'RUNNING' },
      { task_id: 'd', display_name: 'inner', parent_task_id: 'r', state: 'RUNNING' },
      { task_id: 't', display_name: 'train', parent_task_id: 'd', state: 'SUCCEEDED', pod_name: 'pod-t' },
    ];
    const matched = new Map(matchTaskDetails(tree, declared).map((item) => [item.id, item]));
    expect(matched.get('inner/train')).toMatchObject({ logNode: 'pod-t', detail: { state: 'SUCCEEDED' } });
  });

  it('reads Go zero times and the epoch as unset', () => {
    expect(realTime(ZERO)).toBeUndefined();
    expect(realTime('1970-01-01T00:00:00Z')).toBeUndefined();
    expect(realTime('2026-01-01T00:00:05Z')).toBe('2026-01-01T00:00:05Z');
  });
});

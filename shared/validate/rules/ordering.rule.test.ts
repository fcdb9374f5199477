import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

describe('KFS103 dangling ordering edge', () => {
  it('reports an ordering edge to a missing task', () => {
    const found = findCode(sampleWith((d) => d.graph.tasks.train!.after.push('prepare')), 'KFS103');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'train', field: 'after[0]' } })]);
    expect(found[0]!.message).toContain("'prepare'");
  });

  it('reports a task set to run after itself, or after a group', () => {
    const self = findCode(sampleWith((d) => d.graph.tasks.train!.after.push('train')), 'KFS103');
    expect(self[0]!.message).toContain("'train' is set to run after itself");
    const group = findCode(sampleWith((d) => d.graph.tasks['sum-scores']!.after.push('each-shard')), 'KFS103');
    expect(group[0]!.message).toContain("'each-shard', which is a group");
  });

  it('passes edges to existing tasks', () => {
    expect(findCode(sampleDocument(), 'KFS103')).toEqual([]);
  });
});

describe('KFS109 waits on a task inside a condition or exit handler', () => {
  it('reports waiting on a task that may not run', () => {
    const found = findCode(sampleWith((d) => d.graph.tasks['sum-scores']!.after.push('report-good')), 'KFS109');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'sum-scores', field: 'after[0]' } })]);
    expect(found[0]!.message).toContain("'report-good'");
    expect(found[0]!.message).toContain("'guard'");
  });

  it('allows waiting on every iteration of a loop, and on tasks in an enclosing scope', () => {
    expect(findCode(sampleWith((d) => d.graph.tasks['sum-scores']!.after.push('train-shard')), 'KFS109')).toEqual([]);
    expect(findCode(sampleWith((d) => d.graph.tasks['report-good']!.after.push('final')), 'KFS109')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS109')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';
import { validate } from '../validate';

describe('KFS103 dangling ordering edge', () => {
  it('reports an ordering edge to a missing task', () => {
    const found = findCode(sampleWith((d) => d.graph.tasks.train!.after.push('prepare')), 'KFS103');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'train', field: 'after[0]' } })]);
    expect(found[0]!.message).toContain("'prepare'");
  });

  it('reports a task set to run after itself, or after one branch of a condition', () => {
    const self = findCode(sampleWith((d) => d.graph.tasks.train!.after.push('train')), 'KFS103');
    expect(self[0]!.message).toContain("'train' is set to run after itself");
    const branch = findCode(sampleWith((d) => d.graph.tasks['notify-end']!.after.push('good')), 'KFS103');
    expect(branch[0]!.message).toContain("'good', which is one branch of a condition");
  });

  it('passes edges to existing tasks', () => {
    expect(findCode(sampleDocument(), 'KFS103')).toEqual([]);
  });
});

describe('ordering after a whole group (the IR\'s dependentTasks naming a condition-branches or for-loop group)', () => {
  it('allows waiting on a loop or a condition beside the task', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks['sum-scores']!.after.push('each-shard');
      d.graph.tasks['pick'] = { id: 'pick', component: 'sum', parent: 'guard', arguments: { values: { kind: 'constant', value: [] } }, after: ['verdict'], options: {} };
    });
    expect(validate(doc).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('refuses waiting on a group from inside it, and on a condition inside an exit handler the task is outside of', () => {
    const inside = findCode(sampleWith((d) => d.graph.tasks['train-shard']!.after.push('each-shard')), 'KFS101');
    expect(inside[0]!.message).toContain("run after group 'each-shard', which it sits in");
    const hidden = findCode(sampleWith((d) => d.graph.tasks['sum-scores']!.after.push('verdict')), 'KFS109');
    expect(hidden[0]!.message).toContain("exit handler 'guard'");
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

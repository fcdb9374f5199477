import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

describe('KFS101 cycles', () => {
  it('names the tasks of a cycle made of a data edge and an ordering edge', () => {
    const found = findCode(sampleWith((d) => d.graph.tasks.load!.after.push('train')), 'KFS101');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ task: 'load' });
    expect(found[0]!.message).toContain("'load' → 'train' → 'load'");
  });

  it('reports a task that reads its own output', () => {
    const doc = sampleWith((d) => (d.graph.tasks.train!.arguments.rate = { kind: 'taskOutput', task: 'train', output: 'score' }));
    const found = findCode(doc, 'KFS101');
    expect(found).toEqual([expect.objectContaining({ severity: 'error', location: { task: 'train' } })]);
    expect(found[0]!.message).toContain("'train'");
  });

  it('finds a cycle through a text template, as the canvas refuses the wire that closes it', () => {
    // train reads load only through a text naming its output, and load runs after train.
    const doc = sampleWith((d) => {
      d.graph.tasks.load!.after.push('train');
      d.graph.tasks.train!.arguments = { rate: { kind: 'template', parts: ['x', { kind: 'taskOutput', task: 'load', output: 'rows' }] } };
    });
    const found = findCode(doc, 'KFS101');
    expect(found.map((d) => d.message).join('\n')).toContain("'load' → 'train' → 'load'");
  });

  it('finds a cycle through the items of a loop (group level)', () => {
    // list-shards feeds the loop's items, and waits on a task inside the loop.
    const found = findCode(sampleWith((d) => d.graph.tasks['list-shards']!.after.push('train-shard')), 'KFS101');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("group 'each-shard'");
    expect(found[0]!.message).toContain("'list-shards'");
  });

  it('finds a cycle through an exit handler and its exit task', () => {
    const found = findCode(sampleWith((d) => d.graph.tasks.final!.after.push('notify-end')), 'KFS101');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("group 'guard'");
    expect(found[0]!.message).toContain("'notify-end'");
  });

  it('finds a cycle through a branch condition', () => {
    // train's score drives the condition; train waiting on a task inside the branch closes the loop.
    const found = findCode(sampleWith((d) => d.graph.tasks.train!.after.push('report-good')), 'KFS101');
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found[0]!.message).toContain("'train'");
  });

  it('finds long cycles without recursion limits', () => {
    const doc = sampleWith((d) => {
      let previous = 'load';
      for (let i = 0; i < 20_000; i++) {
        const id = `step-${i}`;
        d.graph.tasks[id] = { id, component: 'shards', arguments: {}, after: [previous], options: {} };
        previous = id;
      }
      d.graph.tasks.load!.after.push(previous);
    });
    const found = findCode(doc, 'KFS101');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("'step-19999'");
  });

  it('passes an acyclic pipeline', () => {
    expect(findCode(sampleDocument(), 'KFS101')).toEqual([]);
    // Reversing the offending edge is fine: train already waits on load.
    expect(findCode(sampleWith((d) => d.graph.tasks.train!.after.push('load')), 'KFS101')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Argument } from '../model/document';
import { findCode, sampleDocument, sampleWith } from './validate.fixtures';

const output = (task: string, name: string): Argument => ({ kind: 'taskOutput', task, output: name });

describe('KFS102 dangling data edge', () => {
  it('reports a connection from a task that does not exist', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.data = output('loader', 'data'))), 'KFS102');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ task: 'train', port: 'data' });
    expect(found[0]!.message).toContain("'loader'");
  });

  it('reports an output the producer does not have, listing the ones it has', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.data = output('load', 'dataset'))), 'KFS102');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ task: 'train', port: 'data' });
    expect(found[0]!.message).toContain("'dataset'");
    expect(found[0]!.message).toContain("'data'");
  });

  it('says so when a connection points at a group', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.data = output('guard', 'data'))), 'KFS102');
    expect(found[0]!.message).toMatch(/'guard', which is a group/);
  });

  it('checks collected and oneOf sources too', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks['sum-scores']!.arguments.values = { kind: 'collected', task: 'train-shard', output: 'loss' };
      d.graph.tasks.final!.arguments.label = { kind: 'oneOf', sources: [{ task: 'report-good', output: 'summary' }, { task: 'report-worse', output: 'summary' }] };
    });
    const found = findCode(doc, 'KFS102');
    expect(found.map((d) => d.location)).toEqual([
      { task: 'final', port: 'label' },
      { task: 'sum-scores', port: 'values' },
    ]);
    expect(found[0]!.message).toContain("'report-worse'");
    expect(found[1]!.message).toContain("'loss'");
  });

  it('reports a oneOf with no sources', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.final!.arguments.label = { kind: 'oneOf', sources: [] })), 'KFS102');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'final', port: 'label' } })]);
  });

  it('passes when every connection resolves', () => {
    expect(findCode(sampleDocument(), 'KFS102')).toEqual([]);
  });
});

describe('KFS104 output used outside its condition or loop', () => {
  it('refuses reading a task inside a condition branch from outside it', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.final!.arguments.label = output('report-good', 'summary'))), 'KFS104');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ task: 'final', port: 'label' });
    expect(found[0]!.message).toContain("'report-good'");
    expect(found[0]!.message).toContain("condition 'verdict'");
    expect(found[0]!.message).toContain('oneOf');
  });

  it('refuses reading a task inside a loop without collected', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks['sum-scores']!.arguments.values = output('train-shard', 'score'))), 'KFS104');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("parallel-for 'each-shard'");
    expect(found[0]!.message).toContain('collected');
  });

  it('refuses reading a task inside an exit handler from outside it', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks.extra = { id: 'extra', component: 'report', arguments: { model: output('train', 'model'), label: output('final', 'summary') }, after: [], options: {} };
    });
    const found = findCode(doc, 'KFS104');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'extra', port: 'label' } })]);
    expect(found[0]!.message).toContain("exit handler 'guard'");
  });

  it('refuses collected from a task that is not in a loop, or whose loop sits in a condition', () => {
    const notInLoop = findCode(sampleWith((d) => (d.graph.tasks['sum-scores']!.arguments.values = { kind: 'collected', task: 'train', output: 'score' })), 'KFS104');
    expect(notInLoop).toEqual([expect.objectContaining({ location: { task: 'sum-scores', port: 'values' } })]);
    expect(notInLoop[0]!.message).toContain("'train'");

    const inCondition = findCode(sampleWith((d) => (d.graph.groups['each-shard']!.parent = 'good')), 'KFS104');
    expect(inCondition.map((d) => d.location)).toContainEqual({ task: 'sum-scores', port: 'values' });
    expect(inCondition.find((d) => d.location.task === 'sum-scores')!.message).toContain("exit handler 'guard'");
  });

  it('requires a oneOf to take one output from every branch of a condition that ends with else', () => {
    const missing = findCode(sampleWith((d) => (d.graph.tasks.final!.arguments.label = { kind: 'oneOf', sources: [{ task: 'report-good', output: 'summary' }] })), 'KFS104');
    expect(missing).toEqual([expect.objectContaining({ location: { task: 'final', port: 'label' } })]);
    expect(missing[0]!.message).toContain("branch 'bad'");

    const noElse = findCode(
      sampleWith((d) => {
        const verdict = d.graph.groups.verdict!;
        if (verdict.kind === 'condition') verdict.branches[1]!.when = { left: { kind: 'graphInput', input: 'threshold' }, operator: '<', right: { kind: 'constant', value: 0.1 } };
      }),
      'KFS104',
    );
    expect(noElse).toHaveLength(1);
    expect(noElse[0]!.message).toContain('no else branch');
  });

  it('refuses a oneOf over a task that is not directly in a branch, or read from inside the condition', () => {
    const notInBranch = findCode(sampleWith((d) => delete d.graph.tasks['report-bad']!.parent), 'KFS104');
    expect(notInBranch).toEqual([expect.objectContaining({ location: { task: 'final', port: 'label' } })]);
    expect(notInBranch[0]!.message).toContain("'report-bad'");

    const inside = findCode(sampleWith((d) => (d.graph.tasks.final!.parent = 'good')), 'KFS104');
    expect(inside.some((d) => d.location.task === 'final' && d.message.includes('inside that condition'))).toBe(true);
  });

  it('passes reads from enclosing scopes, collected from loops and oneOf over all branches', () => {
    expect(findCode(sampleDocument(), 'KFS104')).toEqual([]);
  });
});

describe('KFS108 loop item used outside its loop', () => {
  it('refuses a loop item read outside the loop', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.epochs = { kind: 'loopItem', loop: 'each-shard' })), 'KFS108');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'train', port: 'epochs' } })]);
    expect(found[0]!.message).toContain("'each-shard'");
  });

  it('refuses the item of something that is not a loop, and a field the items lack', () => {
    const notLoop = findCode(sampleWith((d) => (d.graph.tasks['train-shard']!.arguments.epochs = { kind: 'loopItem', loop: 'guard' })), 'KFS108');
    expect(notLoop[0]!.message).toContain("'guard', which is not a parallel-for");

    const noField = findCode(
      sampleWith((d) => {
        const loop = d.graph.groups['each-shard']!;
        if (loop.kind === 'parallelFor') loop.items = { kind: 'constant', value: [{ epochs: 1 }, { rounds: 2 }] };
        d.graph.tasks['train-shard']!.arguments.epochs = { kind: 'loopItem', loop: 'each-shard', field: 'epochs' };
      }),
      'KFS108',
    );
    expect(noField).toHaveLength(1);
    expect(noField[0]!.message).toContain("'epochs'");
  });

  it('passes a loop item read inside its loop', () => {
    expect(findCode(sampleDocument(), 'KFS108')).toEqual([]);
  });
});

describe('KFS304 undefined parameter', () => {
  it('reports an argument naming a parameter that does not exist', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.load!.arguments.uri = { kind: 'graphInput', input: 'source' })), 'KFS304');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'load', port: 'uri' } })]);
    expect(found[0]!.message).toContain("'source'");
  });

  it('checks condition comparisons too', () => {
    const doc = sampleWith((d) => {
      const verdict = d.graph.groups.verdict!;
      if (verdict.kind === 'condition') verdict.branches[0]!.when!.right = { kind: 'graphInput', input: 'limit' };
    });
    const found = findCode(doc, 'KFS304');
    expect(found).toEqual([expect.objectContaining({ location: { group: 'verdict', field: 'branches[0].when.right' } })]);
    expect(found[0]!.message).toContain("'limit'");
  });

  it('passes defined parameters', () => {
    expect(findCode(sampleDocument(), 'KFS304')).toEqual([]);
  });
});

describe('KFS206 task final status outside an exit task', () => {
  it('refuses the final status on a task that is no exit task', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.load!.arguments.uri = { kind: 'taskFinalStatus' })), 'KFS206');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'load', port: 'uri' } })]);
    expect(found[0]!.message).toContain("'load'");
  });

  it('passes it on the exit task of an exit handler', () => {
    expect(findCode(sampleDocument(), 'KFS206')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

describe('KFS301 invalid pipeline name', () => {
  it('reports a name the KFP backend refuses, with a suggestion', () => {
    const found = findCode(sampleWith((d) => (d.name = 'My Pipeline!')), 'KFS301');
    expect(found).toEqual([expect.objectContaining({ location: { field: 'name' } })]);
    expect(found[0]!.message).toContain("'My Pipeline!'");
    expect(found[0]!.message).toContain("'my-pipeline'");
  });

  it.each(['', '-start', 'end.', 'UPPER', 'team.train-v2', 'a'.repeat(129)])('reports %j', (name) => {
    expect(findCode(sampleWith((d) => (d.name = name)), 'KFS301')).toHaveLength(1);
  });

  it('accepts what the KFP server accepts: lower-case letters, digits and dashes, up to 128 characters', () => {
    expect(findCode(sampleWith((d) => (d.name = 'team-train-v2')), 'KFS301')).toEqual([]);
    expect(findCode(sampleWith((d) => (d.name = `a${'-'.repeat(127)}`)), 'KFS301')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS301')).toEqual([]);
  });
});

describe('KFS302 duplicate name', () => {
  it('reports a parameter defined twice', () => {
    const found = findCode(sampleWith((d) => d.graph.inputs.push({ name: 'rate', type: { kind: 'parameter', type: 'STRING' } })), 'KFS302');
    expect(found).toEqual([expect.objectContaining({ location: { parameter: 'rate', field: 'inputs[3]' } })]);
    expect(found[0]!.message).toContain("'rate'");
  });

  it('reports an output defined twice', () => {
    const found = findCode(sampleWith((d) => d.graph.outputs.push({ ...d.graph.outputs[0]! })), 'KFS302');
    expect(found).toEqual([expect.objectContaining({ location: { output: 'best_score', field: 'outputs[2]' } })]);
  });

  it('reports a task with the id of a group, and a branch id used twice', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks.guard = { id: 'guard', component: 'shards', arguments: {}, after: [], options: {} };
      const verdict = d.graph.groups.verdict!;
      if (verdict.kind === 'condition') verdict.branches[1]!.id = 'good';
    });
    const found = findCode(doc, 'KFS302');
    expect(found.map((d) => d.location)).toEqual([
      { group: 'verdict', field: 'branches[1].id' },
      { task: 'guard' },
    ]);
    expect(found[1]!.message).toContain("'guard'");
  });

  it('passes distinct names', () => {
    expect(findCode(sampleDocument(), 'KFS302')).toEqual([]);
  });
});

describe('KFS303 invalid name', () => {
  it('reports a task id that is not lower-case kebab, with a suggestion', () => {
    const found = findCode(
      sampleWith((d) => {
        d.graph.tasks.Train_Model = { ...d.graph.tasks['list-shards']!, id: 'Train_Model' };
      }),
      'KFS303',
    );
    expect(found).toEqual([expect.objectContaining({ location: { task: 'Train_Model' } })]);
    expect(found[0]!.message).toContain("'train-model'");
  });

  it('reports a parameter name that is not an identifier, and a group id in capitals', () => {
    const doc = sampleWith((d) => {
      d.graph.inputs[0]!.name = 'source uri';
      d.graph.tasks.load!.arguments.uri = { kind: 'graphInput', input: 'source uri' };
      d.graph.groups.Shards = { ...d.graph.groups['each-shard']!, id: 'Shards' };
      delete d.graph.groups['each-shard'];
      d.graph.tasks['train-shard']!.parent = 'Shards';
      d.graph.tasks['train-shard']!.arguments.epochs = { kind: 'loopItem', loop: 'Shards' };
    });
    const found = findCode(doc, 'KFS303');
    expect(found.map((d) => d.location)).toEqual([{ parameter: 'source uri', field: 'inputs[0]' }, { group: 'Shards' }]);
    expect(found[0]!.message).toContain("'source_uri'");
    expect(found[1]!.message).toContain("'shards'");
  });

  it('reports a task stored under a key that is not its id', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.load!.id = 'loader')), 'KFS303');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'load', field: 'id' } })]);
    expect(found[0]!.message).toContain("'loader'");
  });

  it('passes valid names', () => {
    expect(findCode(sampleDocument(), 'KFS303')).toEqual([]);
  });
});

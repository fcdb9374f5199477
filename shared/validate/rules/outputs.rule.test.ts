import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

describe('KFS107 invalid pipeline output', () => {
  it('reports an output whose source task does not exist', () => {
    const found = findCode(sampleWith((d) => (d.graph.outputs[0]!.source = { kind: 'taskOutput', task: 'evaluate', output: 'score' })), 'KFS107');
    expect(found).toEqual([expect.objectContaining({ location: { output: 'best_score', field: 'source' } })]);
    expect(found[0]!.message).toContain("'best_score'");
    expect(found[0]!.message).toContain("'evaluate'");
  });

  it('reports an output read from inside a loop without collected', () => {
    const found = findCode(sampleWith((d) => (d.graph.outputs[0]!.source = { kind: 'taskOutput', task: 'train-shard', output: 'score' })), 'KFS107');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('collected');
  });

  it('reports a declared type that does not match the source', () => {
    const found = findCode(sampleWith((d) => (d.graph.outputs[0]!.type = { kind: 'parameter', type: 'STRING' })), 'KFS107');
    expect(found).toEqual([expect.objectContaining({ location: { output: 'best_score', field: 'type' } })]);
    expect(found[0]!.message).toContain('String');
    expect(found[0]!.message).toContain('Float');
  });

  it('reports a constant as an output source', () => {
    const found = findCode(sampleWith((d) => (d.graph.outputs[1]!.source = { kind: 'constant', value: [1] })), 'KFS107');
    expect(found).toEqual([expect.objectContaining({ location: { output: 'all_scores', field: 'source' } })]);
  });

  it('passes outputs from top-level tasks and collected loops', () => {
    expect(findCode(sampleDocument(), 'KFS107')).toEqual([]);
  });
});

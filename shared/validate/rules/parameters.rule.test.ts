import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

describe('KFS305 unused parameter', () => {
  it('warns about a parameter no task reads', () => {
    const found = findCode(sampleWith((d) => d.graph.inputs.push({ name: 'seed', type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, default: 1 })), 'KFS305');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', location: { parameter: 'seed' } })]);
    expect(found[0]!.message).toContain("'seed'");
  });

  it('counts reads by conditions and loops as uses', () => {
    // threshold is only read by the condition; make the loop read a LIST parameter only.
    const doc = sampleWith((d) => {
      d.graph.inputs.push({ name: 'shards', type: { kind: 'parameter', type: 'LIST' }, default: [1, 2] });
      const loop = d.graph.groups['each-shard']!;
      if (loop.kind === 'parallelFor') loop.items = { kind: 'graphInput', input: 'shards' };
    });
    expect(findCode(doc, 'KFS305')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS305')).toEqual([]);
  });
});

describe('KFS306 parameter default does not match its type', () => {
  it.each([
    ['rate', 'fast', 'the string "fast"'],
    ['threshold', true, 'the boolean true'],
    ['source_uri', 3, 'the integer 3'],
  ])('reports parameter %s with default %j', (name, value, described) => {
    const found = findCode(sampleWith((d) => (d.graph.inputs.find((p) => p.name === name)!.default = value)), 'KFS306');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ parameter: name, field: `inputs[${['source_uri', 'rate', 'threshold'].indexOf(name)}].default` });
    expect(found[0]!.message).toContain(`'${name}'`);
    expect(found[0]!.message).toContain(described);
  });

  it('reports a decimal default for an Integer parameter, and a default on an artifact input', () => {
    const doc = sampleWith((d) => {
      d.graph.inputs.push({ name: 'count', type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, default: 1.5 });
      d.graph.inputs.push({ name: 'extra', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' }, default: 'gs://x' });
    });
    expect(findCode(doc, 'KFS306').map((d) => d.location.parameter)).toEqual(['count', 'extra']);
  });

  it('passes defaults of the right type, and no default', () => {
    expect(findCode(sampleWith((d) => delete d.graph.inputs[0]!.default), 'KFS306')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS306')).toEqual([]);
  });
});

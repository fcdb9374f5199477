import { describe, expect, it } from 'vitest';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

describe('KFS201 required input not connected', () => {
  it('reports a required input with no argument, naming input and task', () => {
    const found = findCode(sampleWith((d) => delete d.graph.tasks.train!.arguments.rate), 'KFS201');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ task: 'train', port: 'rate' });
    expect(found[0]!.message).toBe("Input 'rate' of task 'train' is required: connect an upstream output, a pipeline parameter or set a constant.");
  });

  it('does not ask for optional inputs or inputs with a default', () => {
    // report-bad leaves the optional label empty; train leaves epochs (default 3) empty.
    expect(findCode(sampleDocument(), 'KFS201')).toEqual([]);
  });
});

describe('KFS202 argument for an unknown input', () => {
  it('reports an argument the component has no input for, listing its inputs', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.speed = { kind: 'constant', value: 1 })), 'KFS202');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'train', port: 'speed' } })]);
    expect(found[0]!.message).toContain("'speed'");
    expect(found[0]!.message).toContain("'epochs'");
  });

  it('passes arguments that all match inputs', () => {
    expect(findCode(sampleDocument(), 'KFS202')).toEqual([]);
  });
});

describe('KFS203 constant does not match the input type', () => {
  it.each([
    ['a string for a number', 'train', 'rate', 'fast', 'the string "fast"'],
    ['a decimal for an integer', 'train-shard', 'epochs', 2.5, 'the number 2.5'],
    ['an object for a list', 'sum-scores', 'values', { a: 1 }, 'an object'],
    ['a list for a string', 'report-good', 'label', ['x'], 'a list'],
    ['a constant for an artifact', 'train', 'data', 'gs://bucket/data.csv', 'Dataset artifact'],
    ['a constant for the final status', 'notify-end', 'status', { state: 'FAILED' }, 'final status'],
  ])('reports %s', (_name, task, port, value, named) => {
    const found = findCode(sampleWith((d) => (d.graph.tasks[task]!.arguments[port] = { kind: 'constant', value })), 'KFS203');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ task, port });
    expect(found[0]!.message).toContain(named);
    expect(found[0]!.message).toContain(`'${port}'`);
  });

  it('accepts an integer for a number input, and matching constants', () => {
    expect(findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.rate = { kind: 'constant', value: 1 })), 'KFS203')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS203')).toEqual([]);
  });
});

describe('KFS204 type mismatch', () => {
  it('reports an Integer output feeding a Float input (the SDK does not widen)', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.train!.arguments.rate = { kind: 'taskOutput', task: 'load', output: 'rows' })), 'KFS204');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'train', port: 'rate' } })]);
    expect(found[0]!.message).toContain('Integer');
    expect(found[0]!.message).toContain('Float');
  });

  it('reports a Dataset artifact feeding a Model input, and a parameter feeding an artifact', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks['report-good']!.arguments.model = { kind: 'taskOutput', task: 'load', output: 'data' };
      d.graph.tasks.train!.arguments.data = { kind: 'graphInput', input: 'source_uri' };
    });
    const found = findCode(doc, 'KFS204');
    expect(found.map((d) => d.location)).toEqual([
      { task: 'report-good', port: 'model' },
      { task: 'train', port: 'data' },
    ]);
    expect(found[0]!.message).toContain('Dataset');
  });

  it('reports a oneOf whose sources differ in type', () => {
    const doc = sampleWith((d) => {
      d.components.verdict = { ...d.components.report!, outputs: [{ name: 'summary', type: { kind: 'parameter', type: 'NUMBER_INTEGER' } }] };
      d.graph.tasks['report-bad']!.component = 'verdict';
    });
    const found = findCode(doc, 'KFS204');
    expect(found.some((d) => d.location.task === 'final' && d.message.includes("'report-bad'"))).toBe(true);
  });

  it('passes matching types, including collected outputs as lists', () => {
    expect(findCode(sampleDocument(), 'KFS204')).toEqual([]);
  });
});

describe('KFS401 unknown component', () => {
  it('reports a task whose component is missing, without guessing at its ports', () => {
    const doc = sampleWith((d) => (d.graph.tasks.train!.component = 'trainer'));
    const found = findCode(doc, 'KFS401');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'train', field: 'component' } })]);
    expect(found[0]!.message).toContain("'trainer'");
    expect(findCode(doc, 'KFS201').concat(findCode(doc, 'KFS202'))).toEqual([]);
  });

  it('passes tasks whose components exist', () => {
    expect(findCode(sampleDocument(), 'KFS401')).toEqual([]);
  });
});

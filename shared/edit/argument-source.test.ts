import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../model/changes';
import type { ComponentSpec, KfpType, PipelineDocument } from '../model/document';
import { emptyDocument } from '../model/document';
import { task } from '../model/test-documents';
import { validate } from '../validate/validate';
import { nameSourceOptions, sourceOptions } from './argument-source';

const FLOAT: KfpType = { kind: 'parameter', type: 'NUMBER_DOUBLE' };
const LIST: KfpType = { kind: 'parameter', type: 'LIST' };
const STRING: KfpType = { kind: 'parameter', type: 'STRING' };
const MODEL: KfpType = { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' };
const MODELS: KfpType = { ...MODEL, isList: true };

const component = (name: string, inputs: [string, KfpType][], outputs: [string, KfpType][]): ComponentSpec => ({
  name,
  inputs: inputs.map(([n, type]) => ({ name: n, type })),
  outputs: outputs.map(([n, type]) => ({ name: n, type })),
  implementation: { kind: 'container', image: 'python:3.11', command: ['true'] },
});

/** `train` runs in parallel-for `shards`; `sum` and `pick` sit outside it; `peer` sits beside `train` in the loop. */
function loopDocument(): PipelineDocument {
  const doc = emptyDocument('collect');
  doc.components = {
    train: component('Train', [], [['score', FLOAT], ['model', MODEL], ['tag', STRING]]),
    sum: component('Sum', [['values', LIST], ['one', FLOAT]], []),
    pick: component('Pick', [['models', MODELS], ['best', MODEL]], []),
  };
  doc.graph.groups = { shards: { kind: 'parallelFor', id: 'shards', displayName: 'Shards', items: { kind: 'constant', value: [1, 2, 3] } } };
  doc.graph.tasks = {
    train: task('train', 'train', { parent: 'shards' }),
    peer: task('peer', 'sum', { parent: 'shards' }),
    sum: task('sum', 'sum'),
    pick: task('pick', 'pick'),
  };
  return doc;
}

const values = (doc: PipelineDocument, taskId: string, input: string) => {
  const port = doc.components[doc.graph.tasks[taskId]?.component ?? '']?.inputs.find((p) => p.name === input);
  if (!port) throw new Error(`no input ${input}`);
  return sourceOptions(doc, taskId, port, doc.graph.tasks[taskId]?.arguments[input]);
};

describe('collected sources (dsl.Collected)', () => {
  it('are offered to a list input outside the loop, for loop outputs whose list type fits', () => {
    const doc = loopDocument();
    const sum = values(doc, 'sum', 'values').map((o) => o.value);
    expect(sum).toContain('collected:train:score');
    expect(sum).toContain('collected:train:tag');
    expect(sum).not.toContain('collected:train:model');
    const models = values(doc, 'pick', 'models').map((o) => o.value);
    expect(models).toEqual(expect.arrayContaining(['collected:train:model']));
    expect(models.filter((v) => v.startsWith('collected:'))).toEqual(['collected:train:model']);
  });

  it('are not offered to single-value inputs, nor inside the loop, and a plain connection out of the loop is not offered either', () => {
    const doc = loopDocument();
    const one = values(doc, 'sum', 'one').map((o) => o.value);
    expect(one.filter((v) => v.includes('train'))).toEqual([]);
    expect(values(doc, 'pick', 'best').filter((o) => o.value.includes('train'))).toEqual([]);
    expect(values(doc, 'peer', 'values').filter((o) => o.value.startsWith('collected:'))).toEqual([]);
    expect(values(doc, 'peer', 'one').map((o) => o.value)).toContain('out:train:score');
  });

  it('names the loop, and the validator accepts what the picker offers', () => {
    const doc = loopDocument();
    const offered = [...values(doc, 'sum', 'values'), ...values(doc, 'pick', 'models')].filter((o) => o.argument?.kind === 'collected');
    expect(offered.length).toBe(3);
    for (const option of offered) expect(option.label).toMatch(/^train → \w+, collected over loop 'Shards'$/);
    const chosen = applyPipelineChanges(doc, [
      { type: 'setArgument', task: 'sum', input: 'values', argument: offered[0]?.argument ?? null },
      { type: 'setArgument', task: 'pick', input: 'models', argument: offered.at(-1)?.argument ?? null },
    ]);
    const wiring = (d: PipelineDocument) => validate(d).filter((x) => ['KFS101', 'KFS104', 'KFS204'].includes(x.code));
    expect(wiring(chosen)).toEqual([]);
    // The plain connection the picker leaves out is one the validator refuses.
    const plain = applyPipelineChanges(doc, [{ type: 'setArgument', task: 'sum', input: 'values', argument: { kind: 'taskOutput', task: 'train', output: 'score' } }]);
    expect(wiring(plain).map((d) => d.code)).toContain('KFS104');
  });

  it('are not offered when the loop sits in a condition the reader is outside of, or when it would make a cycle', () => {
    const doc = loopDocument();
    doc.graph.groups.gate = { kind: 'condition', id: 'gate', branches: [{ id: 'gate-yes', when: { left: { kind: 'constant', value: 1 }, operator: '==', right: { kind: 'constant', value: 1 } } }] };
    doc.graph.groups.shards = { ...(doc.graph.groups.shards as Extract<PipelineDocument['graph']['groups'][string], { kind: 'parallelFor' }>), parent: 'gate-yes' };
    expect(values(doc, 'sum', 'values').filter((o) => o.value.startsWith('collected:'))).toEqual([]);

    const cyclic = loopDocument();
    cyclic.graph.tasks.train = { ...(cyclic.graph.tasks.train as ReturnType<typeof task>), after: ['sum'] };
    expect(values(cyclic, 'sum', 'values').filter((o) => o.value.startsWith('collected:'))).toEqual([]);
  });

  it('keep a collected argument already set as the current choice', () => {
    const doc = applyPipelineChanges(loopDocument(), [{ type: 'setArgument', task: 'sum', input: 'values', argument: { kind: 'collected', task: 'train', output: 'score' } }]);
    const options = values(doc, 'sum', 'values');
    expect(options.filter((o) => o.value === 'collected:train:score')).toHaveLength(1);
  });
});

describe('name sources', () => {
  it('offer String parameters and String outputs the task can read, never its own or a downstream task', () => {
    const doc = loopDocument();
    doc.graph.inputs = [
      { name: 'claim', type: STRING },
      { name: 'count', type: FLOAT },
    ];
    const inLoop = nameSourceOptions(doc, 'peer', undefined).map((o) => o.value);
    expect(inLoop).toEqual(['none', 'param:claim', 'out:train:tag', 'loop:shards']);
    const outside = nameSourceOptions(doc, 'sum', undefined).map((o) => o.value);
    expect(outside).toEqual(['none', 'param:claim']);
    const self = nameSourceOptions(doc, 'train', undefined).map((o) => o.value);
    expect(self).not.toContain('out:train:tag');
  });
});

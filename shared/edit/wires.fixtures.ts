// Documents for canvas and command tests: a parallel-for whose outputs a step outside collects, and a condition
// whose branches feed one reader through a oneOf.
import { emptyDocument, type ComponentSpec, type PipelineDocument } from '../model/document';
import { INTEGER, LIST, producerComponent, STRING, task } from '../model/test-documents';

const totalComponent: ComponentSpec = {
  name: 'Total',
  inputs: [
    { name: 'counts', type: LIST },
    { name: 'best', type: INTEGER, optional: true },
    { name: 'note', type: STRING, optional: true },
  ],
  outputs: [{ name: 'sum', type: INTEGER }],
  implementation: { kind: 'container', image: 'python:3.11', command: ['python3', '-c', 'print(1)'] },
};

/**
 * Parallel-for `loop` ("Each shard") holding `shard` and `shard2`, and a condition `cond` with `check` in its first
 * branch; `total` (outside) collects `shard`'s count. Everything lies near the origin, in jsdom's view.
 */
export function loopDocument(): PipelineDocument {
  const doc = emptyDocument('collect');
  doc.components = { make: producerComponent, total: totalComponent };
  doc.graph.groups = {
    loop: { kind: 'parallelFor', id: 'loop', displayName: 'Each shard', items: { kind: 'constant', value: [1, 2, 3] } },
    cond: { kind: 'condition', id: 'cond', parent: 'loop', branches: [{ id: 'cond-yes', when: { left: { kind: 'loopItem', loop: 'loop' }, operator: '>', right: { kind: 'constant', value: 1 } } }, { id: 'cond-no' }] },
  };
  doc.graph.tasks = {
    shard: task('shard', 'make', { displayName: 'Shard', parent: 'loop', arguments: { rows: { kind: 'loopItem', loop: 'loop' } } }),
    shard2: task('shard2', 'make', { displayName: 'Shard two', parent: 'loop' }),
    check: task('check', 'make', { displayName: 'Check', parent: 'cond-yes' }),
    total: task('total', 'total', { displayName: 'Total', arguments: { counts: { kind: 'collected', task: 'shard', output: 'count' } } }),
  };
  doc.graph.layout = { shard: { x: 20, y: 40 }, shard2: { x: 20, y: 200 }, check: { x: 300, y: 60 }, total: { x: 700, y: 40 } };
  return doc;
}

/** `pick` reads `high` or `low` (one per branch of `gate`) through a oneOf; `report` puts `pick`'s sum in a text. */
export function oneOfDocument(): PipelineDocument {
  const doc = emptyDocument('pick');
  doc.components = { make: producerComponent, total: totalComponent };
  doc.graph.inputs = [{ name: 'n', type: INTEGER, default: 3 }];
  doc.graph.groups = {
    gate: { kind: 'condition', id: 'gate', branches: [{ id: 'gate-high', when: { left: { kind: 'graphInput', input: 'n' }, operator: '>', right: { kind: 'constant', value: 2 } } }, { id: 'gate-low' }] },
  };
  doc.graph.tasks = {
    high: task('high', 'make', { displayName: 'High', parent: 'gate-high' }),
    low: task('low', 'make', { displayName: 'Low', parent: 'gate-low' }),
    pick: task('pick', 'total', {
      displayName: 'Pick',
      arguments: {
        counts: { kind: 'constant', value: [] },
        best: { kind: 'oneOf', sources: [{ task: 'high', output: 'count' }, { task: 'low', output: 'count' }] },
      },
    }),
    report: task('report', 'total', {
      displayName: 'Report',
      arguments: { counts: { kind: 'constant', value: [] }, note: { kind: 'template', parts: ['best of ', { kind: 'graphInput', input: 'n' }, ': ', { kind: 'taskOutput', task: 'pick', output: 'sum' }] } },
    }),
  };
  doc.graph.layout = { high: { x: 20, y: 40 }, low: { x: 20, y: 260 }, pick: { x: 400, y: 40 }, report: { x: 700, y: 40 } };
  return doc;
}

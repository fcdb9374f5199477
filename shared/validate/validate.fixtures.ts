// A small pipeline that uses every construct validation knows (for the tests beside the rules): each test breaks one
// thing in a fresh copy and checks that exactly that is reported.
import type { Diagnostic, ErrorCode } from '../errors/codes';
import type { ComponentSpec, PipelineDocument } from '../model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../model/document';
import { validate } from './validate';
import { DATASET, DOUBLE, INTEGER, LIST, MODEL, STRING, TASK_STATUS } from '../model/test-documents';


function container(name: string, inputs: ComponentSpec['inputs'], outputs: ComponentSpec['outputs'], args: string[]): ComponentSpec {
  return { name, inputs, outputs, implementation: { kind: 'container', image: 'python:3.11', command: ['python', '-m', name], args } };
}

/** load → train → (good | bad) reports → final (in an exit handler, reading a oneOf); a loop of shard trainings; sum. */
export function sampleDocument(): PipelineDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: 'sample-pipeline',
    graph: {
      inputs: [
        { name: 'source_uri', type: STRING, default: 'gs://bucket/data.csv' },
        { name: 'rate', type: DOUBLE, default: 0.1 },
        { name: 'threshold', type: DOUBLE, default: 0.5 },
      ],
      outputs: [
        { name: 'best_score', type: DOUBLE, source: { kind: 'taskOutput', task: 'train', output: 'score' } },
        { name: 'all_scores', type: LIST, source: { kind: 'collected', task: 'train-shard', output: 'score' } },
      ],
      tasks: {
        load: { id: 'load', component: 'load', arguments: { uri: { kind: 'graphInput', input: 'source_uri' } }, after: [], options: {} },
        train: {
          id: 'train',
          component: 'train',
          arguments: { data: { kind: 'taskOutput', task: 'load', output: 'data' }, rate: { kind: 'graphInput', input: 'rate' } },
          after: [],
          options: { retry: { maxRetryCount: 2, backoffDuration: '30s' }, resources: { cpuRequest: '500m', cpuLimit: '2', memoryLimit: '4Gi' } },
        },
        'report-good': {
          id: 'report-good',
          component: 'report',
          parent: 'good',
          arguments: { model: { kind: 'taskOutput', task: 'train', output: 'model' }, label: { kind: 'constant', value: 'good' } },
          after: [],
          options: {},
        },
        'report-bad': {
          id: 'report-bad',
          component: 'report',
          parent: 'bad',
          arguments: { model: { kind: 'taskOutput', task: 'train', output: 'model' } },
          after: [],
          options: { env: [{ name: 'LOG_LEVEL', value: 'debug' }] },
        },
        final: {
          id: 'final',
          component: 'report',
          parent: 'guard',
          arguments: {
            model: { kind: 'taskOutput', task: 'train', output: 'model' },
            label: { kind: 'oneOf', sources: [{ task: 'report-good', output: 'summary' }, { task: 'report-bad', output: 'summary' }] },
          },
          after: [],
          options: {},
        },
        'notify-end': { id: 'notify-end', component: 'notify', arguments: { status: { kind: 'taskFinalStatus' } }, after: [], options: {} },
        'list-shards': { id: 'list-shards', component: 'shards', arguments: {}, after: [], options: {} },
        'train-shard': {
          id: 'train-shard',
          component: 'train',
          parent: 'each-shard',
          arguments: {
            data: { kind: 'taskOutput', task: 'load', output: 'data' },
            rate: { kind: 'constant', value: 0.5 },
            epochs: { kind: 'loopItem', loop: 'each-shard' },
          },
          after: ['train'],
          options: {},
        },
        'sum-scores': { id: 'sum-scores', component: 'sum', arguments: { values: { kind: 'collected', task: 'train-shard', output: 'score' } }, after: [], options: {} },
      },
      groups: {
        verdict: {
          kind: 'condition',
          id: 'verdict',
          parent: 'guard',
          branches: [
            { id: 'good', when: { left: { kind: 'taskOutput', task: 'train', output: 'score' }, operator: '>', right: { kind: 'graphInput', input: 'threshold' } } },
            { id: 'bad' },
          ],
        },
        guard: { kind: 'exitHandler', id: 'guard', exitTask: 'notify-end' },
        'each-shard': { kind: 'parallelFor', id: 'each-shard', items: { kind: 'taskOutput', task: 'list-shards', output: 'names' }, parallelism: 2 },
      },
      layout: {},
    },
    components: {
      load: container('load', [{ name: 'uri', type: STRING }], [{ name: 'data', type: DATASET }, { name: 'rows', type: INTEGER }], [
        "{{$.inputs.parameters['uri']}}",
        "{{$.outputs.artifacts['data'].path}}",
        "{{$.outputs.parameters['rows'].output_file}}",
      ]),
      train: container(
        'train',
        [
          { name: 'data', type: DATASET },
          { name: 'rate', type: DOUBLE },
          { name: 'epochs', type: INTEGER, optional: true, default: 3 },
        ],
        [
          { name: 'model', type: MODEL },
          { name: 'score', type: DOUBLE },
        ],
        ["{{$.inputs.artifacts['data'].path}}", "{{$.inputs.parameters['rate']}}", "{{$.outputs.artifacts['model'].path}}"],
      ),
      report: container('report', [{ name: 'model', type: MODEL }, { name: 'label', type: STRING, optional: true }], [{ name: 'summary', type: STRING }], [
        "{{$.inputs.artifacts['model'].path}}",
      ]),
      notify: container('notify', [{ name: 'status', type: TASK_STATUS }], [], ["{{$.inputs.parameters['status']}}"]),
      shards: container('shards', [], [{ name: 'names', type: LIST }], ["{{$.outputs.parameters['names'].output_file}}"]),
      sum: container('sum', [{ name: 'values', type: LIST }], [{ name: 'total', type: DOUBLE }], ["{{$.inputs.parameters['values']}}"]),
    },
  };
}

/** A fresh sample with one change applied. */
export function sampleWith(change: (doc: PipelineDocument) => void): PipelineDocument {
  const doc = sampleDocument();
  change(doc);
  return doc;
}

export function findCode(doc: PipelineDocument, code: ErrorCode): Diagnostic[] {
  return validate(doc).filter((d) => d.code === code);
}

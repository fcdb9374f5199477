// A document using every feature the Argo compiler supports, for its unit and conformance tests.
import type { ComponentSpec, PipelineDocument, Task } from '../../model/document';
import { emptyDocument, emptyGraph } from '../../model/document';
import { BOOLEAN, DATASET, DOUBLE, INTEGER, LIST, MODEL, STRING, task } from '../../model/test-documents';



const produce: ComponentSpec = {
  name: 'produce',
  inputs: [
    { name: 'rows', type: INTEGER, default: 10, optional: true },
    { name: 'tag', type: STRING, optional: true },
  ],
  outputs: [
    { name: 'data', type: DATASET },
    { name: 'count', type: INTEGER },
    { name: 'word', type: STRING },
  ],
  implementation: {
    kind: 'container',
    image: 'python:3.11',
    command: ['python3', '-m', 'produce'],
    args: [
      { concat: ['--rows=', "{{$.inputs.parameters['rows']}}"] },
      { ifPresent: { input: 'tag', then: ['--tag', "{{$.inputs.parameters['tag']}}"], else: ['--untagged'] } },
      '--run={{$.pipeline_job_name}}',
      '--workspace={{$.workspace_path}}',
      "{{$.outputs.artifacts['data'].path}}",
      "{{$.outputs.parameters['count'].output_file}}",
      "{{$.outputs.parameters['word'].output_file}}",
    ],
    env: [{ name: 'MODE', value: 'fast' }],
  },
};

const train: ComponentSpec = {
  name: 'train',
  inputs: [
    { name: 'data', type: DATASET },
    { name: 'label', type: STRING },
    { name: 'rate', type: DOUBLE, optional: true },
  ],
  outputs: [{ name: 'model', type: MODEL }, { name: 'score', type: DOUBLE }],
  implementation: { kind: 'script', image: 'python:3.11', language: 'python', code: 'import sys\nprint(sys.argv)\n', packages: ['numpy==2.1.0'] },
};

const echo: ComponentSpec = {
  name: 'echo',
  inputs: [{ name: 'text', type: STRING }],
  outputs: [{ name: 'Output', type: STRING }],
  implementation: { kind: 'script', image: 'alpine', language: 'shell', code: 'echo "$2" | tee "$4"' },
};

const report: ComponentSpec = {
  name: 'report',
  inputs: [{ name: 'status', type: { kind: 'parameter', type: 'TASK_FINAL_STATUS' } }, { name: 'who', type: STRING }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['status']}}", "{{$.inputs.parameters['who']}}"] },
};

const notify: ComponentSpec = {
  name: 'notify',
  inputs: [{ name: 'text', type: STRING }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['text']}}"] },
};

const gather: ComponentSpec = {
  name: 'gather',
  inputs: [{ name: 'values', type: LIST }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['values']}}"] },
};

const evaluate: ComponentSpec = {
  name: 'evaluate',
  inputs: [{ name: 'model', type: MODEL }, { name: 'word', type: STRING }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['evaluate', "{{$.inputs.artifacts['model'].path}}", "{{$.inputs.parameters['word']}}"] },
};

const load: ComponentSpec = {
  name: 'importer',
  inputs: [{ name: 'uri', type: STRING }],
  outputs: [{ name: 'artifact', type: DATASET }],
  implementation: { kind: 'importer', uriInput: 'uri', artifactType: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' }, reimport: false },
};

function innerPipeline(): ComponentSpec {
  const graph = emptyGraph();
  graph.inputs = [{ name: 'msg', type: STRING }];
  graph.tasks = {
    say: task('say', 'echo', { arguments: { text: { kind: 'graphInput', input: 'msg' } }, parent: 'inner-exit' }),
    'inner-bye': task('inner-bye', 'notify', { arguments: { text: { kind: 'graphInput', input: 'msg' } } }),
  };
  graph.groups = { 'inner-exit': { kind: 'exitHandler', id: 'inner-exit', exitTask: 'inner-bye' } };
  graph.outputs = [{ name: 'said', type: STRING, source: { kind: 'collected', task: 'say', output: 'Output' } }];
  // A collected output needs a loop: wrap `say` in one inside the exit handler.
  graph.groups['inner-loop'] = { kind: 'parallelFor', id: 'inner-loop', parent: 'inner-exit', items: { kind: 'constant', value: ['x', 'y'] } };
  (graph.tasks.say as Task).parent = 'inner-loop';
  return { name: 'inner', inputs: [{ name: 'msg', type: STRING }], outputs: [{ name: 'said', type: LIST }], implementation: { kind: 'graph', graph } };
}

export function argoEveryFeatureDocument(): PipelineDocument {
  const doc = emptyDocument('argo-every-feature');
  doc.displayName = 'Every Argo feature';
  doc.description = 'Uses everything the Argo compiler supports.';
  doc.runSettings = { activeDeadlineSeconds: 7200, resourceTtlOnCompletion: 600, resourceTtlOnFailure: 86400 };
  doc.workspace = { size: '1Gi', pvcSpecPatch: { storageClassName: 'standard' } };
  doc.components = { produce, train, echo, report, notify, gather, evaluate, importer: load, inner: innerPipeline() };
  const g = doc.graph;
  g.inputs = [
    { name: 'label', type: STRING, default: 'y', literals: ['y', 'z'] },
    { name: 'threshold', type: DOUBLE, default: 0.5 },
    { name: 'verbose', type: BOOLEAN, default: false },
    { name: 'shards', type: LIST, default: ['a', 'b'] },
    { name: 'claim', type: STRING, default: 'shared-data' },
    { name: 'project id', type: STRING, optional: true },
  ];
  g.groups = {
    main: { kind: 'exitHandler', id: 'main', exitTask: 'bye', displayName: 'Main work' },
    'pick-model': {
      kind: 'condition',
      id: 'pick-model',
      parent: 'main',
      branches: [
        { id: 'big', when: { left: { kind: 'taskOutput', task: 'produce', output: 'count' }, operator: '>', right: { kind: 'constant', value: 100 } } },
        { id: 'medium', when: { left: { kind: 'taskOutput', task: 'produce', output: 'word' }, operator: '==', right: { kind: 'constant', value: 'medium' } } },
        { id: 'small' },
      ],
    },
    'if-verbose': {
      kind: 'condition',
      id: 'if-verbose',
      parent: 'main',
      branches: [{ id: 'verbose-on', when: { left: { kind: 'graphInput', input: 'verbose' }, operator: '==', right: { kind: 'constant', value: true } } }],
    },
    'per-config': {
      kind: 'parallelFor',
      id: 'per-config',
      parent: 'main',
      items: { kind: 'constant', value: [{ rows: 1, tag: 'a' }, { rows: 2, tag: 'b' }] },
      parallelism: 2,
    },
    'per-shard': { kind: 'parallelFor', id: 'per-shard', parent: 'main', items: { kind: 'graphInput', input: 'shards' } },
  };
  g.tasks = {
    produce: task('produce', 'produce', {
      parent: 'main',
      arguments: { tag: { kind: 'template', parts: ['run-', { kind: 'graphInput', input: 'label' }, '-x'] } },
      options: {
        caching: false,
        retry: { maxRetryCount: 3, backoffDuration: '30s', backoffFactor: 2, backoffMaxDuration: '5m' },
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '4Gi', accelerator: { type: 'nvidia.com/gpu', count: 1 } },
        env: [{ name: 'EXTRA', value: '1' }],
        secrets: [
          { kind: 'env', secretName: 'creds', key: 'token', envVar: 'TOKEN' },
          { kind: 'volume', secretName: 'certs', mountPath: '/certs', optional: true },
          { kind: 'env', secretName: 'unused', key: 'k', envVar: 'K', secretNameFrom: { kind: 'graphInput', input: 'label' } },
        ],
        pvcs: [{ pvcName: 'unused', mountPath: '/data', pvcNameFrom: { kind: 'graphInput', input: 'claim' }, subPath: 'in' }],
        configMaps: [
          { kind: 'env', configMapName: 'settings', key: 'mode', envVar: 'SETTINGS_MODE' },
          { kind: 'volume', configMapName: 'settings', mountPath: '/etc/settings' },
        ],
        emptyDirs: [{ volumeName: 'scratch', mountPath: '/scratch', medium: 'Memory', sizeLimit: '1Gi' }],
        fieldPathEnv: [{ name: 'POD_IP', fieldPath: 'status.podIP' }],
        nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        imagePullPolicy: 'Always',
        imagePullSecrets: ['registry-creds'],
        podLabels: { team: 'ml' },
        podAnnotations: { 'example.com/owner': 'ml-team' },
        activeDeadlineSeconds: 3600,
      },
    }),
    'train-big': task('train-big', 'train', {
      parent: 'big',
      arguments: { data: { kind: 'taskOutput', task: 'produce', output: 'data' }, label: { kind: 'graphInput', input: 'label' }, rate: { kind: 'constant', value: 0.1 } },
    }),
    'train-medium': task('train-medium', 'train', {
      parent: 'medium',
      arguments: { data: { kind: 'taskOutput', task: 'produce', output: 'data' }, label: { kind: 'constant', value: 'medium' } },
    }),
    'train-small': task('train-small', 'train', {
      parent: 'small',
      arguments: { data: { kind: 'taskOutput', task: 'produce', output: 'data' }, label: { kind: 'constant', value: 'small' } },
    }),
    evaluate: task('evaluate', 'evaluate', {
      parent: 'main',
      arguments: {
        model: { kind: 'oneOf', sources: [{ task: 'train-big', output: 'model' }, { task: 'train-medium', output: 'model' }, { task: 'train-small', output: 'model' }] },
        word: { kind: 'oneOf', sources: [{ task: 'train-big', output: 'score' }, { task: 'train-medium', output: 'score' }, { task: 'train-small', output: 'score' }] },
      },
    }),
    chatty: task('chatty', 'notify', { parent: 'verbose-on', arguments: { text: { kind: 'taskOutput', task: 'produce', output: 'word' } } }),
    'config-run': task('config-run', 'produce', {
      parent: 'per-config',
      arguments: { rows: { kind: 'loopItem', loop: 'per-config', field: 'rows' }, tag: { kind: 'loopItem', loop: 'per-config', field: 'tag' } },
    }),
    'shard-echo': task('shard-echo', 'echo', { parent: 'per-shard', arguments: { text: { kind: 'loopItem', loop: 'per-shard' } } }),
    'gather-shards': task('gather-shards', 'gather', {
      parent: 'main',
      arguments: { values: { kind: 'collected', task: 'shard-echo', output: 'Output' } },
    }),
    'after-all': task('after-all', 'notify', {
      parent: 'main',
      arguments: { text: { kind: 'constant', value: 'done' } },
      after: ['pick-model', 'per-config'],
      options: { ignoreUpstreamFailure: true },
    }),
    load: task('load', 'importer', { parent: 'main', arguments: { uri: { kind: 'constant', value: 'gs://bucket/data/train.csv' } } }),
    nested: task('nested', 'inner', { parent: 'main', arguments: { msg: { kind: 'taskOutput', task: 'produce', output: 'word' } } }),
    'use-nested': task('use-nested', 'gather', { parent: 'main', arguments: { values: { kind: 'taskOutput', task: 'nested', output: 'said' } } }),
    bye: task('bye', 'report', { arguments: { status: { kind: 'taskFinalStatus' }, who: { kind: 'graphInput', input: 'project id' } } }),
  };
  g.outputs = [];
  return doc;
}

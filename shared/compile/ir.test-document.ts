// A document that uses every feature the IR compiler knows, for tests of the compiler and the importer.
import type { ComponentSpec, PipelineDocument } from '../model/document';
import { emptyDocument, emptyGraph } from '../model/document';
import { DATASET, INTEGER, LIST, MODEL, STRING, task } from '../model/test-documents';



const produce: ComponentSpec = {
  name: 'produce',
  inputs: [{ name: 'rows', type: INTEGER, default: 10, optional: true }],
  outputs: [
    { name: 'data', type: DATASET },
    { name: 'count', type: INTEGER },
    { name: 'word', type: STRING },
  ],
  implementation: {
    kind: 'container',
    image: 'python:3.11',
    command: ['python3', '-c', 'print(1)'],
    args: [
      { concat: ['--rows=', "{{$.inputs.parameters['rows']}}"] },
      { ifPresent: { input: 'rows', then: ['--has-rows'], else: ['--no-rows'] } },
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
    { name: 'note', type: STRING, optional: true },
  ],
  outputs: [{ name: 'model', type: MODEL }, { name: 'score', type: INTEGER }],
  implementation: {
    kind: 'script',
    image: 'python:3.11',
    language: 'python',
    code: 'import sys\nprint(sys.argv)\n',
    packages: ['numpy==2.1.0'],
  },
};

const echo: ComponentSpec = {
  name: 'echo',
  inputs: [{ name: 'text', type: STRING }],
  outputs: [{ name: 'Output', type: STRING }],
  implementation: { kind: 'script', image: 'alpine', language: 'shell', code: 'echo "$2" | tee "$4"' },
};

const status: ComponentSpec = {
  name: 'status',
  inputs: [{ name: 'status', type: { kind: 'parameter', type: 'TASK_FINAL_STATUS' } }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['status']}}"] },
};

const shards: ComponentSpec = {
  name: 'shards',
  inputs: [],
  outputs: [{ name: 'parts', type: { ...DATASET, isList: true } }],
  implementation: { kind: 'container', image: 'alpine', command: ['split'] },
};

const merge: ComponentSpec = {
  name: 'merge',
  inputs: [{ name: 'parts', type: { ...MODEL, isList: true } }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['merge'] },
};

const configure: ComponentSpec = {
  name: 'configure',
  inputs: [{ name: 'spec', type: { kind: 'parameter', type: 'STRUCT' } }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['spec']}}"] },
};

const load: ComponentSpec = {
  name: 'importer',
  inputs: [{ name: 'uri', type: STRING }],
  outputs: [{ name: 'artifact', type: DATASET }],
  implementation: {
    kind: 'importer',
    uriInput: 'uri',
    artifactType: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' },
    reimport: true,
    metadata: { origin: 'lake' },
    downloadToWorkspace: true,
  },
};

function innerPipeline(): ComponentSpec {
  const graph = emptyGraph();
  graph.inputs = [{ name: 'msg', type: STRING }];
  graph.tasks = { say: task('say', 'echo-inner', { arguments: { text: { kind: 'graphInput', input: 'msg' } } }) };
  graph.outputs = [{ name: 'said', type: STRING, source: { kind: 'taskOutput', task: 'say', output: 'Output' } }];
  return { name: 'inner', inputs: [{ name: 'msg', type: STRING }], outputs: [{ name: 'said', type: STRING }], implementation: { kind: 'graph', graph } };
}

/** Every feature: parameters, artifacts, script/container/importer/nested components, groups, options, platform. */
export function everyFeatureDocument(): PipelineDocument {
  const doc = emptyDocument('every-feature');
  doc.displayName = 'Every feature';
  doc.description = 'Uses everything the compiler supports.';
  doc.defaultPipelineRoot = 'minio://mlpipeline/v2/artifacts';
  doc.runSettings = { activeDeadlineSeconds: 7200, resourceTtlOnCompletion: 600 };
  doc.workspace = { size: '1Gi', pvcSpecPatch: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard' } };
  doc.components = { produce, train, echo, 'echo-inner': echo, status, importer: load, inner: innerPipeline(), configure, shards, merge };
  const g = doc.graph;
  g.inputs = [
    { name: 'label', type: STRING, default: 'cats', literals: ['cats', 'dogs'] },
    { name: 'threshold', type: INTEGER },
    { name: 'items', type: LIST, default: [{ a: '1' }, { a: '2' }] },
    { name: 'flag', type: { kind: 'parameter', type: 'BOOLEAN' }, optional: true },
    { name: 'ratio', type: { kind: 'parameter', type: 'NUMBER_DOUBLE' }, default: 0.5, description: 'a ratio' },
    { name: 'config', type: { kind: 'parameter', type: 'STRUCT' }, default: { k: 'v' } },
    { name: 'secret_name', type: STRING, default: 'db-creds' },
    { name: 'seed_data', type: DATASET, optional: true },
  ];
  g.groups = {
    'exit-handler-1': { id: 'exit-handler-1', kind: 'exitHandler', exitTask: 'report' },
    'condition-branches-2': {
      id: 'condition-branches-2',
      kind: 'condition',
      parent: 'exit-handler-1',
      branches: [
        { id: 'condition-3', when: { left: { kind: 'taskOutput', task: 'produce', output: 'count' }, operator: '>', right: { kind: 'graphInput', input: 'threshold' } } },
        { id: 'condition-4', when: { left: { kind: 'graphInput', input: 'label' }, operator: '==', right: { kind: 'constant', value: 'dogs' } } },
        { id: 'condition-5' },
      ],
    },
    'condition-6': {
      id: 'condition-6',
      kind: 'condition',
      displayName: 'only when flagged',
      branches: [{ id: 'condition-6-then', when: { left: { kind: 'graphInput', input: 'flag' }, operator: '==', right: { kind: 'constant', value: true } } }],
    },
    'for-loop-8': { id: 'for-loop-8', kind: 'parallelFor', items: { kind: 'constant', value: ['a', 'b', 'c'] }, parallelism: 2 },
    'for-loop-9': { id: 'for-loop-9', kind: 'parallelFor', items: { kind: 'graphInput', input: 'items' } },
    'for-loop-10': { id: 'for-loop-10', kind: 'parallelFor', items: { kind: 'taskOutput', task: 'shards', output: 'parts' } },
  };
  g.tasks = {
    produce: task('produce', 'produce', {
      parent: 'exit-handler-1',
      arguments: { rows: { kind: 'constant', value: 5 } },
      options: {
        caching: false,
        retry: { maxRetryCount: 3, backoffDuration: '30s', backoffFactor: 2, backoffMaxDuration: '3600s' },
        resources: { cpuLimit: '500m', cpuRequest: '250m', memoryLimit: '256Mi', memoryRequest: '128Mi', accelerator: { type: 'nvidia.com/gpu', count: 1 } },
        env: [{ name: 'EXTRA', value: '1' }],
        secrets: [
          { kind: 'env', secretName: 'db-creds', key: 'user', envVar: 'DB_USER' },
          { kind: 'env', secretName: 'db-creds', key: 'password', envVar: 'DB_PASSWORD' },
          { kind: 'volume', secretName: 'tls', mountPath: '/etc/tls', optional: true },
          { kind: 'env', secretName: '', key: 'token', envVar: 'TOKEN', secretNameFrom: { kind: 'graphInput', input: 'secret_name' } },
        ],
        pvcs: [{ pvcName: 'shared-data', mountPath: '/data' }],
        nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' },
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
          { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoExecute', tolerationSeconds: 60 },
        ],
        configMaps: [
          { kind: 'env', configMapName: 'settings', key: 'level', envVar: 'LEVEL' },
          { kind: 'env', configMapName: 'settings', key: 'region', envVar: 'REGION' },
          { kind: 'volume', configMapName: '', mountPath: '/etc/app', configMapNameFrom: { kind: 'graphInput', input: 'label' } },
        ],
        emptyDirs: [{ volumeName: 'scratch', mountPath: '/scratch', medium: 'Memory', sizeLimit: '1Gi' }],
        activeDeadlineSeconds: 3600,
        imagePullPolicy: 'IfNotPresent',
        imagePullSecrets: ['registry-creds'],
        podLabels: { team: 'ml' },
        podAnnotations: { note: 'x' },
        fieldPathEnv: [{ name: 'POD_NAME', fieldPath: 'metadata.name' }],
      },
    }),
    train: task('train', 'train', {
      parent: 'condition-3',
      displayName: 'Train the model',
      options: {
        cacheKey: 'train-v1',
        pvcs: [{ pvcName: '', mountPath: '/work', subPath: 'runs', pvcNameFrom: { kind: 'taskOutput', task: 'produce', output: 'word' } }],
      },
      arguments: {
        data: { kind: 'taskOutput', task: 'produce', output: 'data' },
        label: { kind: 'template', parts: ['label-', { kind: 'graphInput', input: 'label' }, '-', { kind: 'taskOutput', task: 'produce', output: 'word' }] },
      },
    }),
    'echo-if': task('echo-if', 'echo', { parent: 'condition-3', arguments: { text: { kind: 'constant', value: 'if' } } }),
    'echo-elif': task('echo-elif', 'echo', { parent: 'condition-4', arguments: { text: { kind: 'constant', value: 'elif' } } }),
    'echo-else': task('echo-else', 'echo', { parent: 'condition-5', arguments: { text: { kind: 'constant', value: 'else' } } }),
    report: task('report', 'status', { arguments: { status: { kind: 'taskFinalStatus' } } }),
    load: task('load', 'importer', { parent: 'condition-6-then', arguments: { uri: { kind: 'constant', value: 'gs://bucket/data.csv' } } }),
    square: task('square', 'echo', { parent: 'for-loop-8', arguments: { text: { kind: 'loopItem', loop: 'for-loop-8' } } }),
    field: task('field', 'echo', { parent: 'for-loop-9', arguments: { text: { kind: 'loopItem', loop: 'for-loop-9', field: 'a' } } }),
    gather: task('gather', 'inner', {
      after: ['square'],
      arguments: { msg: { kind: 'template', parts: ['n=', { kind: 'graphInput', input: 'ratio' }] } },
      options: { ignoreUpstreamFailure: true },
    }),
    shards: task('shards', 'shards'),
    'per-shard': task('per-shard', 'train', {
      parent: 'for-loop-10',
      arguments: { data: { kind: 'loopItem', loop: 'for-loop-10' }, label: { kind: 'constant', value: 'shard' } },
    }),
    merge: task('merge', 'merge', { arguments: { parts: { kind: 'collected', task: 'per-shard', output: 'model' } } }),
    configure: task('configure', 'configure', {
      arguments: { spec: { kind: 'template', format: 'json', parts: ['{"name": "', { kind: 'graphInput', input: 'label' }, '", "replicas": 2}'] } },
    }),
    pick: task('pick', 'echo', {
      parent: 'exit-handler-1',
      arguments: {
        text: {
          kind: 'oneOf',
          sources: [
            { task: 'echo-if', output: 'Output' },
            { task: 'echo-elif', output: 'Output' },
            { task: 'echo-else', output: 'Output' },
          ],
        },
      },
    }),
  };
  g.outputs = [
    { name: 'squares', type: LIST, source: { kind: 'collected', task: 'square', output: 'Output' } },
    { name: 'said', type: STRING, source: { kind: 'taskOutput', task: 'gather', output: 'said' } },
  ];
  return doc;
}

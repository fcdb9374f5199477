// The examples that run on this machine with no cluster and no Docker (python3's standard library and sh only):
// resources/examples/*-local.pipeline.json, written by test/resources/build-examples.ts.
import path from 'node:path';
import type { Argument, ComponentSpec, Group, KfpType, PipelineDocument, PortSpec, Task } from '../../shared/model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../../shared/model/document';
import { serializeDocument } from '../../shared/model/document.parse';
import { EXAMPLES_DIR } from './bundled-catalog';
import { LOCAL_SCRIPTS } from './local-examples.scripts';

const IMAGE = 'python:3.11-slim';

const param = (type: 'STRING' | 'NUMBER_INTEGER' | 'NUMBER_DOUBLE' | 'BOOLEAN' | 'LIST'): KfpType => ({ kind: 'parameter', type });
const artifact = (schemaTitle: string): KfpType => ({ kind: 'artifact', schemaTitle, schemaVersion: '0.0.1' });
const port = (name: string, type: KfpType, description: string, defaultValue?: PortSpec['default']): PortSpec => ({
  name,
  type,
  description,
  ...(defaultValue !== undefined ? { optional: true, default: defaultValue } : {}),
});

function script(name: string, description: string, inputs: PortSpec[], outputs: PortSpec[], code: string, language: 'python' | 'shell' = 'python'): ComponentSpec {
  return { name, description, inputs, outputs, implementation: { kind: 'script', image: IMAGE, language, code }, source: { kind: 'script' } };
}

const input = (name: string): Argument => ({ kind: 'graphInput', input: name });
const output = (task: string, name: string): Argument => ({ kind: 'taskOutput', task, output: name });
const constant = (value: string | number): Argument => ({ kind: 'constant', value });

function task(id: string, component: string, displayName: string, args: Task['arguments'], extra: Partial<Task> = {}): Task {
  return { id, component, displayName, arguments: args, after: [], options: {}, ...extra };
}

function document(name: string, displayName: string, description: string, inputs: PortSpec[], tasks: Task[], groups: Group[], layout: PipelineDocument['graph']['layout'], components: { [id: string]: ComponentSpec }): PipelineDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name,
    displayName,
    description,
    graph: {
      inputs,
      outputs: [],
      tasks: Object.fromEntries(tasks.map((t) => [t.id, t])),
      groups: Object.fromEntries(groups.map((g) => [g.id, g])),
      layout,
    },
    components,
  };
}

const LABEL = 'tipped';

export function buildClassicLocal(): PipelineDocument {
  const components = {
    'make-data': script(
      'Make data',
      'Writes a small CSV of synthetic taxi trips (miles, minutes, fare, whether the tip was generous).',
      [port('rows', param('NUMBER_INTEGER'), 'How many trips to write.', 400), port('seed', param('NUMBER_INTEGER'), 'Random seed, so runs can be repeated.', 7)],
      [port('data', artifact('system.Dataset'), 'The trips as CSV with a header row.')],
      LOCAL_SCRIPTS.makeData,
    ),
    preprocess: script(
      'Preprocess',
      'Scales the features to 0..1 and splits the rows into training and test sets.',
      [
        port('data', artifact('system.Dataset'), 'CSV with a header row.'),
        port('label_column', param('STRING'), 'The column to predict.'),
        port('test_fraction', param('NUMBER_DOUBLE'), 'Share of the rows kept for testing.', 0.25),
      ],
      [port('train_data', artifact('system.Dataset'), 'Training rows (CSV).'), port('test_data', artifact('system.Dataset'), 'Test rows (CSV).')],
      LOCAL_SCRIPTS.preprocess,
    ),
    train: script(
      'Train',
      'Fits a logistic regression by gradient descent in plain Python.',
      [
        port('train_data', artifact('system.Dataset'), 'Training rows (CSV).'),
        port('label_column', param('STRING'), 'The column to predict.'),
        port('learning_rate', param('NUMBER_DOUBLE'), 'Gradient descent step size.', 0.5),
        port('epochs', param('NUMBER_INTEGER'), 'Passes over the training rows.', 300),
      ],
      [port('model', artifact('system.Model'), 'The weights as JSON.')],
      LOCAL_SCRIPTS.train,
    ),
    test: script(
      'Test',
      'Scores the model on the test rows: accuracy and more as KFP metrics, a confusion matrix and ROC curve, a report.',
      [
        port('test_data', artifact('system.Dataset'), 'Test rows (CSV).'),
        port('model', artifact('system.Model'), 'The trained weights.'),
        port('label_column', param('STRING'), 'The column to predict.'),
      ],
      [
        port('metrics', artifact('system.Metrics'), 'Accuracy, precision, recall (KFP metrics).'),
        port('classification', artifact('system.ClassificationMetrics'), 'Confusion matrix and ROC curve.'),
        port('report', artifact('system.Markdown'), 'A short report.'),
        port('accuracy', param('NUMBER_DOUBLE'), 'Share of test rows predicted right.'),
      ],
      LOCAL_SCRIPTS.test,
    ),
  };
  const tasks = [
    task('make-data', 'make-data', 'Make data', { rows: input('rows'), seed: input('seed') }),
    task('preprocess', 'preprocess', 'Preprocess', { data: output('make-data', 'data'), label_column: constant(LABEL), test_fraction: input('test_fraction') }),
    task('train', 'train', 'Train', { train_data: output('preprocess', 'train_data'), label_column: constant(LABEL), epochs: input('epochs') }),
    task('test', 'test', 'Test', { test_data: output('preprocess', 'test_data'), model: output('train', 'model'), label_column: constant(LABEL) }),
  ];
  return document(
    'classic-local',
    'Classic pipeline (runs locally)',
    'The classic example in a form that runs on this machine: make a small CSV of taxi trips, preprocess it into ' +
      'training and test sets, train a logistic regression in plain Python, and test it (metrics, confusion matrix, ROC).',
    [
      port('rows', param('NUMBER_INTEGER'), 'How many trips the data step makes.', 400),
      port('seed', param('NUMBER_INTEGER'), 'Random seed of the data step.', 7),
      port('test_fraction', param('NUMBER_DOUBLE'), 'Share of the rows kept for testing.', 0.25),
      port('epochs', param('NUMBER_INTEGER'), 'Training passes.', 300),
    ],
    tasks,
    [],
    { 'make-data': { x: 0, y: 120 }, preprocess: { x: 320, y: 120 }, train: { x: 640, y: 40 }, test: { x: 960, y: 160 } },
    components,
  );
}

export function buildConditionLoopLocal(): PipelineDocument {
  const components = {
    measure: script(
      'Measure',
      'Computes a quality score from a sample size (a stand-in for a data check).',
      [port('samples', param('NUMBER_INTEGER'), 'How many samples to draw.', 50)],
      [port('score', param('NUMBER_DOUBLE'), 'Quality from 0 to 1.')],
      LOCAL_SCRIPTS.measure,
    ),
    announce: script(
      'Announce',
      'Prints a message.',
      [port('message', param('STRING'), 'What to say.'), port('score', param('NUMBER_DOUBLE'), 'The score behind it.')],
      [],
      'echo "$2: score $4"',
      'shell',
    ),
    'process-shard': script(
      'Process shard',
      'Works on one shard: sums the squares up to its number, slowly enough to see the parallelism.',
      [port('shard', param('NUMBER_INTEGER'), 'The shard number.')],
      [port('total', param('NUMBER_INTEGER'), 'The shard result.')],
      LOCAL_SCRIPTS.processShard,
    ),
    summarize: script(
      'Summarize',
      'Adds up the shard results.',
      [port('totals', param('LIST'), 'Every shard result.')],
      [port('sum', param('NUMBER_INTEGER'), 'Their sum.')],
      LOCAL_SCRIPTS.summarize,
    ),
  };
  const groups: Group[] = [
    {
      id: 'condition-1',
      kind: 'condition',
      displayName: 'Good enough?',
      branches: [
        { id: 'condition-2', when: { left: output('measure', 'score'), operator: '>=', right: input('threshold') } },
        { id: 'condition-3' },
      ],
    },
    { id: 'for-loop-4', kind: 'parallelFor', displayName: 'Each shard', items: input('shards'), parallelism: 2, itemType: 'NUMBER_INTEGER' },
  ];
  const tasks = [
    task('measure', 'measure', 'Measure', { samples: input('samples') }),
    task('accept', 'announce', 'Accept', { message: constant('accepted'), score: output('measure', 'score') }, { parent: 'condition-2' }),
    task('reject', 'announce', 'Reject', { message: constant('rejected'), score: output('measure', 'score') }, { parent: 'condition-3' }),
    task('process-shard', 'process-shard', 'Process shard', { shard: { kind: 'loopItem', loop: 'for-loop-4' } }, { parent: 'for-loop-4' }),
    task('summarize', 'summarize', 'Summarize', { totals: { kind: 'collected', task: 'process-shard', output: 'total' } }),
  ];
  return document(
    'condition-loop-local',
    'Condition and loop (runs locally)',
    'Measures a score and takes one branch of an if/else on it; processes shards in a parallel-for two at a time and sums them.',
    [
      port('samples', param('NUMBER_INTEGER'), 'Sample size of the measure step.', 50),
      port('threshold', param('NUMBER_DOUBLE'), 'Score needed to accept.', 0.5),
      port('shards', param('LIST'), 'The shards to process.', [1, 2, 3, 4]),
    ],
    tasks,
    groups,
    {
      measure: { x: 0, y: 150 },
      'condition-1': { x: 300, y: -40, width: 320, height: 400 },
      accept: { x: 340, y: 20 },
      reject: { x: 340, y: 230 },
      'for-loop-4': { x: 300, y: 420, width: 320, height: 200 },
      'process-shard': { x: 340, y: 480 },
      summarize: { x: 720, y: 480 },
    },
    components,
  );
}

/** Each example file with the text it should hold. */
export function buildLocalExamples(): { file: string; text: string }[] {
  return [
    { file: path.join(EXAMPLES_DIR, 'classic-local.pipeline.json'), text: serializeDocument(buildClassicLocal()) },
    { file: path.join(EXAMPLES_DIR, 'condition-loop-local.pipeline.json'), text: serializeDocument(buildConditionLoopLocal()) },
  ];
}

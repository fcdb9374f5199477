// The tutorial's pipeline as a bundled example (resources/examples/tutorial-containers.pipeline.json): three Python
// scripts (resources/examples/tutorial/) each built into its own image and pushed to a registry, steps wired through
// outputs their scripts write at fixed paths (v1 `file_outputs`). The images are named for the local registry at
// 127.0.0.1:5000; Build image (or `kfp-studio image build --script … --push --document … --component …`) replaces
// each with the pushed reference pinned by digest.
import path from 'node:path';
import type { ComponentSpec, KfpType, PipelineDocument, PortSpec, Task } from '../../shared/model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../../shared/model/document';
import { serializeDocument } from '../../shared/model/document.parse';
import { EXAMPLES_DIR } from './bundled-catalog';

export const TUTORIAL_ID = 'tutorial-containers';
export const TUTORIAL_SCRIPTS_DIR = path.join(EXAMPLES_DIR, 'tutorial');
export const TUTORIAL_REGISTRY = '127.0.0.1:5000';
export const TUTORIAL_STEPS = ['preprocess', 'train', 'test'] as const;

const dataset: KfpType = { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' };
const model: KfpType = { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' };
const markdown: KfpType = { kind: 'artifact', schemaTitle: 'system.Markdown', schemaVersion: '0.0.1' };
const integer: KfpType = { kind: 'parameter', type: 'NUMBER_INTEGER' };
const double: KfpType = { kind: 'parameter', type: 'NUMBER_DOUBLE' };

const port = (name: string, type: KfpType, description: string): PortSpec => ({ name, type, description });
const artifactPath = (name: string) => `{{$.inputs.artifacts['${name}'].path}}`;
const parameter = (name: string) => `{{$.inputs.parameters['${name}']}}`;

function step(name: string, description: string, inputs: PortSpec[], outputs: PortSpec[], args: string[], fileOutputs: { [output: string]: string }): ComponentSpec {
  const id = name.toLowerCase();
  return {
    name,
    description,
    inputs,
    outputs,
    implementation: { kind: 'container', image: `${TUTORIAL_REGISTRY}/kfp-studio-tutorial/${id}:v1`, command: ['python3', `/app/${id}.py`, ...args], fileOutputs },
    source: { kind: 'image' },
  };
}

function task(id: string, displayName: string, args: Task['arguments']): Task {
  return { id, component: id, displayName, arguments: args, after: [], options: {} };
}

export function buildTutorialExample(): PipelineDocument {
  const components = {
    preprocess: step(
      'Preprocess',
      'tutorial/preprocess.py in its own image: makes house prices from rooms and age and splits them; writes /data/train.csv and /data/test.csv.',
      [port('rows', integer, 'How many houses to make.'), port('seed', integer, 'Random seed, so a run can be repeated.')],
      [port('train_data', dataset, 'Training rows (CSV), the file /data/train.csv.'), port('test_data', dataset, 'Test rows (CSV), the file /data/test.csv.')],
      ['--rows', parameter('rows'), '--seed', parameter('seed')],
      { train_data: '/data/train.csv', test_data: '/data/test.csv' },
    ),
    train: step(
      'Train',
      'tutorial/train.py in its own image: fits a linear regression to the training rows; writes /data/model.json.',
      [port('train_data', dataset, 'Training rows (CSV).')],
      [port('model', model, 'The coefficients as JSON, the file /data/model.json.')],
      ['--train', artifactPath('train_data')],
      { model: '/data/model.json' },
    ),
    test: step(
      'Test',
      'tutorial/test.py in its own image: scores the model on the test rows; writes /data/mse.txt and /data/report.md.',
      [port('test_data', dataset, 'Test rows (CSV).'), port('model', model, 'The trained model.')],
      [port('mse', double, 'Mean squared error on the test rows, the file /data/mse.txt.'), port('report', markdown, 'A short report, the file /data/report.md.')],
      ['--test', artifactPath('test_data'), '--model', artifactPath('model')],
      { mse: '/data/mse.txt', report: '/data/report.md' },
    ),
  };
  const output = (t: string, o: string) => ({ kind: 'taskOutput' as const, task: t, output: o });
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: TUTORIAL_ID,
    displayName: 'Tutorial: three scripts, three images',
    description:
      "The Kubeflow tutorial's pipeline: preprocess, train and test are Python scripts (resources/examples/tutorial/), each " +
      'built into its own image and pushed to a registry, passing data through files they write at fixed paths. Build ' +
      "each step's image first (Edit step, Build image…, from its script): they are named for a local registry at " +
      `${TUTORIAL_REGISTRY}. Then run it here in containers, or compile it and submit it to a cluster.`,
    graph: {
      inputs: [
        { ...port('rows', integer, 'How many houses the preprocess step makes.'), optional: true, default: 200 },
        { ...port('seed', integer, 'Random seed of the preprocess step.'), optional: true, default: 1 },
      ],
      outputs: [],
      tasks: {
        preprocess: task('preprocess', 'Preprocess', { rows: { kind: 'graphInput', input: 'rows' }, seed: { kind: 'graphInput', input: 'seed' } }),
        train: task('train', 'Train', { train_data: output('preprocess', 'train_data') }),
        test: task('test', 'Test', { test_data: output('preprocess', 'test_data'), model: output('train', 'model') }),
      },
      groups: {},
      layout: { preprocess: { x: 0, y: 80 }, train: { x: 340, y: 0 }, test: { x: 680, y: 80 } },
    },
    components,
  };
}

export function tutorialExampleFile(): { file: string; text: string } {
  return { file: path.join(EXAMPLES_DIR, `${TUTORIAL_ID}.pipeline.json`), text: serializeDocument(buildTutorialExample()) };
}

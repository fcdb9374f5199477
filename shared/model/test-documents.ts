// Small documents for unit tests of the model and of anything that reads it.
import type { ComponentSpec, KfpType, PipelineDocument, Task } from './document';
import { emptyDocument } from './document';

export const STRING = { kind: 'parameter', type: 'STRING' } satisfies KfpType;
export const INTEGER = { kind: 'parameter', type: 'NUMBER_INTEGER' } satisfies KfpType;
export const DOUBLE = { kind: 'parameter', type: 'NUMBER_DOUBLE' } satisfies KfpType;
export const BOOLEAN = { kind: 'parameter', type: 'BOOLEAN' } satisfies KfpType;
export const LIST = { kind: 'parameter', type: 'LIST' } satisfies KfpType;
export const TASK_STATUS = { kind: 'parameter', type: 'TASK_FINAL_STATUS' } satisfies KfpType;
export const DATASET = { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } satisfies KfpType;
export const MODEL = { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' } satisfies KfpType;

export const producerComponent: ComponentSpec = {
  name: 'Make data',
  inputs: [{ name: 'rows', type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, default: 10, optional: true }],
  outputs: [
    { name: 'data', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } },
    { name: 'count', type: { kind: 'parameter', type: 'NUMBER_INTEGER' } },
  ],
  implementation: { kind: 'container', image: 'python:3.11', command: ['python3', '-c', 'print(1)'], args: ["{{$.inputs.parameters['rows']}}"] },
};

export const consumerComponent: ComponentSpec = {
  name: 'Use data',
  inputs: [
    { name: 'data', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } },
    { name: 'label', type: { kind: 'parameter', type: 'STRING' } },
  ],
  outputs: [{ name: 'model', type: { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' } }],
  implementation: { kind: 'container', image: 'python:3.11', args: ["{{$.inputs.artifacts['data'].path}}", "{{$.outputs.artifacts['model'].path}}"] },
};

export function task(id: string, component: string, extra: Partial<Task> = {}): Task {
  return { id, component, arguments: {}, after: [], options: {}, ...extra };
}

/** make → use, with a `label` pipeline parameter feeding `use`. */
export function twoStepDocument(): PipelineDocument {
  const doc = emptyDocument('two-steps');
  doc.components = { make: producerComponent, use: consumerComponent };
  doc.graph.inputs = [{ name: 'label', type: { kind: 'parameter', type: 'STRING' }, default: 'x' }];
  doc.graph.tasks = {
    make: task('make', 'make'),
    use: task('use', 'use', {
      arguments: { data: { kind: 'taskOutput', task: 'make', output: 'data' }, label: { kind: 'graphInput', input: 'label' } },
    }),
  };
  doc.graph.layout = { make: { x: 0, y: 0 }, use: { x: 0, y: 120 } };
  return doc;
}

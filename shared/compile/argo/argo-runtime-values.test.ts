// Values known only when the pipeline runs, which Argo still carries: resources taken from pipeline parameters or task
// outputs (a podSpecPatch Argo fills from the template's inputs) and artifact pipeline inputs (the Workflow's
// `spec.arguments.artifacts`, handed to the entrypoint DAG).
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { describe, expect, it } from 'vitest';
import type { ComponentSpec, PipelineDocument, Task } from '../../model/document';
import { emptyDocument } from '../../model/document';
import { compileToArgo } from './argo.compile';
import { checkWorkflowReferences } from './argo.test-check';

// The tests read deep into the compiled, YAML-shaped object; typing each path would hide what they check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { [key: string]: any };

const text = { kind: 'parameter', type: 'STRING' } as const;
const dataset = { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } as const;

const sizer: ComponentSpec = {
  name: 'sizer',
  inputs: [],
  outputs: [{ name: 'cpu', type: text }],
  implementation: { kind: 'container', image: 'alpine', command: ['sh', '-c', 'echo 2 > "$0"', "{{$.outputs.parameters['cpu'].output_file}}"] },
};
const work: ComponentSpec = {
  name: 'work',
  inputs: [{ name: 'data', type: dataset, optional: true }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['ls', "{{$.inputs.artifacts['data'].path}}"] },
};

function compiled(doc: PipelineDocument): Obj {
  const wf = compileToArgo(doc) as Obj;
  new Workflow(wf as ConstructorParameters<typeof Workflow>[0]).validate();
  expect(checkWorkflowReferences(wf)).toEqual([]);
  return wf;
}

function template(wf: Obj, name: string): Obj {
  return (wf.spec.templates as Obj[]).find((t) => t.name === name) as Obj;
}

function dagTask(wf: Obj, name: string): Obj {
  return (template(wf, wf.spec.entrypoint as string).dag.tasks as Obj[]).find((t) => t.name === name) as Obj;
}

describe('resources taken from values at run time', () => {
  const doc = emptyDocument('sized');
  doc.components = { sizer, work: { ...work, inputs: [], implementation: { kind: 'container', image: 'alpine', command: ['nproc'] } } };
  doc.graph.inputs = [{ name: 'memory', type: text, default: '4Gi' }, { name: 'gpus', type: text, default: '1' }];
  const run: Task = {
    id: 'run',
    component: 'work',
    arguments: {},
    after: [],
    options: {
      resources: {
        cpuRequest: '500m',
        cpuLimit: '1',
        accelerator: { type: 'nvidia.com/gpu', count: 1 },
        from: {
          cpuLimit: { kind: 'taskOutput', task: 'size', output: 'cpu' },
          memoryLimit: { kind: 'graphInput', input: 'memory' },
          acceleratorCount: { kind: 'graphInput', input: 'gpus' },
        },
      },
    },
  };
  doc.graph.tasks = { size: { id: 'size', component: 'sizer', arguments: {}, after: [], options: {} }, run };
  const wf = compiled(doc);
  const runTemplate = template(wf, dagTask(wf, 'run').template as string);

  it('keeps literal quantities on the container and patches the pod with the run-time ones', () => {
    expect(runTemplate.container.resources).toEqual({ requests: { cpu: '500m' } });
    expect(JSON.parse(runTemplate.podSpecPatch as string)).toEqual({
      containers: [
        {
          name: 'main',
          resources: {
            limits: {
              cpu: '{{inputs.parameters.resource-cpu-limit}}',
              memory: '{{inputs.parameters.resource-memory-limit}}',
              'nvidia.com/gpu': '{{inputs.parameters.resource-accelerator-count}}',
            },
          },
        },
      ],
    });
  });

  it('feeds the patch from the producing task and the pipeline parameters, after the producer ran', () => {
    const call = dagTask(wf, 'run');
    const given = new Map((call.arguments.parameters as Obj[]).map((p) => [p.name, p.value]));
    expect(given.get('resource-cpu-limit')).toBe('{{tasks.size.outputs.parameters.cpu}}');
    expect(given.get('resource-memory-limit')).toBe('{{workflow.parameters.memory}}');
    expect(given.get('resource-accelerator-count')).toBe('{{workflow.parameters.gpus}}');
    expect(call.dependencies).toContain('size');
  });

  it('writes no patch when every resource is literal', () => {
    const fixed = JSON.parse(JSON.stringify(doc)) as PipelineDocument;
    (fixed.graph.tasks.run as Task).options.resources = { cpuLimit: '1' };
    const fixedWf = compiled(fixed);
    const t = template(fixedWf, dagTask(fixedWf, 'run').template as string);
    expect(t.podSpecPatch).toBeUndefined();
    expect(t.container.resources).toEqual({ limits: { cpu: '1' } });
  });
});

describe('artifact pipeline inputs', () => {
  const doc = emptyDocument('Read data');
  doc.components = { work };
  doc.graph.inputs = [{ name: 'data', type: dataset }, { name: 'extra_data', type: dataset, optional: true }, { name: 'n', type: text, default: 'x' }];
  doc.graph.groups = { twice: { kind: 'parallelFor', id: 'twice', items: { kind: 'constant', value: [1, 2] } } };
  doc.graph.tasks = {
    top: { id: 'top', component: 'work', arguments: { data: { kind: 'graphInput', input: 'data' } }, after: [], options: {} },
    inner: { id: 'inner', component: 'work', parent: 'twice', arguments: { data: { kind: 'graphInput', input: 'extra_data' } }, after: [], options: {} },
  };
  const wf = compiled(doc);

  it('names each one among the Workflow arguments, at a key of the default artifact repository', () => {
    expect(wf.spec.arguments.artifacts).toEqual([
      { name: 'data', s3: { key: 'inputs/read-data/data' } },
      { name: 'extra_data', s3: { key: 'inputs/read-data/extra_data' }, optional: true },
    ]);
    expect((wf.spec.arguments.parameters as Obj[]).map((p) => p.name)).toEqual(['n']);
  });

  it('hands them to the entrypoint DAG and from there to the steps, inside a loop too', () => {
    const entry = template(wf, wf.spec.entrypoint as string);
    expect(entry.inputs.artifacts).toEqual([{ name: 'data' }, { name: 'extra_data' }]);
    expect(dagTask(wf, 'top').arguments.artifacts).toEqual([{ name: 'data', from: '{{inputs.artifacts.data}}' }]);
    const loop = dagTask(wf, 'twice');
    expect(loop.arguments.artifacts).toEqual([expect.objectContaining({ from: '{{inputs.artifacts.extra_data}}' })]);
  });
});

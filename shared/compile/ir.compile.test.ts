import { describe, expect, it } from 'vitest';
import { isKfsError } from '../errors/codes';
import type { ComponentSpec, PipelineDocument, Task } from '../model/document';
import { producerComponent, twoStepDocument } from '../model/test-documents';
import { importIr } from '../import/ir.import';
import { compileToIr } from './ir.compile';
import { irToYaml } from './ir.yaml';
import { everyFeatureDocument } from './ir.test-document';

// The IR is untyped JSON: tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { [key: string]: any };

function task(id: string, component: string, extra: Partial<Task> = {}): Task {
  return { id, component, arguments: {}, after: [], options: {}, ...extra };
}

const echo: ComponentSpec = {
  name: 'echo',
  inputs: [{ name: 'text', type: { kind: 'parameter', type: 'STRING' } }],
  outputs: [{ name: 'Output', type: { kind: 'parameter', type: 'STRING' } }],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['text']}}"] },
};

function spec(doc: PipelineDocument): Obj {
  return compileToIr(doc).pipelineSpec as Obj;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isKfsError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('compileToIr', () => {
  it('compiles tasks, artifact and parameter passing and pipeline parameters as the SDK does', () => {
    const ir = spec(twoStepDocument());
    expect(ir.schemaVersion).toBe('2.1.0');
    expect(ir.pipelineInfo).toEqual({ name: 'two-steps' });
    expect(ir.root.inputDefinitions.parameters.label).toEqual({ parameterType: 'STRING', defaultValue: 'x', isOptional: true });
    const use = ir.root.dag.tasks.use;
    expect(use.componentRef.name).toBe('comp-use');
    expect(use.dependentTasks).toEqual(['make']);
    expect(use.inputs.artifacts.data).toEqual({ taskOutputArtifact: { producerTask: 'make', outputArtifactKey: 'data' } });
    expect(use.inputs.parameters.label).toEqual({ componentInputParameter: 'label' });
    expect(ir.components['comp-use'].executorLabel).toBe('exec-use');
    expect(ir.deploymentSpec.executors['exec-make'].container.image).toBe('python:3.11');
    expect(ir.components['comp-make'].inputDefinitions.parameters.rows).toEqual({ parameterType: 'NUMBER_INTEGER', defaultValue: 10, isOptional: true });
  });

  it('gives each use of a component its own IR component, deduplicated with -2', () => {
    const doc = twoStepDocument();
    doc.graph.tasks.again = task('again', 'make', { after: ['use'], options: { caching: false } });
    const ir = spec(doc);
    expect(ir.root.dag.tasks.again.componentRef.name).toBe('comp-make-2');
    expect(ir.components['comp-make-2'].executorLabel).toBe('exec-make-2');
    expect(ir.root.dag.tasks.again.dependentTasks).toEqual(['use']);
    expect(ir.root.dag.tasks.again.cachingOptions).toEqual({});
    expect(ir.root.dag.tasks.make.cachingOptions).toEqual({ enableCache: true });
  });

  it('writes if/elif/else as condition-branches with negated CEL conditions', () => {
    const doc = twoStepDocument();
    doc.components.echo = echo;
    doc.graph.groups.choice = {
      id: 'choice',
      kind: 'condition',
      branches: [
        { id: 'big', when: { left: { kind: 'taskOutput', task: 'make', output: 'count' }, operator: '>', right: { kind: 'constant', value: 5 } } },
        { id: 'named', when: { left: { kind: 'graphInput', input: 'label' }, operator: '==', right: { kind: 'constant', value: 'heads' } } },
        { id: 'other' },
      ],
    };
    doc.graph.tasks.a = task('a', 'echo', { parent: 'big', arguments: { text: { kind: 'constant', value: 'a' } } });
    doc.graph.tasks.b = task('b', 'echo', { parent: 'named', arguments: { text: { kind: 'constant', value: 'b' } } });
    doc.graph.tasks.c = task('c', 'echo', { parent: 'other', arguments: { text: { kind: 'constant', value: 'c' } } });
    const ir = spec(doc);
    // Ids without the SDK's form get SDK names; the group keeps its id as the name people see.
    expect(ir.root.dag.tasks['condition-branches-1'].taskInfo.name).toBe('choice');
    const branches = ir.components['comp-condition-branches-1'].dag.tasks;
    const holding = (id: string) => Object.keys(branches).find((b) => ir.components[branches[b].componentRef.name].dag.tasks[id]) as string;
    expect(holding('a')).toMatch(/^condition-\d+$/);
    const first = "int(inputs.parameter_values['pipelinechannel--make-count']) > 5";
    const second = "inputs.parameter_values['pipelinechannel--label'] == 'heads'";
    expect(branches[holding('a')].triggerPolicy.condition).toBe(first);
    expect(branches[holding('b')].triggerPolicy.condition).toBe(`!(${first}) && ${second}`);
    expect(branches[holding('c')].triggerPolicy.condition).toBe(`!(${first}) && !(${second})`);
    expect(ir.root.dag.tasks['condition-branches-1'].dependentTasks).toEqual(['make']);
    expect(ir.root.dag.tasks['condition-branches-1'].inputs.parameters['pipelinechannel--make-count']).toEqual({
      taskOutputParameter: { producerTask: 'make', outputParameterKey: 'count' },
    });
    expect(ir.components[`comp-${holding('a')}`].dag.tasks.a.componentRef.name).toBe('comp-echo');
  });

  it('keeps group ids of the SDK form, names other groups in that form, and reads any of them back', () => {
    const doc = twoStepDocument();
    doc.components.echo = echo;
    doc.graph.groups['for-loop-7'] = { id: 'for-loop-7', kind: 'parallelFor', items: { kind: 'constant', value: [1, 2] } };
    doc.graph.groups['my-loop'] = { id: 'my-loop', kind: 'parallelFor', items: { kind: 'constant', value: [3] }, displayName: 'Shards' };
    doc.graph.groups['condition-3'] = { id: 'condition-3', kind: 'exitHandler', exitTask: 'done' };
    doc.graph.tasks.a = task('a', 'echo', { parent: 'for-loop-7', arguments: { text: { kind: 'constant', value: 'a' } } });
    doc.graph.tasks.b = task('b', 'echo', { parent: 'my-loop', arguments: { text: { kind: 'constant', value: 'b' } } });
    doc.graph.tasks.c = task('c', 'echo', { parent: 'condition-3', arguments: { text: { kind: 'constant', value: 'c' } } });
    doc.graph.tasks.done = task('done', 'echo', { arguments: { text: { kind: 'constant', value: 'done' } } });
    const text = irToYaml(compileToIr(doc));
    const tasks = spec(doc).root.dag.tasks;
    expect(tasks['for-loop-7'].taskInfo.name).toBe('for-loop-7');
    expect(tasks['for-loop-1'].taskInfo.name).toBe('Shards');
    expect(tasks['exit-handler-1'].taskInfo.name).toBe('condition-3');
    expect(tasks.done.dependentTasks).toEqual(['exit-handler-1']);
    const back = importIr(text);
    expect(back.graph.groups['exit-handler-1']).toMatchObject({ kind: 'exitHandler', exitTask: 'done', displayName: 'condition-3' });
    expect(irToYaml(compileToIr(back))).toBe(text);
  });

  it('refuses a nested pipeline task named like an exit handler that a task follows even on failure', () => {
    const doc = twoStepDocument();
    doc.components.echo = echo;
    doc.components.sub = {
      name: 'sub',
      inputs: [],
      outputs: [],
      implementation: { kind: 'graph', graph: { inputs: [], outputs: [], groups: {}, layout: {}, tasks: { e: task('e', 'echo', { arguments: { text: { kind: 'constant', value: 'e' } } }) } } },
    };
    doc.graph.tasks['exit-handler-1'] = task('exit-handler-1', 'sub');
    doc.graph.tasks.after = task('after', 'echo', { after: ['exit-handler-1'], options: { ignoreUpstreamFailure: true }, arguments: { text: { kind: 'constant', value: 'x' } } });
    expect(codeOf(() => compileToIr(doc))).toBe('KFS601');
    doc.graph.tasks.after.options = {};
    const text = irToYaml(compileToIr(doc));
    expect(Object.keys(importIr(text).components)).toContain('sub');
  });

  it('brings the two sides of a comparison to one type as the SDK does', () => {
    const doc = twoStepDocument();
    doc.components.echo = echo;
    doc.graph.inputs.push({ name: 'ratio', type: { kind: 'parameter', type: 'NUMBER_DOUBLE' } });
    doc.graph.groups.when = {
      id: 'when',
      kind: 'condition',
      branches: [{ id: 'yes', when: { left: { kind: 'graphInput', input: 'ratio' }, operator: '>=', right: { kind: 'constant', value: 2 } } }],
    };
    doc.graph.tasks.a = task('a', 'echo', { parent: 'yes', arguments: { text: { kind: 'constant', value: 'a' } } });
    expect(spec(doc).root.dag.tasks['condition-1'].triggerPolicy.condition).toBe("inputs.parameter_values['pipelinechannel--ratio'] >= double(2)");
  });

  it('sorts the keys of constant loop items as json.dumps(sort_keys=True) does', () => {
    const doc = twoStepDocument();
    doc.graph.groups.loop = { id: 'loop', kind: 'parallelFor', items: { kind: 'constant', value: [{ b: 1, a: 'x' }] } };
    expect(spec(doc).root.dag.tasks['for-loop-1'].parameterIterator.items.raw).toBe('[{"a": "x", "b": 1}]');
  });

  it('loops over constant items with a parallelism limit and passes the item as a channel', () => {
    const doc = twoStepDocument();
    doc.components.echo = echo;
    doc.graph.groups['for-loop-2'] = { id: 'for-loop-2', kind: 'parallelFor', items: { kind: 'constant', value: ['x', 'y'] }, parallelism: 3 };
    doc.graph.tasks.each = task('each', 'echo', { parent: 'for-loop-2', arguments: { text: { kind: 'loopItem', loop: 'for-loop-2' } } });
    const ir = spec(doc);
    const loop = ir.root.dag.tasks['for-loop-2'];
    expect(loop.parameterIterator).toEqual({ itemInput: 'pipelinechannel--loop-item-param-1', items: { raw: '["x", "y"]' } });
    expect(loop.iteratorPolicy).toEqual({ parallelismLimit: 3 });
    expect(ir.components['comp-for-loop-2'].dag.tasks.each.inputs.parameters.text).toEqual({ componentInputParameter: 'pipelinechannel--loop-item-param-1' });
    expect(ir.components['comp-for-loop-2'].inputDefinitions.parameters['pipelinechannel--loop-item-param-1']).toEqual({ parameterType: 'STRING' });
  });

  it('runs an exit task after its exit handler whatever happened, with the final status', () => {
    const ir = spec(everyFeatureDocument());
    const report = ir.root.dag.tasks.report;
    expect(report.dependentTasks).toEqual(['exit-handler-1']);
    expect(report.triggerPolicy).toEqual({ strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' });
    expect(report.inputs.parameters.status).toEqual({ taskFinalStatus: { producerTask: 'exit-handler-1' } });
  });

  it('compiles every model feature, and importing the result recompiles to the same bytes', () => {
    const yaml = irToYaml(compileToIr(everyFeatureDocument()));
    expect(irToYaml(compileToIr(importIr(yaml)))).toBe(yaml);
    const { pipelineSpec, platformSpec } = compileToIr(everyFeatureDocument()) as { pipelineSpec: Obj; platformSpec: Obj };
    const k8s = platformSpec.platforms.kubernetes;
    const produce = k8s.deploymentSpec.executors['exec-produce'];
    expect(produce.secretAsEnv[0]).toEqual({
      secretName: 'db-creds',
      secretNameParameter: { runtimeValue: { constant: 'db-creds' } },
      keyToEnv: [
        { envVar: 'DB_USER', secretKey: 'user' },
        { envVar: 'DB_PASSWORD', secretKey: 'password' },
      ],
      optional: false,
    });
    expect(produce.secretAsEnv[1].secretNameParameter).toEqual({ componentInputParameter: 'pipelinechannel--secret_name' });
    expect(produce.nodeSelector).toEqual({ labels: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' } });
    expect(k8s.pipelineConfig.workspace.size).toBe('1Gi');
    const container = pipelineSpec.deploymentSpec.executors['exec-produce'].container;
    expect(container.resources).toMatchObject({ resourceCpuLimit: '500m', cpuLimit: 0.5, resourceMemoryLimit: '256Mi', accelerator: { resourceType: 'nvidia.com/gpu', resourceCount: '1' } });
    expect(container.env).toEqual([{ name: 'MODE', value: 'fast' }, { name: 'EXTRA', value: '1' }]);
    expect(container.args[0]).toBe('{"Concat": ["--rows=", "{{$.inputs.parameters[\'rows\']}}"]}');
    const retry = pipelineSpec.components['comp-exit-handler-1'].dag.tasks.produce.retryPolicy;
    expect(retry).toEqual({ maxRetryCount: 3, backoffDuration: '30s', backoffFactor: 2, backoffMaxDuration: '3600s' });
    expect(pipelineSpec.deploymentSpec.executors['exec-importer'].importer).toEqual({
      artifactUri: { constant: 'gs://bucket/data.csv' },
      typeSchema: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' },
      reimport: true,
      metadata: { origin: 'lake' },
      downloadToWorkspace: true,
    });
    expect(pipelineSpec.components['comp-inner'].dag.tasks.say.inputs.parameters.text).toEqual({ componentInputParameter: 'msg' });
    expect(pipelineSpec.root.dag.tasks.configure.inputs.parameters).toEqual({
      spec: { runtimeValue: { constant: { name: "{{$.inputs.parameters['pipelinechannel--label']}}", replicas: 2 } } },
      'pipelinechannel--label': { componentInputParameter: 'label' },
    });
  });

  it('runs a python script with its inputs and outputs as --name arguments', () => {
    const ir = spec(everyFeatureDocument());
    const container = ir.deploymentSpec.executors['exec-train'].container;
    expect(container.command.slice(0, 2)).toEqual(['sh', '-ec']);
    expect(container.command[2]).toContain("pip install --quiet --no-warn-script-location 'numpy==2.1.0'");
    expect(container.command[3]).toBe('import sys\nprint(sys.argv)\n');
    expect(container.args.slice(0, 4)).toEqual(['--data', "{{$.inputs.artifacts['data'].path}}", '--label', "{{$.inputs.parameters['label']}}"]);
    expect(container.args).toContain("{{$.outputs.artifacts['model'].path}}");
    expect(container.args).toContain('{"IfPresent": {"InputName": "note", "Then": ["--note", "{{$.inputs.parameters[\'note\']}}"]}}');
  });

  it('is deterministic: the same document gives the same bytes, whatever the key order', () => {
    const a = twoStepDocument();
    a.graph.tasks.again = task('again', 'make');
    const b = twoStepDocument();
    b.graph.tasks = { again: task('again', 'make'), use: b.graph.tasks.use as Task, make: b.graph.tasks.make as Task };
    b.components = { use: b.components.use as ComponentSpec, make: b.components.make as ComponentSpec };
    expect(irToYaml(compileToIr(a))).toBe(irToYaml(compileToIr(b)));
    expect(irToYaml(compileToIr(a)).startsWith('# PIPELINE DEFINITION\n# Name: two-steps\n')).toBe(true);
  });

  it('writes no PlatformSpec when no task has Kubernetes settings', () => {
    expect(compileToIr(twoStepDocument()).platformSpec).toBeUndefined();
  });

  it('refuses what cannot be compiled, with a code', () => {
    const unknown = twoStepDocument();
    unknown.graph.tasks.x = task('x', 'nope');
    expect(codeOf(() => compileToIr(unknown))).toBe('KFS401');

    const outside = twoStepDocument();
    outside.components.echo = echo;
    outside.graph.groups.loop = { id: 'loop', kind: 'parallelFor', items: { kind: 'constant', value: [1] } };
    outside.graph.tasks.inner = task('inner', 'echo', { parent: 'loop', arguments: { text: { kind: 'constant', value: 'x' } } });
    outside.graph.tasks.after = task('after', 'echo', { arguments: { text: { kind: 'taskOutput', task: 'inner', output: 'Output' } } });
    expect(codeOf(() => compileToIr(outside))).toBe('KFS104');

    const cycle = twoStepDocument();
    cycle.graph.groups.g1 = { id: 'g1', kind: 'exitHandler', exitTask: 'make', parent: 'g2' };
    cycle.graph.groups.g2 = { id: 'g2', kind: 'exitHandler', exitTask: 'make', parent: 'g1' };
    expect(codeOf(() => compileToIr(cycle))).toBe('KFS601');

    const status = twoStepDocument();
    status.components.status = { ...producerComponent, inputs: [{ name: 's', type: { kind: 'parameter', type: 'TASK_FINAL_STATUS' } }] };
    status.graph.tasks.s = task('s', 'status', { arguments: { s: { kind: 'taskFinalStatus' } } });
    expect(codeOf(() => compileToIr(status))).toBe('KFS602');
  });
});

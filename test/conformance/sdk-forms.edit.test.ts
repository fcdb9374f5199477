// Edits to pipelines in the SDK's form show in the recompiled IR exactly where the SDK would put them, and the steps
// that need only a shell run on this machine, in the order the IR says.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToArgo } from '../../shared/compile/argo';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { importIr } from '../../shared/import/ir.import';
import { applyPipelineChanges } from '../../shared/model/changes';
import type { PipelineChange } from '../../shared/model/changes';
import type { PipelineDocument } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from '../runtime/runtime-helpers';

afterAll(removeDataDirs);

const FORMS = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/sdk-forms');

// The IR is untyped JSON: tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { [key: string]: any };

function open(name: string): PipelineDocument {
  return importIr(readFileSync(path.join(FORMS, name), 'utf8'), { file: name });
}

function edited(doc: PipelineDocument, changes: PipelineChange[]): { doc: PipelineDocument; ir: Obj } {
  const next = applyPipelineChanges(doc, changes);
  return { doc: next, ir: yaml.loadAll(irToYaml(compileToIr(next)))[0] as Obj };
}

describe('ordering after a condition group and after a loop (after-groups.yaml)', () => {
  it('opens as ordering edges to the groups themselves', () => {
    const doc = open('after-groups.yaml');
    expect(doc.graph.tasks['say-4']?.after).toEqual(['condition-branches-1']);
    expect(doc.graph.tasks['say-5']?.after).toEqual(['condition-branches-1', 'for-loop-4']);
  });

  it('a removed edge, an added one and a renamed group show in dependentTasks', () => {
    const { doc, ir } = edited(open('after-groups.yaml'), [
      { type: 'removeAfter', task: 'say-5', dependsOn: 'condition-branches-1' },
      { type: 'addAfter', task: 'say-4', dependsOn: 'for-loop-4' },
    ]);
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
    expect(ir.root.dag.tasks['say-5'].dependentTasks).toEqual(['for-loop-4']);
    expect(ir.root.dag.tasks['say-4'].dependentTasks).toEqual(['condition-branches-1', 'for-loop-4']);
    const renamed = edited(doc, [{ type: 'renameNode', id: 'for-loop-4', newId: 'each-letter' }]);
    expect(renamed.doc.graph.tasks['say-5']?.after).toEqual(['each-letter']);
  });

  it('runs on this machine: the tasks after the groups start once both groups have ended', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: readFileSync(path.join(FORMS, 'after-groups.yaml'), 'utf8') }));
    expect(run.state).toBe('succeeded');
    const last = taskOf(run, 'say-5');
    const ended = run.tasks.filter((t) => t.id.startsWith('condition-branches-1/') || t.id.startsWith('for-loop-4/')).filter((t) => t.kind === 'container');
    expect(ended.length).toBeGreaterThan(0);
    for (const t of ended.filter((t) => t.finishedAt)) expect(Date.parse(last.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(t.finishedAt as string));
  });
});

describe('resources from values (resources-from-values.yaml)', () => {
  it('opens as resources taken from the pipeline parameters', () => {
    const doc = open('resources-from-values.yaml');
    expect(doc.graph.tasks.train?.options.resources).toEqual({
      from: {
        cpuLimit: { kind: 'graphInput', input: 'cpu' },
        cpuRequest: { kind: 'graphInput', input: 'cpu' },
        memoryLimit: { kind: 'graphInput', input: 'mem' },
        acceleratorType: { kind: 'graphInput', input: 'gpu_type' },
        acceleratorCount: { kind: 'graphInput', input: 'gpu_count' },
      },
    });
    expect(doc.graph.tasks.train?.arguments).toEqual({});
  });

  it('compiles to Argo with the values from run time in the pod spec patch, filled from the pipeline parameters', () => {
    const wf = compileToArgo(open('resources-from-values.yaml')) as Obj;
    const train = (wf.spec.templates as Obj[]).find((t) => t.name === 'train') as Obj;
    expect(JSON.parse(train.podSpecPatch as string).containers[0].resources).toEqual({
      limits: {
        cpu: '{{inputs.parameters.resource-cpu-limit}}',
        memory: '{{inputs.parameters.resource-memory-limit}}',
        '{{inputs.parameters.resource-accelerator-type}}': '{{inputs.parameters.resource-accelerator-count}}',
      },
      requests: { cpu: '{{inputs.parameters.resource-cpu-request}}' },
    });
    const call = ((wf.spec.templates as Obj[]).find((t) => t.name === wf.spec.entrypoint) as Obj).dag.tasks.find((t: Obj) => t.template === 'train') as Obj;
    expect(call.arguments.parameters).toEqual(expect.arrayContaining([{ name: 'resource-accelerator-type', value: '{{workflow.parameters.gpu_type}}' }]));
  });

  it('a limit taken from an upstream output instead, and one set back to a literal, compile as the SDK writes them', () => {
    const doc = open('resources-from-values.yaml');
    const size = doc.graph.tasks.train!;
    const { doc: next, ir } = edited(doc, [
      {
        type: 'setTaskOptions',
        id: 'train-2',
        options: { resources: { from: { memoryLimit: { kind: 'taskOutput', task: 'pick', output: 'Output' } } } },
      },
      { type: 'setTaskOptions', id: 'train', options: { ...size.options, resources: { ...size.options.resources, cpuLimit: '2', from: { cpuRequest: { kind: 'graphInput', input: 'cpu' } } } } },
      { type: 'putComponent', id: 'pick', component: { name: 'pick', inputs: [], outputs: [{ name: 'Output', type: { kind: 'parameter', type: 'STRING' } }], implementation: { kind: 'container', image: 'alpine:3.20', command: ['sh', '-c', "echo 2Gi > \"$0\"", "{{$.outputs.parameters['Output'].output_file}}"] } } },
      { type: 'addTask', task: { id: 'pick', component: 'pick', arguments: {}, after: [], options: {} } },
    ]);
    expect(validate(next).filter((d) => d.severity === 'error')).toEqual([]);
    const train = ir.deploymentSpec.executors['exec-train'].container.resources;
    expect(train).toEqual({ cpuLimit: 2, resourceCpuLimit: '2', resourceCpuRequest: "{{$.inputs.parameters['pipelinechannel--cpu']}}" });
    expect(ir.root.dag.tasks.train.inputs.parameters).toEqual({
      cpu_request: { runtimeValue: { constant: "{{$.inputs.parameters['pipelinechannel--cpu']}}" } },
      'pipelinechannel--cpu': { componentInputParameter: 'cpu' },
    });
    // Inside the condition, the upstream output comes in as the condition's own input, as the SDK passes it.
    expect(ir.root.dag.tasks['condition-1'].inputs.parameters['pipelinechannel--pick-Output']).toEqual({ taskOutputParameter: { producerTask: 'pick', outputParameterKey: 'Output' } });
    const inner = ir.components['comp-condition-1'].dag.tasks['train-2'];
    expect(inner.inputs.parameters.memory_limit).toEqual({ runtimeValue: { constant: "{{$.inputs.parameters['pipelinechannel--pick-Output']}}" } });
    expect(ir.deploymentSpec.executors['exec-train-2'].container.resources).toEqual({ resourceMemoryLimit: "{{$.inputs.parameters['pipelinechannel--pick-Output']}}" });
  });

  it('refuses a resource taken from an artifact, with the SDK type rule', () => {
    const doc = open('resources-from-values.yaml');
    const next = applyPipelineChanges(doc, [
      { type: 'putComponent', id: 'make', component: { name: 'make', inputs: [], outputs: [{ name: 'model', type: { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' } }], implementation: { kind: 'container', image: 'alpine:3.20' } } },
      { type: 'addTask', task: { id: 'make', component: 'make', arguments: {}, after: [], options: {} } },
      { type: 'setTaskOptions', id: 'train-2', options: { resources: { from: { cpuLimit: { kind: 'taskOutput', task: 'make', output: 'model' } } } } },
    ]);
    const errors = validate(next).filter((d) => d.code === 'KFS204');
    expect(errors.map((d) => d.location)).toEqual([{ task: 'train-2', field: 'options.resources.from.cpuLimit' }]);
  });
});

describe('Kubernetes settings (kubernetes-settings.yaml)', () => {
  it('opens into task options, names and JSON taken from parameters and a task output', () => {
    const options = open('kubernetes-settings.yaml').graph.tasks.train!.options;
    expect(options.nodeSelector).toEqual({ pool: 'gpu' });
    expect(options.nodeSelectorFrom).toEqual({ kind: 'taskOutput', task: 'pick-node', output: 'Output' });
    expect(options.tolerations?.[1]).toEqual({ fromJson: { kind: 'graphInput', input: 'toleration' } });
    expect(options.imagePullSecrets).toEqual(['registry-a']);
    expect(options.imagePullSecretsFrom).toEqual([{ kind: 'graphInput', input: 'pull_secret' }]);
    expect(options.securityContext).toEqual({ runAsUser: 1000, runAsGroup: 100 });
    expect(options.sharedMemory).toEqual({ volumeName: 'shm', size: '1Gi' });
    expect(options.podAffinity?.[0]).toEqual({ anti: true, matchPodLabels: { app: 'train' }, topologyKey: 'kubernetes.io/hostname' });
    expect(options.ephemeralVolumes?.map((v) => v.storageClassName)).toEqual([undefined, 'fast']);
    expect(options.initContainers?.map((c) => c.name)).toEqual(['prepare', 'proxy']);
    // The JSON from a task output is a connection: the task waits for its producer, as kfp-kubernetes makes it.
    expect(open('kubernetes-settings.yaml').graph.tasks.train!.after).toEqual([]);
  });

  it('edits show in the executor config as kfp-kubernetes writes it', () => {
    const doc = open('kubernetes-settings.yaml');
    const options = doc.graph.tasks.train!.options;
    const { doc: next, ir } = edited(doc, [
      {
        type: 'setTaskOptions',
        id: 'train',
        options: {
          ...options,
          securityContext: { runAsUser: 2000, runAsNonRoot: true },
          nodeAffinity: options.nodeAffinity?.slice(1),
          imagePullSecretsFrom: [{ kind: 'constant', value: 'registry-b' }],
          sharedMemory: { volumeName: 'shm', size: '' },
          nodeSelectorFrom: undefined,
        },
      },
    ]);
    expect(validate(next).filter((d) => d.severity === 'error')).toEqual([]);
    const k8s = (yaml.loadAll(irToYaml(compileToIr(next)))[1] as Obj).platforms.kubernetes.deploymentSpec.executors['exec-train'];
    expect(k8s.securityContext).toEqual({ runAsUser: '2000', runAsNonRoot: true });
    expect(k8s.nodeAffinity).toHaveLength(2);
    expect(k8s.imagePullSecret).toEqual([{ secretName: 'registry-a' }, { secretName: 'registry-b', secretNameParameter: { runtimeValue: { constant: 'registry-b' } } }]);
    expect(k8s.enabledSharedMemory).toEqual({ volumeName: 'shm' });
    expect(k8s.nodeSelector).toEqual({ labels: { pool: 'gpu' } });
    // Without the JSON from pick-node, train no longer waits for it.
    expect(ir.root.dag.tasks.train.dependentTasks).toBeUndefined();
  });

  it('refuses what kfp-kubernetes and Kubernetes refuse, each at its field', () => {
    const doc = open('kubernetes-settings.yaml');
    const options = doc.graph.tasks.train!.options;
    const bad = applyPipelineChanges(doc, [
      {
        type: 'setTaskOptions',
        id: 'train',
        options: {
          ...options,
          podAffinity: [{ matchPodExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }], topologyKey: 'zone', weight: 0 }],
          initContainers: [{ name: 'kfp-launcher', image: 'busybox' }],
          securityContext: { runAsUser: -1 },
        },
      },
    ]);
    const fields = validate(bad)
      .filter((d) => d.code === 'KFS205')
      .map((d) => d.location.field);
    expect(fields).toEqual(expect.arrayContaining(['options.podAffinity[0].matchPodExpressions[0]', 'options.podAffinity[0].weight', 'options.initContainers[0].name', 'options.securityContext.runAsUser']));
  });

  it('the Argo target refuses the settings it does not write, by name, instead of dropping them', () => {
    expect(() => compileToArgo(open('kubernetes-settings.yaml'))).toThrow(expect.objectContaining({ code: 'KFS620' }));
  });
});

describe('an importer with its URI and metadata from values (importer-from-values.yaml)', () => {
  it('opens with the URI from the producer and the metadata from the parameter; a new source shows in the IR', () => {
    const doc = open('importer-from-values.yaml');
    expect(doc.graph.tasks.importer?.arguments).toEqual({
      uri: { kind: 'taskOutput', task: 'make-uri', output: 'Output' },
      metadata: { kind: 'graphInput', input: 'owner' },
    });
    const { ir } = edited(doc, [
      { type: 'putParameter', parameter: { name: 'source', type: { kind: 'parameter', type: 'STRING' }, default: 'gs://b/x.csv', optional: true } },
      { type: 'setArgument', task: 'importer', input: 'uri', argument: { kind: 'graphInput', input: 'source' } },
      { type: 'setArgument', task: 'importer', input: 'metadata', argument: { kind: 'taskOutput', task: 'make-uri', output: 'Output' } },
    ]);
    expect(ir.root.dag.tasks.importer.inputs.parameters).toEqual({
      uri: { componentInputParameter: 'source' },
      metadata: { taskOutputParameter: { producerTask: 'make-uri', outputParameterKey: 'Output' } },
    });
    expect(ir.deploymentSpec.executors['exec-importer'].importer.metadata.owner).toBe("{{$.inputs.parameters['metadata']}}");
  });
});

describe('a loop over dicts with item fields in a nested condition and loop (loop-over-dicts.yaml)', () => {
  it('opens as item fields at every level, and a changed field shows in the condition and its input', () => {
    const doc = open('loop-over-dicts.yaml');
    expect(doc.graph.tasks.say?.arguments.msg).toEqual({ kind: 'loopItem', loop: 'for-loop-1', field: 'b' });
    expect(doc.graph.groups['for-loop-3']).toMatchObject({ kind: 'parallelFor', items: { kind: 'loopItem', loop: 'for-loop-1', field: 'c' } });
    const condition = doc.graph.groups['condition-2'];
    if (condition?.kind !== 'condition') throw new Error('no condition');
    const when = condition.branches[0]!.when!;
    const { ir } = edited(doc, [{ type: 'updateGroup', group: { ...condition, branches: [{ ...condition.branches[0]!, when: { ...when, left: { kind: 'loopItem', loop: 'for-loop-1', field: 'b' } } }] } }]);
    const task = ir.components['comp-for-loop-1'].dag.tasks['condition-2'];
    expect(task.triggerPolicy.condition).toBe("inputs.parameter_values['pipelinechannel--rows-loop-item-subvar-b'] == 'x'");
    expect(task.inputs.parameters['pipelinechannel--rows-loop-item-subvar-b']).toEqual({
      componentInputParameter: 'pipelinechannel--rows-loop-item',
      parameterExpressionSelector: 'parseJson(string_value)["b"]',
    });
  });

  it('runs on this machine: the condition reads each item\'s field, the nested loop its list', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: readFileSync(path.join(FORMS, 'loop-over-dicts.yaml'), 'utf8') }));
    expect(run.state).toBe('succeeded');
    expect(taskOf(run, 'for-loop-1/1/condition-2').state).toBe('skipped');
    expect((await runtime.readLog(run.id, 'for-loop-1/0/condition-2/say')).text).toBe('one\n');
    const inner = run.tasks.filter((t) => t.id.endsWith('/say-2'));
    expect(await Promise.all(inner.map(async (t) => (await runtime.readLog(run.id, t.id)).text))).toEqual(['1\n', '2\n']);
  });
});

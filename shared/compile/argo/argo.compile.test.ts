import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../errors/codes';
import type { ComponentSpec, PipelineDocument, Task } from '../../model/document';
import { emptyDocument } from '../../model/document';
import { compileToArgo } from './argo.compile';
import { argoToYaml, compileToArgoYaml } from './argo.yaml';
import { argoEveryFeatureDocument } from './argo.test-document';
import { checkWorkflowReferences } from './argo.test-check';

// The tests read deep into the compiled, YAML-shaped object; typing each path would hide what they check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { [key: string]: any };

function templates(wf: Obj): Map<string, Obj> {
  return new Map((wf.spec.templates as Obj[]).map((t) => [t.name as string, t]));
}

function dagTask(wf: Obj, template: string, task: string): Obj {
  const found = (templates(wf).get(template)?.dag?.tasks as Obj[] | undefined)?.find((t) => t.name === task);
  if (!found) throw new Error(`no task ${task} in ${template}`);
  return found;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isKfsError(error) ? error.code : `not a KfsError: ${String(error)}`;
  }
  return undefined;
}

const echo: ComponentSpec = {
  name: 'echo',
  inputs: [{ name: 'text', type: { kind: 'parameter', type: 'STRING' } }],
  outputs: [{ name: 'out', type: { kind: 'parameter', type: 'STRING' } }],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['text']}}", "{{$.outputs.parameters['out'].output_file}}"] },
};

function task(id: string, extra: Partial<Task> = {}): Task {
  return { id, component: 'echo', arguments: { text: { kind: 'constant', value: id } }, after: [], options: {}, ...extra };
}

function small(tasks: Task[], edit?: (doc: PipelineDocument) => void): PipelineDocument {
  const doc = emptyDocument('small');
  doc.components = { echo };
  for (const t of tasks) doc.graph.tasks[t.id] = t;
  edit?.(doc);
  return doc;
}

describe('compileToArgo on a document using every supported feature', () => {
  const wf = compileToArgo(argoEveryFeatureDocument()) as Obj;
  const text = argoToYaml(wf);

  it('is a Workflow whose references all resolve, with no KFP v2 placeholder left', () => {
    expect(wf.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(wf.kind).toBe('Workflow');
    expect(wf.metadata.generateName).toBe('argo-every-feature-');
    expect(checkWorkflowReferences(wf)).toEqual([]);
    expect(text).not.toContain('{{$');
  });

  it('offers the pipeline parameters with their defaults and allowed values', () => {
    const params = wf.spec.arguments.parameters as Obj[];
    expect(params.find((p) => p.name === 'threshold')?.value).toBe('0.5');
    expect(params.find((p) => p.name === 'shards')?.value).toBe('["a","b"]');
    expect(params.find((p) => p.name === 'label')?.enum).toEqual(['y', 'z']);
  });

  it('chains the negations of earlier branches into elif and else', () => {
    expect(dagTask(wf, 'main', 'big').when).toBe('{{tasks.produce.outputs.parameters.count}} > 100');
    expect(dagTask(wf, 'main', 'medium').when).toBe(
      '!({{tasks.produce.outputs.parameters.count}} > 100) && ("{{tasks.produce.outputs.parameters.word}}" == "medium")',
    );
    expect(dagTask(wf, 'main', 'small').when).toBe(
      '!({{tasks.produce.outputs.parameters.count}} > 100) && !("{{tasks.produce.outputs.parameters.word}}" == "medium")',
    );
    expect(dagTask(wf, 'main', 'big').depends ?? dagTask(wf, 'main', 'big').dependencies).toBeTruthy();
  });

  it('picks a oneOf value from the branch that ran', () => {
    const evaluate = dagTask(wf, 'main', 'evaluate');
    const word = (evaluate.arguments.parameters as Obj[])[0]?.value as string;
    expect(word.startsWith("{{=tasks['big'].status == 'Succeeded' ?")).toBe(true);
    expect((evaluate.arguments.artifacts as Obj[])[0]?.fromExpression).toContain("tasks['small'].outputs.artifacts");
  });

  it('runs loops with withItems / withParam, items fields as {{item.field}}, and the parallelism on a wrapper DAG', () => {
    const perShard = dagTask(wf, 'main', 'per-shard');
    expect(perShard.withParam).toBe('{{workflow.parameters.shards}}');
    expect(perShard.arguments.parameters[0].value).toBe('{{item}}');
    const wrapper = templates(wf).get(dagTask(wf, 'main', 'per-config').template as string) as Obj;
    expect(wrapper.parallelism).toBe(2);
    const iteration = (wrapper.dag.tasks as Obj[])[0] as Obj;
    expect(iteration.withItems).toEqual([{ rows: 1, tag: 'a' }, { rows: 2, tag: 'b' }]);
    expect((iteration.arguments.parameters as Obj[]).map((p) => p.value)).toEqual(['{{item.rows}}', '{{item.tag}}']);
  });

  it('gathers a loop output into the list Argo aggregates', () => {
    const gather = dagTask(wf, 'main', 'gather-shards');
    expect(gather.arguments.parameters[0].value).toMatch(/^\{\{tasks\.per-shard\.outputs\.parameters\.[-\w]+\}\}$/);
  });

  it('runs a top-level exit handler through spec.onExit with the workflow status, and a nested one as an exit hook', () => {
    const onExit = templates(wf).get(wf.spec.onExit as string) as Obj;
    const bye = (onExit.dag.tasks as Obj[])[0] as Obj;
    expect(bye.template).toBe('bye');
    expect(JSON.parse(bye.arguments.parameters[0].value as string).state).toBe('{{workflow.status}}');
    expect(dagTask(wf, 'pipeline', 'main')).toBeTruthy();
    expect(dagTask(wf, 'nested', 'inner-exit').hooks.exit.template).toBe('nested-inner-bye');
  });

  it('waits on an upstream failure with depends when a step ignores it', () => {
    const afterAll = dagTask(wf, 'main', 'after-all');
    expect(afterAll.depends).toContain('big.Failed');
    expect(afterAll.dependencies).toBeUndefined();
    expect(templates(wf).get('main')?.dag.failFast).toBe(false);
  });

  it('puts retries, resources, env, secrets, volumes and pod settings where Argo reads them', () => {
    const produce = templates(wf).get('produce') as Obj;
    expect(produce.retryStrategy).toEqual({ limit: 3, retryPolicy: 'Always', backoff: { duration: '30s', factor: 2, maxDuration: '5m' } });
    expect(produce.container.resources).toEqual({ limits: { cpu: '2', memory: '4Gi', 'nvidia.com/gpu': '1' }, requests: { cpu: '500m', memory: '1Gi' } });
    const env = produce.container.env as Obj[];
    expect(env.find((e) => e.name === 'TOKEN')?.valueFrom.secretKeyRef).toEqual({ name: 'creds', key: 'token' });
    expect(env.find((e) => e.name === 'K')?.valueFrom.secretKeyRef.name).toMatch(/^\{\{inputs\.parameters\./);
    expect((produce.volumes as Obj[]).find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName).toMatch(/^\{\{inputs\.parameters\./);
    expect(produce.nodeSelector).toEqual({ 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' });
    expect(produce.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(produce.metadata.labels).toEqual({ team: 'ml' });
    expect(produce.metadata.annotations['example.com/owner']).toBe('ml-team');
    expect(produce.container.imagePullPolicy).toBe('Always');
    expect(wf.spec.imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
    expect(produce.activeDeadlineSeconds).toBe(3600);
    expect(wf.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(wf.spec.ttlStrategy).toEqual({ secondsAfterCompletion: 600, secondsAfterFailure: 86400 });
  });

  it('runs a script with the IR compiler’s launcher, making its output folders first', () => {
    const train = templates(wf).get('train-big') as Obj;
    expect(train.container.command.slice(0, 2)).toEqual(['sh', '-ec']);
    expect(train.container.command[2]).toMatch(/^mkdir -p \/tmp\/outputs\/model \/tmp\/outputs\/score\n/);
    expect(train.container.command[3]).toBe('import sys\nprint(sys.argv)\n');
    expect(train.container.args).toContain('/tmp/inputs/data/data');
  });

  it('imports an artifact by letting Argo fetch its URI', () => {
    const load = templates(wf).get('load') as Obj;
    expect(load.inputs.artifacts[0].gcs).toEqual({ bucket: 'bucket', key: 'data/train.csv' });
    expect(load.outputs.artifacts[0].path).toBe(load.inputs.artifacts[0].path);
  });

  it('is deterministic, whatever the key order of the document', () => {
    const doc = argoEveryFeatureDocument();
    const shuffled = { ...doc, graph: { ...doc.graph, tasks: Object.fromEntries(Object.entries(doc.graph.tasks).reverse()), groups: Object.fromEntries(Object.entries(doc.graph.groups).reverse()) } };
    expect(compileToArgoYaml(shuffled)).toBe(text);
    expect(compileToArgoYaml(argoEveryFeatureDocument())).toBe(text);
  });

  it('sets the namespace and service account when asked', () => {
    const placed = compileToArgo(argoEveryFeatureDocument(), { namespace: 'team-a', serviceAccount: 'pipeline-runner' }) as Obj;
    expect(placed.metadata.namespace).toBe('team-a');
    expect(placed.spec.serviceAccountName).toBe('pipeline-runner');
  });
});

describe('compileToArgo refuses what Argo cannot express', () => {
  it('refuses a placeholder with no Argo equivalent (KFS621)', () => {
    const doc = small([task('a')], (d) => {
      d.components.echo = { ...echo, implementation: { kind: 'container', image: 'alpine', command: ['run', '{{$.pipeline_root}}'] } };
    });
    expect(codeOf(() => compileToArgo(doc))).toBe('KFS621');
  });

  it('refuses an importer whose URI is not a constant or has an unknown scheme (KFS623)', () => {
    const importer: ComponentSpec = {
      name: 'importer',
      inputs: [{ name: 'uri', type: { kind: 'parameter', type: 'STRING' } }],
      outputs: [{ name: 'artifact', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } }],
      implementation: { kind: 'importer', uriInput: 'uri', artifactType: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' }, reimport: false },
    };
    const withUri = (value: Task['arguments'][string]) =>
      small([], (d) => {
        d.components.importer = importer;
        d.graph.inputs = [{ name: 'uri', type: { kind: 'parameter', type: 'STRING' } }];
        d.graph.tasks.load = { id: 'load', component: 'importer', arguments: { uri: value }, after: [], options: {} };
      });
    expect(codeOf(() => compileToArgo(withUri({ kind: 'graphInput', input: 'uri' })))).toBe('KFS623');
    expect(codeOf(() => compileToArgo(withUri({ kind: 'constant', value: 'ftp://host/file' })))).toBe('KFS623');
    expect(codeOf(() => compileToArgo(withUri({ kind: 'constant', value: 's3://bucket/key' })))).toBeUndefined();
  });

  it('refuses an exit step that other steps use (KFS624)', () => {
    const doc = small([task('work', { parent: 'guard' }), task('bye'), task('after-bye', { after: ['bye'] })], (d) => {
      d.graph.groups.guard = { kind: 'exitHandler', id: 'guard', exitTask: 'bye' };
    });
    expect(codeOf(() => compileToArgo(doc))).toBe('KFS624');
  });

  it('refuses the final status in a nested exit handler (KFS624)', () => {
    const doc = small([task('work', { parent: 'guard' }), task('bye', { parent: 'loop', arguments: { text: { kind: 'taskFinalStatus' } } })], (d) => {
      d.graph.groups.loop = { kind: 'parallelFor', id: 'loop', items: { kind: 'constant', value: [1, 2] } };
      d.graph.groups.guard = { kind: 'exitHandler', id: 'guard', parent: 'loop', exitTask: 'bye' };
      (d.graph.tasks.work as Task).parent = 'guard';
    });
    expect(codeOf(() => compileToArgo(doc))).toBe('KFS624');
  });

  it('refuses an accelerator that is not a Kubernetes resource name (KFS625)', () => {
    const doc = small([task('a', { options: { resources: { accelerator: { type: 'NVIDIA_TESLA_T4', count: 1 } } } })]);
    expect(codeOf(() => compileToArgo(doc))).toBe('KFS625');
  });

  it('refuses an empty pipeline or group, which Argo cannot run (KFS620)', () => {
    expect(codeOf(() => compileToArgo(small([])))).toBe('KFS620');
    const doc = small([task('a')], (d) => {
      d.graph.groups.loop = { kind: 'parallelFor', id: 'loop', items: { kind: 'constant', value: [1] } };
    });
    expect(codeOf(() => compileToArgo(doc))).toBe('KFS620');
  });

  it('refuses more tasks in one DAG than Argo runs (KFS626)', () => {
    const tasks = Array.from({ length: 201 }, (_, i) => task(`t${i}`));
    expect(codeOf(() => compileToArgo(small(tasks)))).toBe('KFS626');
    expect(codeOf(() => compileToArgo(small(tasks.slice(0, 200))))).toBeUndefined();
  });

  it('refuses gathering a loop’s artifacts (KFS622)', () => {
    const produce: ComponentSpec = { name: 'p', inputs: [], outputs: [{ name: 'd', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } }], implementation: { kind: 'container', image: 'alpine', command: ["{{$.outputs.artifacts['d'].path}}"] } };
    const consume: ComponentSpec = { name: 'c', inputs: [{ name: 'ds', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1', isList: true } }], outputs: [], implementation: { kind: 'container', image: 'alpine', command: ['ls'] } };
    const doc = small([], (d) => {
      d.components = { p: produce, c: consume };
      d.graph.groups.loop = { kind: 'parallelFor', id: 'loop', items: { kind: 'constant', value: [1, 2] } };
      d.graph.tasks.make = { id: 'make', component: 'p', parent: 'loop', arguments: {}, after: [], options: {} };
      d.graph.tasks.use = { id: 'use', component: 'c', arguments: { ds: { kind: 'collected', task: 'make', output: 'd' } }, after: [], options: {} };
    });
    expect(codeOf(() => compileToArgo(doc))).toBe('KFS622');
  });
});

describe('compileToArgo on small pipelines', () => {
  it('gives a KFP v2 Python component its executor input, and copies its return values to the files Argo reads', () => {
    const fn: ComponentSpec = {
      name: 'fn',
      inputs: [
        { name: 'text', type: { kind: 'parameter', type: 'STRING' } },
        { name: 'n', type: { kind: 'parameter', type: 'NUMBER_INTEGER' } },
        { name: 'data', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } },
      ],
      outputs: [{ name: 'Output', type: { kind: 'parameter', type: 'STRING' } }, { name: 'model', type: { kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1' } }],
      implementation: { kind: 'container', image: 'python:3.11', command: ['python3', '-m', 'kfp.dsl.executor_main'], args: ['--executor_input', '{{$}}', '--function_to_execute', 'fn'] },
    };
    const doc = small([task('a')], (d) => {
      d.components.fn = fn;
      d.graph.tasks.f = {
        id: 'f',
        component: 'fn',
        arguments: { text: { kind: 'taskOutput', task: 'a', output: 'out' }, n: { kind: 'constant', value: 3 }, data: { kind: 'taskOutput', task: 'f0', output: 'model' } },
        after: [],
        options: {},
      };
      d.graph.tasks.f0 = { id: 'f0', component: 'fn', arguments: { text: { kind: 'constant', value: 'x' }, n: { kind: 'constant', value: 1 } }, after: [], options: {} };
      (fn.inputs[2] as { optional?: boolean }).optional = true;
    });
    const wf = compileToArgo(doc) as Obj;
    expect(checkWorkflowReferences(wf)).toEqual([]);
    const template = templates(wf).get('f') as Obj;
    const input = (template.container.args as string[])[1] as string;
    // What Argo hands the step once it has put the values in: valid JSON in the ExecutorInput shape.
    const filled = input.replace(/\{\{=sprig\.toJson\(inputs\.parameters\['text'\]\)\}\}/, JSON.stringify('he said "hi"')).replace('{{inputs.parameters.n}}', '3');
    const parsed = JSON.parse(filled) as Obj;
    expect(parsed.inputs.parameterValues).toEqual({ text: 'he said "hi"', n: 3 });
    expect(parsed.inputs.artifacts.data.artifacts[0].uri).toBe('/tmp/inputs/data/data');
    expect(parsed.outputs.parameters.Output.outputFile).toBe('/tmp/outputs/Output/data');
    expect(parsed.outputs.artifacts.model.artifacts[0].type.schemaTitle).toBe('system.Model');
    const command = template.container.command as string[];
    expect(command.slice(0, 2)).toEqual(['sh', '-ec']);
    expect(command[2]).toContain(parsed.outputs.outputFile as string);
    expect(command.slice(4)).toEqual(['python3', '-m', 'kfp.dsl.executor_main']);
  });

  it('turns after edges and data edges into dependencies, and a step after a group waits on the group', () => {
    const doc = small([task('a'), task('b', { arguments: { text: { kind: 'taskOutput', task: 'a', output: 'out' } } }), task('c', { parent: 'loop' }), task('d', { after: ['loop', 'a'] })], (d) => {
      d.graph.groups.loop = { kind: 'parallelFor', id: 'loop', items: { kind: 'constant', value: ['x'] } };
    });
    const wf = compileToArgo(doc) as Obj;
    expect(dagTask(wf, 'pipeline', 'b').dependencies).toEqual(['a']);
    expect(dagTask(wf, 'pipeline', 'b').arguments.parameters[0].value).toBe('{{tasks.a.outputs.parameters.out}}');
    expect(dagTask(wf, 'pipeline', 'd').dependencies).toEqual(['a', 'loop']);
    expect(checkWorkflowReferences(wf)).toEqual([]);
  });
});

// Helpers for the emulator's tests: a small KFP IR built in code, uploads as multipart forms, JSON calls.
import { dump } from 'js-yaml';
import { startEmulator } from './emulator';
import type { Emulator, EmulatorOptions } from './emulator';

type Obj = { [key: string]: unknown };

export interface StepSpec {
  name: string;
  image?: string;
  after?: string[];
  durationMs?: number;
}

/** A PipelineSpec (schemaVersion 2.1.0) whose root DAG runs `steps`, each a container printing its name. */
export function irPipeline(name: string, steps: StepSpec[], parameters: Obj = {}): Obj {
  const components: Obj = {};
  const executors: Obj = {};
  const tasks: Obj = {};
  for (const step of steps) {
    components[`comp-${step.name}`] = { executorLabel: `exec-${step.name}` };
    executors[`exec-${step.name}`] = {
      container: {
        image: step.image ?? 'python:3.11',
        command: ['echo'],
        args: [step.name],
        ...(step.durationMs !== undefined ? { env: [{ name: 'EMULATOR_DURATION_MS', value: String(step.durationMs) }] } : {}),
      },
    };
    tasks[step.name] = {
      taskInfo: { name: step.name },
      componentRef: { name: `comp-${step.name}` },
      ...(step.after?.length ? { dependentTasks: step.after } : {}),
    };
  }
  return {
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.9.0',
    pipelineInfo: { name },
    components,
    deploymentSpec: { executors },
    root: { dag: { tasks }, ...(Object.keys(parameters).length ? { inputDefinitions: { parameters } } : {}) },
  };
}

export function irYaml(name: string, steps: StepSpec[], parameters: Obj = {}): string {
  return dump(irPipeline(name, steps, parameters));
}

/** A three-step diamond-less chain plus a parallel branch: a → b, a → c. */
export const BASIC_STEPS: StepSpec[] = [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['a'] }];

export async function upload(emulator: Emulator, fileName: string, content: string | Uint8Array, query = ''): Promise<Response> {
  const form = new FormData();
  form.append('uploadfile', new Blob([content]), fileName);
  return fetch(`${emulator.url}/apis/v2beta1/pipelines/upload${query}`, { method: 'POST', body: form });
}

export async function call(emulator: Emulator, method: string, path: string, body?: unknown, base = emulator.url): Promise<{ status: number; json: Obj }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${emulator.token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Obj) : {} };
}

export function fastEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ startTime: Date.parse('2026-03-02T10:00:00Z'), timings: { startDelayMs: 1000, taskDurationMs: 10_000, cancelDelayMs: 2000 }, ...options });
}

/** Uploads a pipeline and returns its id and its only version's id. */
export async function uploadPipeline(emulator: Emulator, name: string, steps: StepSpec[] = BASIC_STEPS, parameters: Obj = {}): Promise<{ pipelineId: string; versionId: string }> {
  const response = await upload(emulator, `${name}.yaml`, irYaml(name, steps, parameters));
  const pipeline = (await response.json()) as Obj;
  if (response.status !== 200) throw new Error(`upload failed: ${JSON.stringify(pipeline)}`);
  const versions = await call(emulator, 'GET', `/apis/v2beta1/pipelines/${String(pipeline.pipeline_id)}/versions`);
  const list = versions.json.pipeline_versions as Obj[];
  return { pipelineId: String(pipeline.pipeline_id), versionId: String(list[0]?.pipeline_version_id) };
}

export async function createRun(emulator: Emulator, versionRef: { pipelineId: string; versionId: string }, extra: Obj = {}): Promise<Obj> {
  const { status, json } = await call(emulator, 'POST', '/apis/v2beta1/runs', {
    display_name: 'run',
    pipeline_version_reference: { pipeline_id: versionRef.pipelineId, pipeline_version_id: versionRef.versionId },
    ...extra,
  });
  if (status !== 200) throw new Error(`create run failed: ${JSON.stringify(json)}`);
  return json;
}

/** The states of the pipeline's own tasks by name: the Workflow's node, drivers and executors left out. */
export function taskStates(run: Obj): Record<string, string> {
  const details = ((run.run_details as Obj | undefined)?.task_details as Obj[] | undefined) ?? [];
  const own = details.slice(1).filter((task) => !/-driver$|^executor$/.test(String(task.display_name)));
  return Object.fromEntries(own.map((task) => [String(task.display_name), task.state === undefined ? '(none)' : String(task.state)]));
}

/** The node id of the step's executor: where its `<task>` node leads (`child_tasks`), for the run log endpoint. */
export function executorNode(run: Obj, task: string): string {
  const details = ((run.run_details as Obj | undefined)?.task_details as Obj[] | undefined) ?? [];
  const node = details.find((item) => item.display_name === task && Array.isArray(item.child_tasks));
  return String((node?.child_tasks as Obj[] | undefined)?.[0]?.pod_name ?? '');
}

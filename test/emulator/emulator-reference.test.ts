// The emulator against the real KFP reference files: every IR the SDK compiles uploads and runs to the end, every
// file the backend refuses is refused, and every Workflow the backend generates runs through the Workflow API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KFP_MISSING_NOTE, hasKfp, listKfpFiles } from '../kfp-reference';
import type { Emulator } from './emulator';
import { call, fastEmulator } from './emulator.fixture';

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

type Obj = Record<string, unknown>;

const SAMPLE: Record<string, unknown> = { STRING: 'x', NUMBER_INTEGER: 1, NUMBER_DOUBLE: 1.5, BOOLEAN: true, LIST: [], STRUCT: {} };

/** A value for every required pipeline input that has no default. */
function requiredParameters(spec: Obj): Obj {
  const defs = (((spec.root as Obj | undefined)?.inputDefinitions as Obj | undefined)?.parameters ?? {}) as Record<string, Obj>;
  const out: Obj = {};
  for (const [name, def] of Object.entries(defs)) {
    if (def.defaultValue === undefined && def.isOptional !== true) out[name] = SAMPLE[String(def.parameterType)] ?? 'x';
  }
  return out;
}

async function uploadFile(emulator: Emulator, file: string): Promise<Response> {
  const form = new FormData();
  form.append('uploadfile', new Blob([readFileSync(file)]), path.basename(file));
  return fetch(`${emulator.url}/apis/v2beta1/pipelines/upload?name=${encodeURIComponent(path.basename(file))}`, { method: 'POST', body: form });
}

describe.skipIf(!hasKfp)('KFP emulator against ../shared/kfp', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await fastEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('uploads every valid IR and runs it to SUCCEEDED with every task SUCCEEDED', async () => {
    const files = listKfpFiles('ir/valid');
    expect(files.length).toBeGreaterThan(10);
    const runIds: string[] = [];
    for (const file of files) {
      const uploaded = await uploadFile(emulator, file);
      expect(uploaded.status, path.basename(file)).toBe(200);
      const pipeline = (await uploaded.json()) as Obj;
      const versions = await call(emulator, 'GET', `/apis/v2beta1/pipelines/${String(pipeline.pipeline_id)}/versions`);
      const version = (versions.json.pipeline_versions as Obj[])[0] ?? {};
      const spec = (version.pipeline_spec as Obj).pipeline_spec ? ((version.pipeline_spec as Obj).pipeline_spec as Obj) : (version.pipeline_spec as Obj);
      const run = await call(emulator, 'POST', '/apis/v2beta1/runs', {
        display_name: path.basename(file),
        pipeline_version_reference: { pipeline_id: pipeline.pipeline_id, pipeline_version_id: version.pipeline_version_id },
        runtime_config: { parameters: requiredParameters(spec) },
      });
      expect(run.status, `${path.basename(file)}: ${JSON.stringify(run.json)}`).toBe(200);
      runIds.push(String(run.json.run_id));
    }
    emulator.clock.advance(6 * 3600_000);
    for (const id of runIds) {
      const run = (await call(emulator, 'GET', `/apis/v2beta1/runs/${id}`)).json;
      expect(run.state, String(run.display_name)).toBe('SUCCEEDED');
      const tasks = (run.run_details as { task_details: { start_time: string; end_time: string; state: string }[] }).task_details;
      expect(tasks.every((task) => task.state === 'SUCCEEDED')).toBe(true);
    }
  });

  it('refuses every invalid file with 400 and creates nothing', async () => {
    const before = emulator.state.pipelines.size;
    for (const file of listKfpFiles('ir/invalid')) {
      const response = await uploadFile(emulator, file);
      expect(response.status, path.basename(file)).toBe(400);
      expect(((await response.json()) as Obj).error_message).toBeTruthy();
    }
    expect(emulator.state.pipelines.size).toBe(before);
  });

  it('runs every Workflow the KFP backend generates through the Workflow API', async () => {
    const names: string[] = [];
    for (const file of listKfpFiles('argo')) {
      const workflow = load(readFileSync(file, 'utf8')) as Obj;
      const created = await call(emulator, 'POST', '/apis/argoproj.io/v1alpha1/namespaces/kubeflow/workflows', workflow);
      expect(created.status, path.basename(file)).toBe(201);
      names.push(String((created.json.metadata as Obj).name));
    }
    emulator.clock.advance(6 * 3600_000);
    const list = await call(emulator, 'GET', '/apis/argoproj.io/v1alpha1/namespaces/kubeflow/workflows');
    const phases = (list.json.items as { metadata: { name: string }; status: { phase: string } }[]).filter((w) => names.includes(w.metadata.name));
    expect(phases.length).toBe(names.length);
    expect(phases.filter((w) => w.status.phase !== 'Succeeded').map((w) => w.metadata.name)).toEqual([]);
  });
});

// Steps' inputs, outputs and artifacts of KFP runs, read as the KFP UI reads them — ML Metadata over gRPC-web and the
// UI server's /artifacts/get — by URL and through the ml-pipeline-ui service proxy, with the faults a deployment
// shows: no UI route at the address, a store that fails or is slow, an artifact that is gone or too large.
import { describe, expect, it } from 'vitest';
import type { KfpRuntime } from '../../electron/host/runtime/kfp/kfp-runtime';
import type { EmulatorOptions } from '../emulator/emulator';
import { idsOf } from '../emulator/mlmd-store';
import { advanceUntil } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { exampleIrYaml } from './kfp-pipeline.fixture';
import { kfpRuntimes } from './kfp-runtime.fixture';

const kfpRuntime = kfpRuntimes();

async function finishedRun(mode: 'url' | 'kubeconfig', options: EmulatorOptions = {}, ir = exampleIrYaml()): Promise<{ env: ClusterEnv; runtime: KfpRuntime; runId: string }> {
  const { env, runtime } = await kfpRuntime(mode, options);
  const runId = await runtime.submit({ pipeline: ir, parameters: { rows: 40 } });
  await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'succeeded');
  return { env, runtime, runId };
}

describe('KFP run steps from ML Metadata', () => {
  it('gives each step its parameters and artifacts, lists the artifacts and reads them (by URL)', async () => {
    const { runtime, runId } = await finishedRun('url');
    const run = await runtime.getRun(runId);
    expect(run.tasks.every((task) => task.state === 'succeeded')).toBe(true);
    const make = run.tasks.find((task) => task.id === 'make-data');
    expect(make?.inputs?.parameters).toMatchObject({ rows: 40 });
    const made = Object.values(make?.outputs?.artifacts ?? {}).flat();
    expect(made[0]).toMatchObject({ schemaTitle: 'system.Dataset', uri: expect.stringMatching(new RegExp(`^minio://mlpipeline/v2/artifacts/classic-local/${runId}/make-data/`)) });
    const pre = run.tasks.find((task) => task.id === 'preprocess');
    expect(Object.values(pre?.inputs?.artifacts ?? {}).flat()[0]?.uri).toBe(made[0]?.uri);
    const test = run.tasks.find((task) => task.id === 'test');
    expect(Object.values(test?.outputs?.artifacts ?? {}).flat().find((a) => a.schemaTitle === 'system.Metrics')?.metadata).toMatchObject({ accuracy: 0.875 });

    const list = await runtime.listArtifacts(runId);
    expect(list.map((entry) => `${entry.taskId}.${entry.output}`)).toEqual(expect.arrayContaining([`make-data.${Object.keys(make?.outputs?.artifacts ?? {})[0]}`]));
    const entry = list.find((item) => item.taskId === 'make-data');
    const bytes = await runtime.readArtifact(runId, 'make-data', entry?.output ?? '');
    expect(Buffer.from(bytes).toString('utf8')).toContain('row,task,value');
    const peeked = await runtime.readArtifact(runId, 'make-data', entry?.output ?? '', { maxBytes: 5 });
    expect(Buffer.from(peeked).toString('utf8')).toBe('row,t');
    await expect(runtime.readArtifact(runId, 'make-data', 'nope')).rejects.toMatchObject({ code: 'KFS956' });
  });

  it('reads them through the ml-pipeline-ui service proxy of a kubeconfig', async () => {
    const { env, runtime, runId } = await finishedRun('kubeconfig');
    const entry = (await runtime.listArtifacts(runId)).find((item) => item.taskId === 'test' && item.artifact.schemaTitle === 'system.Markdown');
    expect(Buffer.from(await runtime.readArtifact(runId, 'test', entry?.output ?? '')).toString('utf8')).toContain('# test');
    expect(env.emulator.state.requests.some((r) => r.path.startsWith('/api/v1/namespaces/kubeflow/services/ml-pipeline-ui:80/proxy/ml_metadata.MetadataStoreService/'))).toBe(true);
    expect(env.emulator.state.requests.some((r) => r.path.startsWith('/api/v1/namespaces/kubeflow/services/ml-pipeline-ui:80/proxy/artifacts/get?'))).toBe(true);
  });

  it('says what the deployment lacks when the address has no UI routes, and keeps states and logs', async () => {
    const { runtime, runId } = await finishedRun('url', { ui: false });
    const run = await runtime.getRun(runId);
    expect(run.tasks.every((task) => task.state === 'succeeded' && !task.outputs)).toBe(true);
    expect((await runtime.readLog(runId, 'make-data')).text).toContain('make-data: done');
    await expect(runtime.listArtifacts(runId)).rejects.toMatchObject({ code: 'KFS950', message: expect.stringMatching(/address of the Kubeflow Pipelines UI/) });
  });

  it('names the failure of the object store, a missing object, a slow store and a huge artifact', async () => {
    const ir = exampleIrYaml().replace(/(env:\n(\s+)- name: [^\n]+\n\s+value: [^\n]+\n)?(\s+)image: ([^\n]+)/, (_all, _env, _i, indent: string, image: string) => `${indent}env:\n${indent}- name: EMULATOR_ARTIFACT_BYTES\n${indent}  value: '3000000'\n${indent}image: ${image}`);
    const { env, runtime, runId } = await finishedRun('url', {}, ir);
    const entry = (await runtime.listArtifacts(runId)).find((item) => item.taskId === 'make-data');
    const output = entry?.output ?? '';
    // Huge: a preview reads its first bytes only; the whole file comes whole.
    expect((await runtime.readArtifact(runId, 'make-data', output, { maxBytes: 1000 })).length).toBe(1000);
    expect((await runtime.readArtifact(runId, 'make-data', output)).length).toBe(3_000_000);
    env.emulator.faults.add({ kind: 'latency', delayMs: 300, path: /\/artifacts\/get/, times: 1 });
    expect((await runtime.readArtifact(runId, 'make-data', output, { maxBytes: 10 })).length).toBe(10);
    env.emulator.faults.add({ kind: 'status', status: 500, path: /\/artifacts\/get/ });
    await expect(runtime.readArtifact(runId, 'make-data', output)).rejects.toMatchObject({ code: 'KFS954', message: expect.stringMatching(/HTTP 500.*Injected fault/) });
    env.emulator.faults.clear();
    idsOf(env.emulator.state).objects.clear();
    await expect(runtime.readArtifact(runId, 'make-data', output)).rejects.toMatchObject({ code: 'KFS954', message: expect.stringMatching(/nothing at minio:\/\//) });
  });
});

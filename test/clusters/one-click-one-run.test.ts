// One click, one run: a request that creates something is never sent twice, and when its answer is lost (the answer
// comes after the deadline, a gateway answers 504 after the server did it, the connection drops) the person is told
// the truth: here is what was made, or it was not done (safe to try again), or unknown (with what to search for).
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterProfile } from '../../electron/host/clusters/profile.types';
import { openProfileRuntime } from '../../electron/host/clusters/profile-runtime';
import type { RuntimeTuning } from '../../electron/host/clusters/profile-runtime';
import type { ArgoRuntime } from '../../electron/host/runtime/argo/argo-runtime';
import type { KfpRuntime } from '../../electron/host/runtime/kfp/kfp-runtime';
import { asyncRefusal } from '../../shared/errors/refusal.test-support';
import { FAST_RETRY, advanceUntil, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { exampleArchive, exampleIrYaml, exampleWorkflow } from './kfp-pipeline.fixture';

let env: ClusterEnv | undefined;
const runtimes: (KfpRuntime | ArgoRuntime)[] = [];
afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
  await env?.close();
  env = undefined;
});

/** Up to 8 s of looking after a lost answer; a 1 s deadline per call unless said otherwise. */
const DEFAULT_DEADLINES: RuntimeTuning = { retry: FAST_RETRY, lookup: { windowMs: 8000, baseDelayMs: 100, maxDelayMs: 800 } };
const TUNING: RuntimeTuning = { ...DEFAULT_DEADLINES, timeoutMs: 1000 };

async function kfp(): Promise<{ env: ClusterEnv; runtime: KfpRuntime }> {
  env = await clusterEnv();
  const profile = await env.store.add({ kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } });
  const runtime = (await openProfileRuntime(profile, env.store, TUNING)) as KfpRuntime;
  runtimes.push(runtime);
  return { env, runtime };
}

const posts = (e: ClusterEnv, path: RegExp): number => e.emulator.state.requests.filter((r) => r.method === 'POST' && path.test(r.path.split('?')[0] ?? '')).length;
const RUNS = /\/apis\/v2beta1\/runs$/;

describe('one click, one run (KFP)', () => {
  it('a run created after the client gave up waiting is found and returned, not reported as "not done"', async () => {
    // As reproduced: the server takes 33 s to create the run, past the client's default 30 s deadline.
    env = await clusterEnv();
    const profile = await env.store.add({ kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } });
    const runtime = (await openProfileRuntime(profile, env.store, DEFAULT_DEADLINES)) as KfpRuntime;
    runtimes.push(runtime);
    env.emulator.faults.add({ kind: 'latency', delayMs: 33_000, method: 'POST', path: RUNS, times: 1 });
    const runId = await runtime.submit({ pipeline: exampleIrYaml(), displayName: 'slow server' });
    expect([...env.emulator.state.runs.keys()]).toEqual([runId]);
    expect(posts(env, RUNS)).toBe(1);
  }, 120_000);

  it('a 504 answered after the server created the run returns that run; nothing is sent again', async () => {
    const { env, runtime } = await kfp();
    env.emulator.faults.add({ kind: 'status', status: 504, when: 'after', method: 'POST', path: RUNS, times: 1 });
    const runId = await runtime.submit({ pipeline: exampleIrYaml(), displayName: 'gateway timeout' });
    expect([...env.emulator.state.runs.keys()]).toEqual([runId]);
    expect(posts(env, RUNS)).toBe(1);
  }, 60_000);

  it('when the cluster cannot be searched after a lost answer, the outcome is unknown and the marker to search is given', async () => {
    const { env, runtime } = await kfp();
    env.emulator.faults.add({ kind: 'reset', when: 'after', method: 'POST', path: RUNS, times: 1 });
    env.emulator.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/apis\/v2beta1\/runs\?/ });
    const result = await asyncRefusal(runtime.submit({ pipeline: exampleIrYaml(), displayName: 'cannot look' }));
    expect(result.code).toBe('KFS912');
    expect(result.message).toMatch(/^Unknown whether it was done: while creating the run, the connection was lost before the answer came/);
    expect(result.message).toMatch(/look on the cluster for a run named "cannot look" whose description holds "kfp-studio request [0-9a-f-]{36}"/);
    const marker = /kfp-studio request [0-9a-f-]{36}/.exec(result.message)?.[0] ?? '';
    expect([...env.emulator.state.runs.values()].map((run) => run.description)).toEqual([expect.stringContaining(marker)]);
    expect(posts(env, RUNS)).toBe(1);
  }, 60_000);

  it('a retry whose answer is lost is not sent again, and reports that it worked', async () => {
    const { env, runtime } = await kfp();
    const ir = exampleIrYaml().replace(/image: ([^\n]+)/, 'image: registry.example/fail-once:1');
    const runId = await runtime.submit({ pipeline: ir });
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'failed');
    env.emulator.faults.add({ kind: 'status', status: 503, when: 'after', method: 'POST', path: /:retry$/, times: 1 });
    await runtime.retry(runId);
    expect(posts(env, /:retry$/)).toBe(1);
    expect((await runtime.getRun(runId)).state).not.toBe('failed');
  }, 60_000);

  it('an upload answered 504 after it was stored is found, and the pipeline exists once', async () => {
    const { env, runtime } = await kfp();
    env.emulator.faults.add({ kind: 'status', status: 504, when: 'after', method: 'POST', path: /\/pipelines\/upload\?/, times: 1 });
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    expect(ref.recovered).toBe(true);
    expect([...env.emulator.state.pipelines.values()].map((p) => p.pipeline_id)).toEqual([ref.pipelineId]);
    expect(posts(env, /\/pipelines\/upload$/)).toBe(1);
  }, 60_000);

  it('a recurring run answered 504 after it was created is found by its marker, and exists once', async () => {
    const { env, runtime } = await kfp();
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    env.emulator.faults.add({ kind: 'status', status: 504, when: 'after', method: 'POST', path: /\/recurringruns$/, times: 1 });
    const created = await runtime.createRecurringRun({ displayName: 'nightly', version: ref, cron: '0 2 * * *' });
    expect([...env.emulator.state.recurringRuns.keys()]).toEqual([created.id]);
    expect(posts(env, /\/recurringruns$/)).toBe(1);
  }, 60_000);
});

describe('terminate says what happened (the server answers 400 for a run that is not active)', () => {
  it('a terminate whose first answer was lost, sent again, reports success: the run is canceling', async () => {
    const { env, runtime } = await kfp();
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    env.emulator.clock.advance(5000);
    env.emulator.faults.add({ kind: 'reset', when: 'after', method: 'POST', path: /:terminate$/, times: 1 });
    await runtime.terminate(runId);
    expect(posts(env, /:terminate$/)).toBe(2);
    expect(env.emulator.state.runs.get(runId)?.sim.state).toBe('canceling');
  }, 60_000);

  it('terminating a run that already ended is KFS804 naming its state', async () => {
    const { env, runtime } = await kfp();
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'succeeded');
    const result = await asyncRefusal(runtime.terminate(runId));
    expect(result.code).toBe('KFS804');
    expect(result.message).toBe('The run cannot be terminated: it has already ended (succeeded), so there is nothing to stop.');
  }, 60_000);
});

describe('one click, one run (Argo)', () => {
  it('a Workflow answered 504 after it was created is found by its request label, and exists once', async () => {
    env = await clusterEnv();
    const profile: ClusterProfile = await env.store.add({ kind: 'argo', name: 'argo', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'default' });
    const runtime = (await openProfileRuntime(profile, env.store, TUNING)) as ArgoRuntime;
    runtimes.push(runtime);
    env.emulator.faults.add({ kind: 'status', status: 504, when: 'after', method: 'POST', path: /\/workflows$/, times: 1 });
    const name = await runtime.submit({ pipeline: exampleWorkflow() });
    expect([...env.emulator.state.workflows.keys()]).toEqual([`default/${name}`]);
    expect(posts(env, /\/workflows$/)).toBe(1);
  }, 60_000);
});

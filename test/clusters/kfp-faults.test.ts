// Faults between the KFP runtime and the cluster: reads retried after 5xx and dropped connections; a run or upload
// never sent twice, even when its answer is lost (the object is found instead); watching carries on after the
// network comes back; no token in any message or console output.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { openProfileRuntime } from '../../electron/host/clusters/profile-runtime';
import type { KfpRuntime } from '../../electron/host/runtime/kfp/kfp-runtime';
import { FAST_LOOKUP, FAST_RETRY, advanceUntil, clusterEnv, sleep, waitFor } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { exampleArchive, exampleIrYaml } from './kfp-pipeline.fixture';
import { asyncRefusal } from '../../shared/errors/refusal.test-support';

const TOKEN = 'tok-NEVER-PRINT-314159';
let env: ClusterEnv | undefined;
let runtime: KfpRuntime | undefined;
const printed: string[] = [];

beforeEach(() => {
  printed.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  expect(printed.join('\n')).not.toContain(TOKEN);
  await runtime?.close();
  await env?.close();
  runtime = undefined;
  env = undefined;
});

const problems: (string | undefined)[] = [];

async function setUp(): Promise<{ env: ClusterEnv; runtime: KfpRuntime }> {
  problems.length = 0;
  env = await clusterEnv({ kfpToken: TOKEN });
  const profile = await env.store.add({ kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN });
  runtime = (await openProfileRuntime(profile, env.store, {
    retry: FAST_RETRY,
    pollMs: 20,
    maxBackoffMs: 80,
    lookup: FAST_LOOKUP,
    onWatchProblem: (_run, error) => problems.push(error === undefined ? undefined : isKfsError(error) ? error.code : String(error)),
  })) as KfpRuntime;
  return { env, runtime };
}

const runPosts = (e: ClusterEnv): number => e.emulator.state.requests.filter((r) => r.method === 'POST' && /\/apis\/v2beta1\/runs(\?|$)/.test(r.path)).length;

describe('KFP faults: reads are retried', () => {
  it('GETs go through injected 503s and connection resets', async () => {
    const { env, runtime } = await setUp();
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    env.emulator.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/runs\//, times: 2 });
    env.emulator.faults.add({ kind: 'reset', method: 'GET', path: /\/runs\//, times: 1 });
    const run = await runtime.getRun(runId);
    expect(run.id).toBe(runId);
    const faulted = env.emulator.state.requests.filter((r) => r.method === 'GET' && r.path.includes(`/runs/${runId}`) && r.fault);
    expect(faulted.map((r) => r.fault).sort()).toEqual(['reset', 'status', 'status']);
  });

  it('a server that keeps failing ends in one clear message', async () => {
    const { env, runtime } = await setUp();
    env.emulator.faults.add({ kind: 'status', status: 502, method: 'GET', path: /\/experiments/ });
    const result = await asyncRefusal(runtime.listExperiments());
    expect(result.code).toBe('KFS908');
    expect(result.message).toMatch(/HTTP 50\d\).*even after retrying/);
    expect(env.emulator.state.requests.filter((r) => r.path.includes('/experiments')).length).toBe(FAST_RETRY.attempts);
  });
});

describe('KFP faults: creating is never repeated', () => {
  it('a reset after the run POST was handled leaves exactly one run, and its id is returned', async () => {
    const { env, runtime } = await setUp();
    env.emulator.faults.add({ kind: 'reset', when: 'after', method: 'POST', path: /\/apis\/v2beta1\/runs$/, times: 1 });
    const runId = await runtime.submit({ pipeline: exampleIrYaml(), displayName: 'lost answer' });
    expect(env.emulator.state.runs.size).toBe(1);
    expect([...env.emulator.state.runs.keys()]).toEqual([runId]);
    expect(runPosts(env)).toBe(1);
    expect((await runtime.listRuns()).map((r) => r.id)).toEqual([runId]);
  });

  it('a reset before the run was handled: no run, one POST, and a message saying so', async () => {
    const { env, runtime } = await setUp();
    env.emulator.faults.add({ kind: 'reset', method: 'POST', path: /\/apis\/v2beta1\/runs$/, times: 1 });
    const result = await asyncRefusal(runtime.submit({ pipeline: exampleIrYaml() }));
    expect(result.code).toBe('KFS922');
    expect(result.message).toMatch(/^Not done: .*safe to try again/);
    expect(env.emulator.state.runs.size).toBe(0);
    expect(runPosts(env)).toBe(1);
  });

  it('a 503 on the run POST is not retried: the run is looked for, and the answer says it was not done', async () => {
    const { env, runtime } = await setUp();
    env.emulator.faults.add({ kind: 'status', status: 503, method: 'POST', path: /\/apis\/v2beta1\/runs$/, times: 1 });
    const result = await asyncRefusal(runtime.submit({ pipeline: exampleIrYaml() }));
    expect(result.code).toBe('KFS922');
    expect(result.message).toMatch(/HTTP 503.*safe to try again/);
    expect(runPosts(env)).toBe(1);
    expect(env.emulator.state.runs.size).toBe(0);
  });

  it('a lost upload answer finds the uploaded pipeline instead of uploading again', async () => {
    const { env, runtime } = await setUp();
    env.emulator.faults.add({ kind: 'reset', when: 'after', method: 'POST', path: /\/pipelines\/upload/, times: 1 });
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    expect(ref.recovered).toBe(true);
    expect(env.emulator.state.pipelines.size).toBe(1);
    expect(env.emulator.state.requests.filter((r) => r.method === 'POST' && r.path.includes('/pipelines/upload')).length).toBe(1);
  });
});

describe('KFP faults: watching', () => {
  it('carries on after the emulator drops connections for a while, and sees the end', async () => {
    const { env, runtime } = await setUp();
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    const seen: RunSnapshot[] = [];
    runtime.watch(runId, (snapshot) => seen.push(snapshot));
    await waitFor(() => seen.length > 0);
    const drop = env.emulator.faults.add({ kind: 'reset', method: 'GET', path: /\/runs\// });
    await waitFor(() => problems.length > 0);
    expect(problems[0]).toBe('KFS901');
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'succeeded', { realPauseMs: 2 });
    await sleep(200);
    expect(seen.at(-1)?.state).not.toBe('succeeded');
    env.emulator.faults.remove(drop.id);
    await waitFor(() => seen.at(-1)?.state === 'succeeded', 5000);
    expect(problems.at(-1)).toBeUndefined();
  });

  it('a 401 names no token', async () => {
    const { env } = await setUp();
    const profile = await env.store.add({ kind: 'kfp', name: 'stale', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: `${TOKEN}-old` });
    const stale = (await openProfileRuntime(profile, env.store, { retry: FAST_RETRY })) as KfpRuntime;
    const result = await asyncRefusal(stale.listRuns());
    expect(result.code).toBe('KFS902');
    expect(result.message).not.toContain(TOKEN);
    await stale.close();
  });
});

// The Argo runtime against the emulator's Kubernetes paths: a Workflow compiled from a real document with the
// project's Argo compiler is submitted, watched to Succeeded (tasks on the document's ids), its pod log read; another
// is terminated; the watch resumes after dropped connections.
import { afterEach, describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { openProfileRuntime } from '../../electron/host/clusters/profile-runtime';
import { ArgoRuntime } from '../../electron/host/runtime/argo/argo-runtime';
import { loadKubeConfig } from '../../electron/host/clusters/kubeconfig.load';
import { FAST_RETRY, advanceUntil, clusterEnv, waitFor } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { exampleIrYaml, exampleTaskIds, exampleWorkflow } from './kfp-pipeline.fixture';

let env: ClusterEnv | undefined;
let runtime: ArgoRuntime | undefined;
afterEach(async () => {
  await runtime?.close();
  await env?.close();
  runtime = undefined;
  env = undefined;
});

const problems: (string | undefined)[] = [];

async function setUp(): Promise<{ env: ClusterEnv; runtime: ArgoRuntime }> {
  problems.length = 0;
  env = await clusterEnv();
  const profile = await env.store.add({ kind: 'argo', name: 'argo', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'default' });
  runtime = (await openProfileRuntime(profile, env.store, {
    retry: FAST_RETRY,
    pollMs: 20,
    maxBackoffMs: 100,
    onWatchProblem: (_run, error) => problems.push(error === undefined ? undefined : String((error as Error).message ?? error)),
  })) as ArgoRuntime;
  return { env, runtime };
}

describe('Argo runtime', () => {
  it('submits a compiled Workflow, watches it to Succeeded and reads a pod log', async () => {
    const { env, runtime } = await setUp();
    const name = await runtime.submit({ pipeline: exampleWorkflow(), displayName: 'argo first' });
    expect(env.emulator.state.workflows.has(`default/${name}`)).toBe(true);
    const seen: RunSnapshot[] = [];
    runtime.watch(name, (snapshot) => seen.push(snapshot));
    await waitFor(() => seen.length > 0);
    await advanceUntil(env.emulator, () => seen.at(-1)?.state === 'succeeded');
    expect(seen.some((s) => s.state === 'running')).toBe(true);
    const last = seen.at(-1) as RunSnapshot;
    expect(last.displayName).toBe('argo first');
    const containers = last.tasks.filter((t) => t.kind === 'container').map((t) => t.id).sort();
    expect(containers).toEqual(exampleTaskIds());
    expect(last.tasks.every((t) => t.state === 'succeeded')).toBe(true);
    const first = exampleTaskIds()[0] ?? '';
    const log = await runtime.readLog(name, first);
    expect(log.text).toContain(`${first}: done`);
    expect((await runtime.listRuns({ states: ['succeeded'] })).map((r) => r.id)).toEqual([name]);

    // Each step's inputs and outputs as Argo writes them on its node: parameter values, artifact keys.
    const make = last.tasks.find((t) => t.id === 'make-data');
    expect(Object.keys(make?.inputs?.parameters ?? {}).length).toBeGreaterThan(0);
    expect(JSON.stringify(make?.inputs?.parameters)).not.toContain('{{');
    expect(Object.values(make?.inputs?.parameters ?? {})).toContain(400);
    const made = Object.values(make?.outputs?.artifacts ?? {}).flat()[0];
    expect(made?.uri).toMatch(new RegExp(`^${name}/[^/]+/[^/]+\\.tgz$`));
    expect(made?.metadata.repository).toMatch(/default artifact repository/);
    const pre = last.tasks.find((t) => t.id === 'preprocess');
    expect(Object.values(pre?.inputs?.artifacts ?? {}).flat().map((a) => a.uri)).toContain(made?.uri);
  });

  it('terminates a running Workflow', async () => {
    const { env, runtime } = await setUp();
    const name = await runtime.submit({ pipeline: exampleWorkflow() });
    await advanceUntil(env.emulator, () => env.emulator.state.workflows.get(`default/${name}`)?.sim.state === 'running');
    await runtime.terminate(name);
    expect((env.emulator.state.workflows.get(`default/${name}`)?.object.spec as { shutdown?: string }).shutdown).toBe('Terminate');
    await advanceUntil(env.emulator, () => env.emulator.state.workflows.get(`default/${name}`)?.sim.state === 'canceled');
    expect((await runtime.getRun(name)).state).toBe('cancelled');
  });

  it('refuses a KFP IR with a message saying to compile for Argo', async () => {
    const { runtime } = await setUp();
    let refused: unknown;
    try {
      await runtime.submit({ pipeline: exampleIrYaml() });
    } catch (error) {
      refused = error;
    }
    expect(isKfsError(refused) && refused.code).toBe('KFS610');
    expect((refused as Error).message).toMatch(/Argo target/);
  });

  it('resumes the watch from its resourceVersion after the connections drop for a while', async () => {
    const { env } = await setUp();
    // Watch requests that end every second (real time), so that the drop below hits the reconnections.
    const watcher = new ArgoRuntime({
      kc: loadKubeConfig('kfp-emulator', env.kubeconfigPath),
      namespace: 'default',
      retry: FAST_RETRY,
      watchTimeoutSeconds: 1,
      reconnectMs: 20,
      maxBackoffMs: 100,
      onWatchProblem: (_run, error) => problems.push(error === undefined ? undefined : String((error as Error).message ?? error)),
    });
    try {
      const name = await watcher.submit({ pipeline: exampleWorkflow() });
      const seen: RunSnapshot[] = [];
      watcher.watch(name, (snapshot) => seen.push(snapshot));
      await waitFor(() => seen.length > 0);
      await waitFor(() => env.emulator.state.requests.some((r) => r.path.includes('watch=true')));
      const drop = env.emulator.faults.add({ kind: 'reset', path: /\/workflows/ });
      await waitFor(() => problems.length >= 2, 5000);
      await advanceUntil(env.emulator, () => env.emulator.state.workflows.get(`default/${name}`)?.sim.state === 'succeeded', { realPauseMs: 2 });
      expect(seen.at(-1)?.state).not.toBe('succeeded');
      const droppedAt = env.emulator.state.requests.length;
      env.emulator.faults.remove(drop.id);
      await waitFor(() => seen.at(-1)?.state === 'succeeded', 8000);
      const resumed = env.emulator.state.requests.slice(droppedAt).filter((r) => r.path.includes('watch=true') && !r.fault);
      expect(resumed.some((r) => /resourceVersion=\d+/.test(r.path))).toBe(true);
      expect(problems.at(-1)).toBeUndefined();
    } finally {
      await watcher.close();
    }
  });
});

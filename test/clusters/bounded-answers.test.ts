// Cluster answers are bounded: against real loopback servers that stream without end or drip a byte at a time, every
// kind of call (a KFP list, "Test connection" by URL and through a kubeconfig's service proxy, an Argo list and an
// Argo watch) fails with a coded error saying what happened, within its deadline, having read no more than its cap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import { ANSWER_LIMITS } from '../../electron/host/clusters/cluster-http';
import { createProfileStore } from '../../electron/host/clusters/profile-store';
import type { ProfileStore } from '../../electron/host/clusters/profile-store';
import { openProfileRuntime, testProfile } from '../../electron/host/clusters/profile-runtime';
import { ArgoRuntime } from '../../electron/host/runtime/argo/argo-runtime';
import type { KfpRuntime } from '../../electron/host/runtime/kfp/kfp-runtime';
import { loadKubeConfig } from '../../electron/host/clusters/kubeconfig.load';
import { aesKeyCipher } from '../../electron/host/secrets/ciphers';
import { createSecretStore } from '../../electron/host/secrets/secret-store';
import { asyncRefusal } from '../../shared/errors/refusal.test-support';
import { kubeconfigYaml } from '../emulator/kubeconfig';
import { FAST_RETRY, waitFor } from './clusters.fixture';
import { startHostileServer } from './hostile-server.fixture';
import type { Behaviour, HostileServer } from './hostile-server.fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hostile(behaviour: Behaviour): Promise<HostileServer> {
  const server = await startHostileServer(behaviour, { lifeMs: 20_000 });
  cleanups.push(() => server.close());
  return server;
}

function setUp(server: HostileServer): { store: ProfileStore; kubeconfigPath: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kfs-bounded-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const kubeconfigPath = path.join(dataDir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigYaml({ server: server.url, token: 'hostile-token', namespace: 'default', name: 'hostile' }), { mode: 0o600 });
  return { store: createProfileStore(dataDir, createSecretStore(dataDir, aesKeyCipher(randomBytes(32)))), kubeconfigPath };
}

const json = { 'Content-Type': 'application/json' };
const endlessRuns: Behaviour = (_req, res, { endless }) => {
  res.writeHead(200, json);
  res.write('{"runs":[');
  endless(Buffer.from(`${JSON.stringify({ run_id: 'x'.repeat(1000), display_name: 'y' })},`.repeat(64)));
};
const drippingHealth: Behaviour = (_req, res, { drip }) => {
  res.writeHead(200, json);
  res.write('{"tag_name":"');
  drip('2', 100);
};

describe('cluster answers are bounded', () => {
  it('a KFP list that streams without end is cut off at the list cap with KFS920', async () => {
    const server = await hostile(endlessRuns);
    const { store } = setUp(server);
    const profile = await store.add({ kind: 'kfp', name: 'endless', connection: { mode: 'url', url: server.url, auth: 'none' } });
    const runtime = (await openProfileRuntime(profile, store, { retry: FAST_RETRY })) as KfpRuntime;
    cleanups.push(() => runtime.close());
    const result = await asyncRefusal(runtime.listRunsPage());
    expect(result.code).toBe('KFS920');
    expect(result.message).toMatch(/sent more than 32 MB while listing runs \(the most read for a page of a list\)/);
    expect(result.message).toMatch(/check that the URL is the KFP API root/);
    // The client hung up at the cap: the server could not push much past it (socket buffers only).
    await waitFor(() => server.open() === 0, 10_000);
    expect(server.sent()).toBeLessThan(ANSWER_LIMITS.list + 16 * 1024 * 1024);
  }, 60_000);

  it('"Test connection" against a server that drips a byte at a time ends at its deadline with KFS921', async () => {
    const server = await hostile(drippingHealth);
    const { store } = setUp(server);
    const profile = await store.add({ kind: 'kfp', name: 'drip', connection: { mode: 'url', url: server.url, auth: 'none' } });
    const started = Date.now();
    const result = await asyncRefusal(testProfile(profile, store, { timeoutMs: 2000, retry: FAST_RETRY }));
    const elapsed = Date.now() - started;
    expect(result.code).toBe('KFS921');
    expect(result.message).toMatch(/did not finish answering within 2 s while reading the KFP version \(healthz\) \(only 1 KB of an answer had arrived\)/);
    expect(result.message).toMatch(/Try again later/);
    // The dripper would go on for 20 s: the call ended near its 2 s deadline, not when the server stopped.
    expect(elapsed).toBeLessThan(10_000);
  }, 60_000);

  it('the deadline holds through a kubeconfig service proxy too', async () => {
    const server = await hostile(drippingHealth);
    const { store, kubeconfigPath } = setUp(server);
    const profile = await store.add({ kind: 'kfp', name: 'proxy-drip', connection: { mode: 'kubeconfig', context: 'hostile', kubeconfigPath } });
    const started = Date.now();
    const result = await asyncRefusal(testProfile(profile, store, { timeoutMs: 2000, retry: FAST_RETRY }));
    expect(result.code).toBe('KFS921');
    expect(result.message).toContain('KFP through context "hostile"');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('an Argo list that streams without end is cut off with KFS920', async () => {
    const server = await hostile(endlessRuns);
    const { kubeconfigPath } = setUp(server);
    const runtime = new ArgoRuntime({ kc: loadKubeConfig('hostile', kubeconfigPath), namespace: 'default', retry: FAST_RETRY });
    cleanups.push(() => runtime.close());
    const result = await asyncRefusal(runtime.listRuns());
    expect(result.code).toBe('KFS920');
    expect(result.message).toMatch(/listing Workflows in namespace "default"/);
  }, 60_000);

  it('an Argo watch that drips an event without end is dropped at its heartbeat deadline and the problem reported', async () => {
    const workflow = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'wf', namespace: 'default', resourceVersion: '5' }, spec: {}, status: { phase: 'Running' } };
    const server = await hostile((req, res, { drip }) => {
      res.writeHead(200, json);
      if (!(req.url ?? '').includes('watch=true')) return void res.end(JSON.stringify(workflow));
      res.write('{"type":"MODIFIED","object":');
      drip(' ', 50);
    });
    const { kubeconfigPath } = setUp(server);
    const problems: unknown[] = [];
    const runtime = new ArgoRuntime({ kc: loadKubeConfig('hostile', kubeconfigPath), namespace: 'default', retry: FAST_RETRY, watchHeartbeatMs: 500, reconnectMs: 5000 });
    cleanups.push(() => runtime.close());
    const seen: string[] = [];
    runtime.watch('wf', (snapshot) => seen.push(snapshot.state), (error) => problems.push(error));
    await waitFor(() => problems.length > 0, 10_000);
    const problem = problems[0];
    expect(isKfsError(problem) && problem.code).toBe('KFS921');
    expect((problem as Error).message).toMatch(/went silent for 1 s in the middle of an event while watching the Workflow "wf"/);
    expect(seen).toEqual(['running']);
  }, 60_000);

  it('an Argo watch event without end is cut off at the event cap', async () => {
    const workflow = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'wf', namespace: 'default', resourceVersion: '5' }, spec: {}, status: { phase: 'Running' } };
    const server = await hostile((req, res, { endless }) => {
      res.writeHead(200, json);
      if (!(req.url ?? '').includes('watch=true')) return void res.end(JSON.stringify(workflow));
      res.write('{"type":"MODIFIED","object":{"junk":"');
      endless(Buffer.alloc(64 * 1024, 'a'));
    });
    const { kubeconfigPath } = setUp(server);
    const problems: unknown[] = [];
    const runtime = new ArgoRuntime({ kc: loadKubeConfig('hostile', kubeconfigPath), namespace: 'default', retry: FAST_RETRY, reconnectMs: 5000 });
    cleanups.push(() => runtime.close());
    runtime.watch('wf', () => undefined, (error) => problems.push(error));
    await waitFor(() => problems.length > 0, 20_000);
    expect(isKfsError(problems[0]) && problems[0].code).toBe('KFS920');
    expect(server.sent()).toBeLessThan(ANSWER_LIMITS.spec + 16 * 1024 * 1024);
  }, 60_000);
});

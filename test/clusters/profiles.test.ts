// Cluster profiles against the emulator: each auth kind connects; each failure kind (401, 403, unreachable, an HTML
// login page, a wrong path, a missing exec auth plugin) gives its own code and a message saying what to do; the
// secret never reaches profiles.json.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { listKubeContexts } from '../../electron/host/clusters/kubeconfig.load';
import { testProfile } from '../../electron/host/clusters/profile-runtime';
import type { NewClusterProfile } from '../../electron/host/clusters/profile.types';
import { FAST_RETRY, clusterEnv, closedPortUrl } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { asyncRefusal } from '../../shared/errors/refusal.test-support';

let env: ClusterEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function addAndTest(e: ClusterEnv, profile: NewClusterProfile) {
  const added = await e.store.add(profile);
  return testProfile(added, e.store, { retry: FAST_RETRY, timeoutMs: 3000 });
}

describe('profiles: each way to connect', () => {
  it('connects by URL without auth, with a bearer token and with a session cookie', async () => {
    env = await clusterEnv({ kfpToken: 'tok-ABC-123' });
    const report = await addAndTest(env, { kind: 'kfp', name: 'bearer', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: 'tok-ABC-123' });
    expect(report).toMatchObject({ ok: true, kind: 'kfp', multiUser: false });
    expect(report.version).toContain('2.5.0');
    await env.close();

    env = await clusterEnv({ kfpCookie: 'authservice_session=s3cr3t-cookie' });
    const cookie = await addAndTest(env, { kind: 'kfp', name: 'cookie', connection: { mode: 'url', url: env.emulator.url, auth: 'cookie' }, secret: 'authservice_session=s3cr3t-cookie' });
    expect(cookie.ok).toBe(true);
    await env.close();

    env = await clusterEnv();
    const plain = await addAndTest(env, { kind: 'kfp', name: 'plain', connection: { mode: 'url', url: `${env.emulator.url}/`, auth: 'none' } });
    expect(plain.ok).toBe(true);
  });

  it('connects through the API server service proxy with a kubeconfig context, and lists the contexts', async () => {
    env = await clusterEnv();
    const contexts = listKubeContexts(env.kubeconfigPath);
    expect(contexts).toEqual([expect.objectContaining({ name: 'kfp-emulator', current: true, namespace: 'kubeflow', server: env.emulator.url })]);
    const report = await addAndTest(env, { kind: 'kfp', name: 'proxy', connection: { mode: 'kubeconfig', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath } });
    expect(report.ok).toBe(true);
    expect(report.endpoint).toContain('kfp-emulator');
    expect(env.emulator.state.requests.some((r) => r.path.startsWith('/api/v1/namespaces/kubeflow/services/ml-pipeline:8888/proxy/apis/v2beta1/healthz'))).toBe(true);
  });

  it('tests an Argo profile: Kubernetes version and Workflows in the namespace', async () => {
    env = await clusterEnv();
    const report = await addAndTest(env, { kind: 'argo', name: 'argo', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'default' });
    expect(report).toMatchObject({ ok: true, kind: 'argo', namespace: 'default' });
    expect(report.version).toContain('v1.31');
    const missing = await asyncRefusal(addAndTest(env, { kind: 'argo', name: 'argo-missing', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'nowhere' }));
    expect(missing.code).toBe('KFS905');
    expect(missing.message).toContain('"nowhere"');
  });

  it('reports a multi-user KFP without a namespace, and checks the namespace when given', async () => {
    env = await clusterEnv({ multiUser: true, namespaces: ['kubeflow', 'team-a'] });
    const missing = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'mu', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } }));
    expect(missing.code).toBe('KFS910');
    expect(missing.message).toMatch(/multi-user.*namespace/);
    const ok = await addAndTest(env, { kind: 'kfp', name: 'mu-ns', namespace: 'team-a', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } });
    expect(ok).toMatchObject({ multiUser: true, namespace: 'team-a' });
  });
});

describe('profiles: each failure has its own message', () => {
  it('401: the token is rejected, paste a new one', async () => {
    env = await clusterEnv({ kfpToken: 'right-token' });
    const result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'bad-token', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: 'wrong-token' }));
    expect(result.code).toBe('KFS902');
    expect(result.message).toMatch(/401/);
    expect(result.message).toMatch(/Paste a new one/);
    expect(result.message).not.toContain('wrong-token');
  });

  it('403: no permission for the namespace, named', async () => {
    env = await clusterEnv({ multiUser: true, namespaces: ['kubeflow', 'team-b'] });
    env.emulator.faults.add({ kind: 'status', status: 403, path: /\/experiments/ });
    const result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'forbidden', namespace: 'team-b', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } }));
    expect(result.code).toBe('KFS903');
    expect(result.message).toContain('"team-b"');
  });

  it('unreachable: connection refused, check the URL or VPN', async () => {
    env = await clusterEnv();
    const result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'down', connection: { mode: 'url', url: await closedPortUrl(), auth: 'none' } }));
    expect(result.code).toBe('KFS901');
    expect(result.message).toMatch(/refused/);
    expect(result.message).toMatch(/VPN/);
  });

  it('an HTML login page instead of JSON: sign in with a cookie or a token', async () => {
    env = await clusterEnv({ kfpCookie: 'authservice_session=x' });
    const result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'proxy-login', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } }));
    expect(result.code).toBe('KFS904');
    expect(result.message).toMatch(/session cookie/);
  });

  it('404: a wrong path, is this the KFP API root?', async () => {
    env = await clusterEnv();
    env.emulator.faults.add({ kind: 'status', status: 404, path: /^\/pipeline\/wrong\// });
    const result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'wrong-path', connection: { mode: 'url', url: `${env.emulator.url}/pipeline/wrong`, auth: 'none' } }));
    expect(result.code).toBe('KFS905');
    expect(result.message).toMatch(/KFP API root/);
    const service = await asyncRefusal(
      addAndTest(env, { kind: 'kfp', name: 'wrong-service', connection: { mode: 'kubeconfig', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, service: 'minio-service:9000' } }),
    );
    expect(service.code).toBe('KFS905');
    expect(service.message).toContain('services "minio-service" not found');
  });

  it('an exec auth plugin missing from the PATH is named, with how to install it', async () => {
    env = await clusterEnv();
    const file = path.join(env.dataDir, 'gke-kubeconfig');
    writeFileSync(
      file,
      dump({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'gke', cluster: { server: env.emulator.url } }],
        users: [{ name: 'gke-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin', interactiveMode: 'IfAvailable', provideClusterInfo: true } } }],
        contexts: [{ name: 'gke', context: { cluster: 'gke', user: 'gke-user' } }],
        'current-context': 'gke',
      }),
    );
    const savedPath = process.env.PATH;
    process.env.PATH = env.dataDir; // a PATH without the plugin, whatever this machine has installed
    let result: { code: string; message: string };
    try {
      result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'gke', connection: { mode: 'kubeconfig', context: 'gke', kubeconfigPath: file } }));
    } finally {
      process.env.PATH = savedPath;
    }
    expect(result.code).toBe('KFS907');
    expect(result.message).toContain('gke-gcloud-auth-plugin');
    expect(result.message).toMatch(/gcloud components install/);
  });

  it('an unknown context lists the ones there are', async () => {
    env = await clusterEnv();
    const result = await asyncRefusal(addAndTest(env, { kind: 'kfp', name: 'ctx', connection: { mode: 'kubeconfig', context: 'prod', kubeconfigPath: env.kubeconfigPath } }));
    expect(result.code).toBe('KFS906');
    expect(result.message).toContain('kfp-emulator');
  });
});

describe('profiles: storage', () => {
  it('keeps tokens and cookies out of profiles.json, and removes the secret with the profile', async () => {
    env = await clusterEnv();
    await env.store.add({ kind: 'kfp', name: 'a', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: 'SECRET-TOKEN-42' });
    await env.store.add({ kind: 'kfp', name: 'b', connection: { mode: 'url', url: env.emulator.url, auth: 'cookie' }, secret: 'authservice_session=COOKIE-99' });
    const text = readFileSync(path.join(env.dataDir, 'profiles.json'), 'utf8');
    expect(text).toContain('"name": "a"');
    expect(text).not.toContain('SECRET-TOKEN-42');
    expect(text).not.toContain('COOKIE-99');
    const secretsFile = readFileSync(path.join(env.dataDir, 'secrets.json'), 'utf8');
    expect(secretsFile).not.toContain('SECRET-TOKEN-42');
    const listed = await env.store.list();
    expect(listed.map((item) => [item.profile.name, item.hasSecret])).toEqual([['a', true], ['b', true]]);
    await env.store.remove('a');
    expect((await env.store.list()).map((item) => item.profile.name)).toEqual(['b']);
    const duplicate = await asyncRefusal(env.store.add({ kind: 'kfp', name: 'b', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } }));
    expect(duplicate.code).toBe('KFS910');
    const noToken = await asyncRefusal(env.store.add({ kind: 'kfp', name: 'c', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' } }));
    expect(noToken.code).toBe('KFS910');
  });
});

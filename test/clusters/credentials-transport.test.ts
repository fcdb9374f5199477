// Credentials and transport are visible: credentials refused mid-watch end the watch with what to do (not swallowed
// until they clear); a URL with user:password in it is refused by the host API, the CLI and at use; certificate
// checks turned off, a token over plain http and exec plugins (with their arguments) are shown by the profile list
// and the connection test (host and CLI); a certificate that does not verify is reported as that (self-signed, for
// another host, expired), against real HTTPS servers with certificates made by openssl at test time.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd, profileList, profileTest } from '../../electron/cli/commands/profile.command';
import { openProfileRuntime } from '../../electron/host/clusters/profile-runtime';
import type { RunsService } from '../../electron/host/runs';
import type { ArgoRuntime } from '../../electron/host/runtime/argo/argo-runtime';
import type { KfpRuntime } from '../../electron/host/runtime/kfp/kfp-runtime';
import type { TransportNote } from '../../shared/host-api/cluster.calls';
import type { RunEvent } from '../../shared/host-api/run.calls';
import { clusterEnv, waitFor } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { hostOverCluster, type ClusterHost } from './cluster-host.fixture';
import { exampleIrYaml, exampleWorkflow } from './kfp-pipeline.fixture';
import { hasOpenssl, makeCert, startTlsApiServer } from './tls.fixture';
import type { TlsServer } from './tls.fixture';

const TOKEN = 'transport-token-161803';
const EXEC_TOKEN = 'exec-plugin-token-1414';
const opensslHere = hasOpenssl();
if (!opensslHere) console.warn('openssl is not installed: the TLS certificate tests are skipped.');

let env: ClusterEnv;
let runs: RunsService;
let call: ClusterHost['call'];
let refused: ClusterHost['refused'];
let kubeconfigPath: string;
let pluginScript: string;
const servers: TlsServer[] = [];

/** A kubeconfig whose contexts reach the TLS servers: certificate checks off with an exec plugin, a CA for another host, an expired CA. */
function writeKubeconfig(file: string, servers: { insecure: string; wrongHost: string; expired: string }, ca: { wrongHost: string; expired: string }): void {
  const user = (name: string) => ({ name, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: process.execPath, args: [pluginScript, '--audience', 'lab'], interactiveMode: 'Never' } } });
  writeFileSync(
    file,
    dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'insecure', cluster: { server: servers.insecure, 'insecure-skip-tls-verify': true } },
        { name: 'wrong-host', cluster: { server: servers.wrongHost, 'certificate-authority-data': Buffer.from(ca.wrongHost).toString('base64') } },
        { name: 'expired', cluster: { server: servers.expired, 'certificate-authority-data': Buffer.from(ca.expired).toString('base64') } },
        { name: 'plain', cluster: { server: 'http://api.lab.example.com:8080' } },
      ],
      users: [user('plugin'), { name: 'static', user: { token: 'static-token' } }],
      contexts: [
        { name: 'insecure', context: { cluster: 'insecure', user: 'plugin', namespace: 'default' } },
        { name: 'wrong-host', context: { cluster: 'wrong-host', user: 'plugin', namespace: 'default' } },
        { name: 'expired', context: { cluster: 'expired', user: 'plugin', namespace: 'default' } },
        { name: 'plain', context: { cluster: 'plain', user: 'static', namespace: 'default' } },
      ],
      'current-context': 'insecure',
    }),
    { mode: 0o600 },
  );
}

beforeAll(async () => {
  env = await clusterEnv({ kfpToken: TOKEN });
  ({ runs, call, refused } = hostOverCluster(env, { watchTimeoutSeconds: 1 }));
  pluginScript = path.join(env.dataDir, 'auth-plugin.mjs');
  writeFileSync(pluginScript, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: '${EXEC_TOKEN}' } }));\n`);
  kubeconfigPath = path.join(env.dataDir, 'tls-kubeconfig');
  if (opensslHere) {
    const good = makeCert('IP:127.0.0.1');
    const other = makeCert('DNS:kfp.example.com');
    const expired = makeCert('IP:127.0.0.1', { expired: true });
    const [insecure, wrongHost, old] = await Promise.all([startTlsApiServer(good, EXEC_TOKEN), startTlsApiServer(other, EXEC_TOKEN), startTlsApiServer(expired, EXEC_TOKEN)]);
    servers.push(insecure, wrongHost, old);
    writeKubeconfig(kubeconfigPath, { insecure: insecure.url, wrongHost: wrongHost.url, expired: old.url }, { wrongHost: other.cert, expired: expired.cert });
  } else {
    writeKubeconfig(kubeconfigPath, { insecure: 'https://127.0.0.1:1', wrongHost: 'https://127.0.0.1:1', expired: 'https://127.0.0.1:1' }, { wrongHost: '', expired: '' });
  }
  await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN } });
  await call('clusterProfileAdd', { profile: { kind: 'argo', name: 'argo', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'default' } });
}, 60_000);

afterAll(async () => {
  await runs?.close();
  for (const server of servers) await server.close();
  await env?.close();
});

/** Watches a run through the host services as a binding does, collecting its events. */
async function watchEvents(target: string, runId: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const subscriptionId = await runs.clusters.watch(target, runId);
  runs.events.attach(subscriptionId, (event) => events.push(event));
  return events;
}

describe('credentials refused during a watch are shown', () => {
  it('KFP: a token refused mid-watch ends the watch with KFS902 and what to do', async () => {
    const runtime = (await openProfileRuntime((await env.store.add({ kind: 'kfp', name: 'direct', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN })), env.store)) as KfpRuntime;
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    await runtime.close();
    const events = await watchEvents('team', runId);
    await waitFor(() => events.some((e) => e.type === 'snapshot'));
    const refusal = env.emulator.faults.add({ kind: 'status', status: 401, method: 'GET', path: new RegExp(`/runs/${runId}`) });
    try {
      await waitFor(() => events.some((e) => e.type === 'end'), 10_000);
    } finally {
      env.emulator.faults.remove(refusal.id);
    }
    const end = events.find((e) => e.type === 'end');
    expect(end?.type === 'end' && end.reason).toMatch(/^KFS902 .*rejected the credentials \(HTTP 401\) while reading the run: .*Paste a new one in the profile/);
  }, 30_000);

  it('Argo: a 403 on the Workflow watch ends the watch with KFS903 and what to do', async () => {
    const runtime = (await openProfileRuntime(await env.store.add({ kind: 'argo', name: 'argo-direct', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'default' }), env.store)) as ArgoRuntime;
    const name = await runtime.submit({ pipeline: exampleWorkflow() });
    await runtime.close();
    const events = await watchEvents('argo', name);
    await waitFor(() => events.some((e) => e.type === 'snapshot'));
    const refusal = env.emulator.faults.add({ kind: 'status', status: 403, path: /\/workflows/ });
    try {
      await waitFor(() => events.some((e) => e.type === 'end'), 10_000);
    } finally {
      env.emulator.faults.remove(refusal.id);
    }
    const end = events.find((e) => e.type === 'end');
    expect(end?.type === 'end' && end.reason).toMatch(/^KFS903 No permission \(HTTP 403\) while .*ask an administrator for access/);
  }, 30_000);
});

describe('credentials in a profile URL are refused', () => {
  it('by the host API, without repeating them', async () => {
    const error = await refused('clusterProfileAdd', { profile: { kind: 'kfp', name: 'leaky', connection: { mode: 'url', url: 'http://alice:s3cr3t-pw@127.0.0.1:8888/pipeline', auth: 'none' } } });
    expect(error.code).toBe('KFS923');
    expect(error.message).toMatch(/user name or password in it \(http:\/\/127\.0\.0\.1:8888\/pipeline with "user:password@" before the host\).*give a bearer token or a session cookie/);
    expect(JSON.stringify(error)).not.toContain('s3cr3t-pw');
    expect((await call<{ profiles: unknown[] }>('clusterProfileList', {})).profiles).toHaveLength(2);
  });

  it('by the CLI', async () => {
    const io = bufferIo(env.dataDir);
    const code = await profileAdd(['leaky', '--url', 'https://bob:hunter2@kf.example.com/pipeline', '--auth', 'none', '--no-test'], io, { env: {}, dataDir: env.dataDir });
    expect(code).not.toBe(0);
    const said = [...io.stdout, ...io.stderr].join('\n');
    expect(said).toContain('KFS923');
    expect(said).not.toContain('hunter2');
  });
});

describe('how a profile connects is shown', () => {
  it('the profile list shows a token over plain http, certificate checks turned off and the exec plugin with its arguments', async () => {
    await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'plain-http', connection: { mode: 'url', url: 'http://kfp.lab.example.com/pipeline', auth: 'bearer' }, secret: 't' } });
    await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'loopback-http', connection: { mode: 'url', url: 'http://127.0.0.1:9/pipeline', auth: 'bearer' }, secret: 't' } });
    await call('clusterProfileAdd', { profile: { kind: 'argo', name: 'lab', context: 'insecure', kubeconfigPath, namespace: 'default' } });
    await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'plain-kube', connection: { mode: 'kubeconfig', context: 'plain', kubeconfigPath } } });
    const { profiles } = await call<{ profiles: { profile: { name: string }; transport: TransportNote[] }[] }>('clusterProfileList', {});
    const notes = Object.fromEntries(profiles.map((p) => [p.profile.name, p.transport]));
    expect(notes['plain-http']).toEqual([{ kind: 'token-over-http', message: expect.stringMatching(/^The token goes to kfp\.lab\.example\.com over plain http/) }]);
    expect(notes['loopback-http']).toEqual([]);
    expect(notes.team).toEqual([]);
    expect(notes['plain-kube']?.map((n) => n.kind)).toEqual(['token-over-http']);
    expect(notes.lab?.map((n) => n.kind)).toEqual(['insecure-tls', 'exec-plugin']);
    expect(notes.lab?.[1]).toMatchObject({ command: process.execPath, args: [pluginScript, '--audience', 'lab'] });
    expect(notes.lab?.[1]?.message).toContain(`${pluginScript} --audience lab`);
    const io = bufferIo(env.dataDir);
    const secretKey = randomBytes(32).toString('hex');
    const cli = { env: { KFP_STUDIO_SECRET_KEY: secretKey }, dataDir: path.join(env.dataDir, 'cli') };
    mkdirSync(cli.dataDir, { recursive: true });
    const added = await profileAdd(['lab', '--context', 'insecure', '--kubeconfig', kubeconfigPath, '--argo', '--namespace', 'default', '--no-test'], io, cli);
    expect([...io.stdout, ...io.stderr].join('\n')).toContain('Added profile lab');
    expect(added).toBe(0);
    expect(await profileList([], io, cli)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/warning \(insecure-tls\): insecure-skip-tls-verify/);
    expect(io.stdout.join('\n')).toContain(`note (exec-plugin): Credentials come from running ${process.execPath} ${pluginScript} --audience lab`);
  });

  it.skipIf(!opensslHere)('the connection test reports them too (an HTTPS server with certificate checks off, credentials from the exec plugin)', async () => {
    const report = await call<{ version: string; transport: TransportNote[] }>('clusterProfileTest', { profile: 'lab' });
    expect(report.version).toBe('v1.30.0-tls');
    expect(report.transport.map((n) => n.kind)).toEqual(['insecure-tls', 'exec-plugin']);
    const io = bufferIo(env.dataDir);
    expect(await profileTest(['lab'], io, { env: {}, dataDir: path.join(env.dataDir, 'cli') })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/connected to Kubernetes v1\.30\.0-tls[\s\S]*warning \(insecure-tls\)[\s\S]*note \(exec-plugin\)/);
  }, 30_000);
});

describe.skipIf(!opensslHere)('a certificate that does not verify is a TLS failure, not "unreachable"', () => {
  it('self-signed (KFP by URL)', async () => {
    await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'self-signed', connection: { mode: 'url', url: servers[0]?.url ?? '', auth: 'none' } } });
    const error = await refused('clusterProfileTest', { profile: 'self-signed' });
    expect(error.code).toBe('KFS924');
    expect(error.message).toMatch(/was reached, but the secure connection was refused while reading the KFP version \(healthz\): its certificate is self-signed/);
  }, 30_000);

  it('for another host name (kubeconfig with its certificate authority)', async () => {
    await call('clusterProfileAdd', { profile: { kind: 'argo', name: 'wrong-host', context: 'wrong-host', kubeconfigPath, namespace: 'default' } });
    const error = await refused('clusterProfileTest', { profile: 'wrong-host' });
    expect(error.code).toBe('KFS924');
    expect(error.message).toMatch(/its certificate is for another host name/);
  }, 30_000);

  it('expired (kubeconfig with its certificate authority)', async () => {
    await call('clusterProfileAdd', { profile: { kind: 'argo', name: 'expired', context: 'expired', kubeconfigPath, namespace: 'default' } });
    const error = await refused('clusterProfileTest', { profile: 'expired' });
    expect(error.code).toBe('KFS924');
    expect(error.message).toMatch(/its certificate has expired/);
  }, 30_000);
});

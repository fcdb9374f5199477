// The cluster HostApi handlers: requests are checked, profiles added and tested over the envelope, failures come
// back coded (never thrown), and no answer carries the secret.
import { afterEach, describe, expect, it } from 'vitest';
import { clusterHandlers } from '../../electron/host/clusters/cluster.handlers';
import { clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';

const TOKEN = 'handler-token-161803';
let env: ClusterEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('cluster handlers', () => {
  it('adds, lists, tests and removes a profile; a bad request and a wrong token come back coded', async () => {
    env = await clusterEnv({ kfpToken: TOKEN });
    const api = clusterHandlers(env.store);
    const added = await api.clusterProfileAdd({ profile: { kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN } });
    expect(added.ok).toBe(true);
    const listed = await api.clusterProfileList({});
    expect(listed.ok && listed.value.profiles.map((p) => [p.profile.name, p.hasSecret])).toEqual([['team', true]]);
    const tested = await api.clusterProfileTest({ profile: 'team' });
    expect(tested.ok && tested.value.version).toContain('2.5.0');
    const contexts = await api.clusterContextList({ kubeconfigPath: env.kubeconfigPath });
    expect(contexts.ok && contexts.value.contexts.map((c) => c.name)).toEqual(['kfp-emulator']);
    expect(await api.clusterProfileSetSecret({ profile: 'team', secret: 'stale' })).toEqual({ ok: true, value: {} });
    const rejected = await api.clusterProfileTest({ profile: 'team' });
    expect(!rejected.ok && rejected.error.code).toBe('KFS902');
    const bad = await api.clusterProfileAdd({ profile: { kind: 'kfp', name: 'x', connection: { mode: 'url', url: 'not a url', auth: 'none' } } });
    expect(!bad.ok && bad.error.code).toBe('KFS701');
    expect(await api.clusterProfileRemove({ profile: 'team' })).toEqual({ ok: true, value: { removed: 'team' } });
    expect(JSON.stringify([added, listed, tested, rejected])).not.toContain(TOKEN);
  });
});

// A KFP runtime on a fresh emulator for a test, reached by URL or through the kubeconfig, as a person's profile
// would reach it; the test file's runtimes and emulators are closed after each test.
import { afterEach } from 'vitest';
import { openProfileRuntime } from '../../electron/host/clusters/profile-runtime';
import type { KfpRuntime } from '../../electron/host/runtime/kfp/kfp-runtime';
import type { EmulatorOptions } from '../emulator/emulator';
import { FAST_RETRY, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';

export type KfpRuntimeOpener = (mode?: 'url' | 'kubeconfig', options?: EmulatorOptions) => Promise<{ env: ClusterEnv; runtime: KfpRuntime }>;

/** Call once at a test file's top level; a URL profile sends the emulator's `kfpToken` as a bearer token if it has one. */
export function kfpRuntimes(): KfpRuntimeOpener {
  const opened: { env: ClusterEnv; runtime?: KfpRuntime }[] = [];
  afterEach(async () => {
    for (const { env, runtime } of opened.splice(0)) {
      await runtime?.close();
      await env.close();
    }
  });
  return async (mode = 'url', options = {}) => {
    const env = await clusterEnv(options);
    const entry: { env: ClusterEnv; runtime?: KfpRuntime } = { env };
    opened.push(entry);
    const token = options.kfpToken;
    const profile =
      mode === 'url'
        ? await env.store.add({ kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: token ? 'bearer' : 'none' }, ...(token ? { secret: token } : {}) })
        : await env.store.add({ kind: 'kfp', name: 'team', connection: { mode: 'kubeconfig', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath } });
    const runtime = (await openProfileRuntime(profile, env.store, { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 })) as KfpRuntime;
    entry.runtime = runtime;
    return { env, runtime };
  };
}

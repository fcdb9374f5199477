// The app's host services over an emulated cluster, as the cluster tests drive them: a runs service on a fresh data
// folder with fast retries, secrets under a random key, and `call`/`refused` helpers that unwrap host results.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createHostServices } from '../../electron/host/host-services';
import { RunsService } from '../../electron/host/runs';
import { aesKeyCipher } from '../../electron/host/secrets/ciphers';
import { createSecretStore } from '../../electron/host/secrets/secret-store';
import type { HostHandlers } from '../../shared/host-api/host-api.calls';
import type { HostError } from '../../shared/host-api/host-result';
import { FAST_RETRY, type ClusterEnv } from './clusters.fixture';

const RESOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');

export interface ClusterHost {
  host: HostHandlers;
  runs: RunsService;
  /** The call's value; throws with the coded error when it is refused. */
  call<T = unknown>(name: keyof HostHandlers, request: unknown): Promise<T>;
  /** The call's coded error (never carrying a stack trace); throws when it succeeds. */
  refused(name: keyof HostHandlers, request: unknown): Promise<HostError>;
}

export function hostOverCluster(env: ClusterEnv, tuning: { watchTimeoutSeconds?: number } = {}): ClusterHost {
  const dataDir = path.join(env.dataDir, 'app-data');
  mkdirSync(dataDir);
  const runs = new RunsService({ dataDir, detected: { mode: 'host', reason: 'No container engine in this test.' }, clusterTuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100, ...tuning } });
  const host = createHostServices({ resourcesDir: RESOURCES, documentsDir: env.dataDir, dataDir, runs, secrets: createSecretStore(dataDir, aesKeyCipher(randomBytes(32))) });
  return {
    host,
    runs,
    async call<T>(name: keyof HostHandlers, request: unknown): Promise<T> {
      const result = await host[name](request);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    async refused(name: keyof HostHandlers, request: unknown): Promise<HostError> {
      const result = await host[name](request);
      if (result.ok) throw new Error(`${name} was expected to fail`);
      expect(JSON.stringify(result.error)).not.toMatch(/at .*\.ts:\d+/);
      return result.error;
    },
  };
}

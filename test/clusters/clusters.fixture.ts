// Shared set-up for the cluster tests: the emulator in-process, a data folder with a real secret store (AES key),
// a profile store, and helpers to move the fake clock until something is true.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProfileStore } from '../../electron/host/clusters/profile-store';
import type { ProfileStore } from '../../electron/host/clusters/profile-store';
import type { RetryPolicy } from '../../electron/host/clusters/cluster-http';
import type { LookupPolicy } from '../../electron/host/clusters/create-once';
import { aesKeyCipher } from '../../electron/host/secrets/ciphers';
import { createSecretStore } from '../../electron/host/secrets/secret-store';
import { startEmulator } from '../emulator/emulator';
import type { Emulator, EmulatorOptions } from '../emulator/emulator';

export const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };
/** Looking for what a lost create made: a short window, so a "not done" answer comes quickly. */
export const FAST_LOOKUP: LookupPolicy = { windowMs: 1500, baseDelayMs: 50, maxDelayMs: 300 };

export interface ClusterEnv {
  emulator: Emulator;
  dataDir: string;
  kubeconfigPath: string;
  store: ProfileStore;
  close(): Promise<void>;
}

export async function clusterEnv(options: EmulatorOptions = {}): Promise<ClusterEnv> {
  const emulator = await startEmulator({ startTime: Date.parse('2026-03-02T10:00:00Z'), timings: { startDelayMs: 1000, taskDurationMs: 10_000, cancelDelayMs: 2000 }, ...options });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kfs-clusters-'));
  const kubeconfigPath = path.join(dataDir, 'kubeconfig');
  writeFileSync(kubeconfigPath, emulator.kubeconfigYaml, { mode: 0o600 });
  const secrets = createSecretStore(dataDir, aesKeyCipher(randomBytes(32)));
  const store = createProfileStore(dataDir, secrets);
  return {
    emulator,
    dataDir,
    kubeconfigPath,
    store,
    close: async () => {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Advances the emulator clock in steps (letting real I/O happen between them) until `done()` or the limit. */
export async function advanceUntil(emulator: Emulator, done: () => boolean, options: { stepMs?: number; maxMs?: number; realPauseMs?: number } = {}): Promise<void> {
  const step = options.stepMs ?? 1000;
  for (let elapsed = 0; elapsed <= (options.maxMs ?? 120_000); elapsed += step) {
    if (done()) return;
    emulator.clock.advance(step);
    await sleep(options.realPauseMs ?? 15);
  }
  if (!done()) throw new Error('the condition did not become true while the emulator clock moved');
}

/** Waits (real time) until `done()`. */
export async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

/** A closed loopback port: connections to it are refused. */
export async function closedPortUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

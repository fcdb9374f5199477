// Where a run call goes when it names a cluster profile: that profile's runtime (KFP or Argo), opened once and kept
// while the profile, its stored secret and its kubeconfig file stay the same. Every call checks that: a changed or
// removed profile retires the kept runtime (its watches are told, then it is closed) and a new one is opened, so no
// call goes out with stale credentials. Calls through `tracking(store)` retire at once on remove and new secret.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { KfsError } from '../../../shared/errors/codes';
import { defaultKubeconfigFiles } from '../clusters/kubeconfig.load';
import { openProfileRuntime } from '../clusters/profile-runtime';
import type { RuntimeTuning } from '../clusters/profile-runtime';
import type { ProfileStore } from '../clusters/profile-store';
import type { ClusterProfile } from '../clusters/profile.types';
import type { ArgoRuntime } from '../runtime/argo/argo-runtime';
import type { KfpRuntime } from '../runtime/kfp/kfp-runtime';

export type ClusterRuntime = KfpRuntime | ArgoRuntime;

export interface OpenTarget {
  profile: ClusterProfile;
  runtime: ClusterRuntime;
  /** Calls `listener` once if this runtime is retired (profile removed or changed, host closing); answers how to stop. */
  onRetire(listener: (reason: string) => void): () => void;
}

interface Entry {
  key: string;
  profile: ClusterProfile;
  runtime: Promise<ClusterRuntime>;
  listeners: Set<(reason: string) => void>;
  retired: boolean;
}

function kubeconfigFiles(profile: ClusterProfile): string[] {
  const given = profile.kind === 'argo' ? profile.kubeconfigPath : profile.connection.mode === 'kubeconfig' ? profile.connection.kubeconfigPath : undefined;
  if (profile.kind === 'kfp' && profile.connection.mode === 'url') return [];
  return given ? [given] : defaultKubeconfigFiles();
}

/** What the kept runtime depends on: the profile, its secret and the kubeconfig files' identity (never kept in clear). */
async function fingerprintOf(profile: ClusterProfile, secret: string | undefined): Promise<string> {
  const files = await Promise.all(
    kubeconfigFiles(profile).map(async (file) => {
      const info = await stat(file).catch(() => undefined);
      return `${file}:${info ? `${info.mtimeMs}:${info.size}:${info.ino}` : 'absent'}`;
    }),
  );
  return createHash('sha256')
    .update(JSON.stringify(profile))
    .update('\0')
    .update(secret ?? '')
    .update('\0')
    .update(files.join('\n'))
    .digest('hex');
}

export class RunTargets {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(
    private readonly store: ProfileStore,
    private readonly tuning: RuntimeTuning = {},
  ) {}

  /** The profile's runtime; KFS913 for a profile that does not exist. */
  async open(target: string): Promise<OpenTarget> {
    if (this.closed) throw new KfsError('KFS505', 'The host is shutting down: no more cluster calls.');
    const profile = await this.lookup(target);
    const key = await fingerprintOf(profile, await this.store.secretOf(profile));
    let entry = this.entries.get(profile.id);
    if (entry && entry.key !== key) {
      this.retire(entry, `The cluster profile "${profile.name}" was changed (new credentials or settings): open the run again to go on watching.`);
      entry = undefined;
    }
    if (!entry) {
      const created: Entry = { key, profile, runtime: openProfileRuntime(profile, this.store, this.tuning), listeners: new Set(), retired: false };
      entry = created;
      this.entries.set(profile.id, created);
      created.runtime.catch(() => {
        if (this.entries.get(profile.id) === created) this.entries.delete(profile.id);
      });
    }
    const runtime = await entry.runtime;
    const kept = entry;
    return {
      profile,
      runtime,
      onRetire: (listener) => {
        if (kept.retired) {
          listener(`The cluster profile "${profile.name}" was changed or removed.`);
          return () => undefined;
        }
        kept.listeners.add(listener);
        return () => kept.listeners.delete(listener);
      },
    };
  }

  private async lookup(target: string): Promise<ClusterProfile> {
    try {
      return await this.store.get(target);
    } catch (error) {
      if (error instanceof KfsError && error.code === 'KFS913') {
        this.forget(target, `The cluster profile "${target}" was removed.`);
        const names = (await this.store.list().catch(() => [])).map((summary) => summary.profile.name);
        const known = names.length ? `the profiles are: ${names.join(', ')}` : 'no profile has been added yet';
        throw new KfsError(
          'KFS913',
          `There is no cluster profile "${target}" to send runs to (${known}). Pick a target from the list of cluster profiles (the Runs view's target menu, or "kfp-studio profile list"), or add the profile first.`,
          { field: 'target' },
        );
      }
      throw error;
    }
  }

  /** Retires the kept runtime of a profile (by id or name), if any. */
  forget(idOrName: string, reason: string): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.profile.id === idOrName || entry.profile.name === idOrName) this.retire(entry, reason);
    }
  }

  private retire(entry: Entry, reason: string): void {
    if (this.entries.get(entry.profile.id) === entry) this.entries.delete(entry.profile.id);
    if (entry.retired) return;
    entry.retired = true;
    for (const listener of [...entry.listeners]) listener(reason);
    entry.listeners.clear();
    void entry.runtime.then((runtime) => runtime.close()).catch(() => undefined);
  }

  /** The same store, whose remove and new secret retire the profile's kept runtime at once. */
  tracking(store: ProfileStore = this.store): ProfileStore {
    return {
      file: store.file,
      list: () => store.list(),
      get: (idOrName) => store.get(idOrName),
      add: (profile, options) => store.add(profile, options),
      secretOf: (profile) => store.secretOf(profile),
      remove: async (idOrName) => {
        const removed = await store.remove(idOrName);
        this.forget(removed.id, `The cluster profile "${removed.name}" was removed.`);
        return removed;
      },
      setSecret: async (idOrName, secret) => {
        await store.setSecret(idOrName, secret);
        const profile = await store.get(idOrName).catch(() => undefined);
        if (profile) this.forget(profile.id, `The credentials of cluster profile "${profile.name}" were replaced: open the run again to go on watching.`);
      },
    };
  }

  /** How many runtimes are kept (tests). */
  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    for (const entry of entries) this.retire(entry, 'The host is shutting down.');
    await Promise.all(entries.map((entry) => entry.runtime.then((runtime) => runtime.close()).catch(() => undefined)));
  }
}

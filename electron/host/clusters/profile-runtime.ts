// The runtime of a profile: KFP over REST (by URL or through the service proxy), or Argo through the Kubernetes API.
import { ArgoRuntime } from '../runtime/argo/argo-runtime';
import type { ArgoRuntimeOptions } from '../runtime/argo/argo-runtime';
import { KfpRuntime } from '../runtime/kfp/kfp-runtime';
import type { KfpRuntimeOptions } from '../runtime/kfp/kfp-runtime';
import { DEFAULT_KFP_NAMESPACE, kfpEndpoint } from './cluster-endpoint';
import type { RetryPolicy } from './cluster-http';
import type { LookupPolicy } from './create-once';
import { testArgoConnection, testKfpConnection } from './connection-test';
import type { TestOptions } from './connection-test';
import { loadKubeConfig } from './kubeconfig.load';
import type { ProfileStore } from './profile-store';
import type { ClusterProfile, ConnectionReport } from './profile.types';

export interface RuntimeTuning {
  retry?: RetryPolicy;
  pollMs?: number;
  maxBackoffMs?: number;
  onWatchProblem?: (runId: string, error: unknown | undefined) => void;
  /** Each call's deadline (default 30 s). */
  timeoutMs?: number;
  /** How long a lost create answer is followed by looking for what it made (default 45 s). */
  lookup?: LookupPolicy;
  /** How long one Argo watch request stays open before it is renewed (default 300 s). */
  watchTimeoutSeconds?: number;
}

function common(tuning: RuntimeTuning): Pick<RuntimeTuning, 'retry' | 'maxBackoffMs' | 'onWatchProblem' | 'timeoutMs' | 'lookup'> {
  return {
    ...(tuning.retry ? { retry: tuning.retry } : {}),
    ...(tuning.maxBackoffMs ? { maxBackoffMs: tuning.maxBackoffMs } : {}),
    ...(tuning.onWatchProblem ? { onWatchProblem: tuning.onWatchProblem } : {}),
    ...(tuning.timeoutMs ? { timeoutMs: tuning.timeoutMs } : {}),
    ...(tuning.lookup ? { lookup: tuning.lookup } : {}),
  };
}

export async function openProfileRuntime(profile: ClusterProfile, store: ProfileStore, tuning: RuntimeTuning = {}): Promise<KfpRuntime | ArgoRuntime> {
  if (profile.kind === 'argo') {
    const options: ArgoRuntimeOptions = {
      kc: loadKubeConfig(profile.context, profile.kubeconfigPath),
      namespace: profile.namespace,
      ...(profile.serviceAccount ? { serviceAccount: profile.serviceAccount } : {}),
      ...common(tuning),
      ...(tuning.pollMs ? { pollMs: tuning.pollMs, reconnectMs: tuning.pollMs } : {}),
      ...(tuning.watchTimeoutSeconds ? { watchTimeoutSeconds: tuning.watchTimeoutSeconds } : {}),
    };
    return new ArgoRuntime(options);
  }
  const secret = await store.secretOf(profile);
  const connection = profile.connection;
  const options: KfpRuntimeOptions = {
    endpoint: kfpEndpoint(profile, secret),
    ...(profile.namespace ? { namespace: profile.namespace } : {}),
    ...(connection.mode === 'kubeconfig'
      ? { kube: { kc: loadKubeConfig(connection.context, connection.kubeconfigPath), namespace: profile.namespace ?? connection.serviceNamespace ?? DEFAULT_KFP_NAMESPACE } }
      : {}),
    ...common(tuning),
    ...(tuning.pollMs ? { pollMs: tuning.pollMs } : {}),
  };
  return new KfpRuntime(options);
}

export async function testProfile(profile: ClusterProfile, store: ProfileStore, options: TestOptions = {}): Promise<ConnectionReport> {
  if (profile.kind === 'argo') return testArgoConnection(profile, options);
  return testKfpConnection(profile, await store.secretOf(profile), options);
}

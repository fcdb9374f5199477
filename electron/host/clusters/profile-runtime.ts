// The runtime of a profile: KFP over REST (by URL or through the service proxy), or Argo through the Kubernetes API.
import { ArgoRuntime } from '../runtime/argo/argo-runtime';
import type { ArgoRuntimeOptions } from '../runtime/argo/argo-runtime';
import { KfpRuntime } from '../runtime/kfp/kfp-runtime';
import type { KfpRuntimeOptions } from '../runtime/kfp/kfp-runtime';
import { DEFAULT_KFP_NAMESPACE, kfpEndpoint } from './cluster-endpoint';
import type { RetryPolicy } from './cluster-http';
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
}

export async function openProfileRuntime(profile: ClusterProfile, store: ProfileStore, tuning: RuntimeTuning = {}): Promise<KfpRuntime | ArgoRuntime> {
  if (profile.kind === 'argo') {
    const options: ArgoRuntimeOptions = {
      kc: loadKubeConfig(profile.context, profile.kubeconfigPath),
      namespace: profile.namespace,
      ...(profile.serviceAccount ? { serviceAccount: profile.serviceAccount } : {}),
      ...(tuning.retry ? { retry: tuning.retry } : {}),
      ...(tuning.pollMs ? { pollMs: tuning.pollMs, reconnectMs: tuning.pollMs } : {}),
      ...(tuning.maxBackoffMs ? { maxBackoffMs: tuning.maxBackoffMs } : {}),
      ...(tuning.onWatchProblem ? { onWatchProblem: tuning.onWatchProblem } : {}),
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
    ...(tuning.retry ? { retry: tuning.retry } : {}),
    ...(tuning.pollMs ? { pollMs: tuning.pollMs } : {}),
    ...(tuning.maxBackoffMs ? { maxBackoffMs: tuning.maxBackoffMs } : {}),
    ...(tuning.onWatchProblem ? { onWatchProblem: tuning.onWatchProblem } : {}),
  };
  return new KfpRuntime(options);
}

export async function testProfile(profile: ClusterProfile, store: ProfileStore, options: TestOptions = {}): Promise<ConnectionReport> {
  if (profile.kind === 'argo') return testArgoConnection(profile, options);
  return testKfpConnection(profile, await store.secretOf(profile), options);
}

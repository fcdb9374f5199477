// "Test connection": for KFP, the healthz answer (version, multi-user mode) and access to the namespace; for Argo,
// the API server's version and access to Workflows in the namespace. Failures are KfsErrors telling 401, 403,
// unreachable, a sign-in page and a wrong path apart.
import { KfsError } from '../../../shared/errors/codes';
import { ClusterError } from './cluster-http';
import { requestJson } from './cluster-calls';
import type { RetryPolicy } from './cluster-http';
import { kfpEndpoint, kubeEndpoint } from './cluster-endpoint';
import { loadKubeConfig } from './kubeconfig.load';
import { transportNotes } from './transport-notes';
import type { ArgoProfile, ConnectionReport, KfpProfile } from './profile.types';

export interface TestOptions {
  retry?: RetryPolicy;
  /** The whole test's deadline, every call and retry included (default 15 s). */
  timeoutMs?: number;
}

const QUICK: RetryPolicy = { attempts: 2, baseDelayMs: 200, maxDelayMs: 1000 };

export async function testKfpConnection(profile: KfpProfile, secret: string | undefined, options: TestOptions = {}): Promise<ConnectionReport> {
  const endpoint = kfpEndpoint(profile, secret);
  const retry = options.retry ?? QUICK;
  const deadlineAt = Date.now() + (options.timeoutMs ?? 15_000);
  const health = await requestJson<{ tag_name?: string; commit_sha?: string; multi_user?: boolean }>(
    endpoint,
    { method: 'GET', path: '/apis/v2beta1/healthz', idempotent: true, deadlineAt, answer: 'health' },
    { doing: 'reading the KFP version (healthz)' },
    retry,
  );
  if (typeof health.multi_user !== 'boolean' && !health.tag_name && !health.commit_sha) {
    throw new ClusterError('KFS905', `${endpoint.label} answered healthz with JSON that is not KFP's: is this the KFP API root?`, { field: endpoint.label });
  }
  const multiUser = health.multi_user === true;
  if (multiUser && !profile.namespace) {
    throw new KfsError('KFS910', `This KFP is multi-user: set the profile's namespace (your Kubeflow profile, e.g. kubeflow-user-example-com).`, { field: 'namespace' });
  }
  const namespace = multiUser ? profile.namespace : undefined;
  await requestJson(
    endpoint,
    { method: 'GET', path: '/apis/v2beta1/experiments', query: { page_size: 1, ...(namespace ? { namespace } : {}) }, idempotent: true, deadlineAt, answer: 'list' },
    { doing: namespace ? `listing experiments in namespace "${namespace}"` : 'listing experiments', ...(namespace ? { namespace } : {}) },
    retry,
  );
  return {
    ok: true,
    profile: profile.name,
    kind: 'kfp',
    version: health.tag_name || health.commit_sha || 'unknown',
    multiUser,
    ...(namespace ? { namespace } : {}),
    endpoint: endpoint.label,
    transport: transportNotes(profile),
  };
}

export async function testArgoConnection(profile: ArgoProfile, options: TestOptions = {}): Promise<ConnectionReport> {
  const kc = loadKubeConfig(profile.context, profile.kubeconfigPath);
  const endpoint = kubeEndpoint(kc);
  const retry = options.retry ?? QUICK;
  const deadlineAt = Date.now() + (options.timeoutMs ?? 15_000);
  const version = await requestJson<{ gitVersion?: string }>(endpoint, { method: 'GET', path: '/version', idempotent: true, deadlineAt, answer: 'health' }, { doing: 'reading the Kubernetes version' }, retry);
  await requestJson(
    endpoint,
    { method: 'GET', path: `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(profile.namespace)}/workflows`, query: { limit: 1 }, idempotent: true, deadlineAt, answer: 'list' },
    {
      doing: `listing Workflows in namespace "${profile.namespace}"`,
      namespace: profile.namespace,
      notFound: (said) =>
        new ClusterError('KFS905', `Workflows cannot be listed in namespace "${profile.namespace}": the namespace does not exist or Argo Workflows is not installed on this cluster.${said ? ` The server said: ${said}` : ''}`, { field: 'namespace' }, 404, said),
    },
    retry,
  );
  return { ok: true, profile: profile.name, kind: 'argo', version: version.gitVersion ?? 'unknown', namespace: profile.namespace, endpoint: endpoint.label, transport: transportNotes(profile) };
}

// The HTTP endpoint a profile reaches KFP through: its URL with a bearer token or session cookie, or the Kubernetes
// API server's service proxy with a kubeconfig context's credentials.
import type { KubeConfig } from '@kubernetes/client-node';
import { KfsError } from '../../../shared/errors/codes';
import type { Endpoint } from './cluster-http';
import { urlLabel } from './cluster-http';
import { kubeRequestOptions, loadKubeConfig, serverOf } from './kubeconfig.load';
import { refuseUrlCredentials } from './transport-notes';
import type { KfpProfile } from './profile.types';

export const DEFAULT_KFP_NAMESPACE = 'kubeflow';
export const DEFAULT_KFP_SERVICE = 'ml-pipeline:8888';

/** Requests through a kubeconfig context to `path` under the API server (`/api/v1/...`). */
export function kubeEndpoint(kc: KubeConfig, basePath = '', label?: string): Endpoint {
  return {
    baseUrl: `${serverOf(kc)}${basePath}`,
    label: label ?? `the API server of context "${kc.getCurrentContext()}" (${urlLabel(serverOf(kc))})`,
    via: 'kubeconfig',
    requestOptions: () => kubeRequestOptions(kc),
  };
}

export function kfpEndpoint(profile: KfpProfile, secret: string | undefined): Endpoint {
  const connection = profile.connection;
  if (connection.mode === 'kubeconfig') {
    const kc = loadKubeConfig(connection.context, connection.kubeconfigPath);
    const namespace = connection.serviceNamespace ?? DEFAULT_KFP_NAMESPACE;
    const service = connection.service ?? DEFAULT_KFP_SERVICE;
    return kubeEndpoint(kc, `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${service}/proxy`, `KFP through context "${connection.context}" (service ${service} in ${namespace})`);
  }
  refuseUrlCredentials(connection.url);
  if (connection.auth !== 'none' && !secret) {
    throw new KfsError('KFS902', `The profile "${profile.name}" has no ${connection.auth === 'bearer' ? 'token' : 'session cookie'} stored: set it again (kfp-studio profile add, or the profile's settings).`, { field: 'secret' });
  }
  const headers: Record<string, string> = {};
  if (connection.auth === 'bearer' && secret) headers.Authorization = `Bearer ${secret}`;
  if (connection.auth === 'cookie' && secret) headers.Cookie = secret;
  const baseUrl = connection.url.replace(/\/+$/, '');
  return { baseUrl, label: urlLabel(baseUrl), via: 'url', requestOptions: async () => ({ headers: { ...headers } }) };
}

// A kubeconfig pointing at the emulator: one cluster (plain http on loopback), one user with a bearer token,
// one context whose namespace is where KFP lives.
import { dump } from 'js-yaml';

export interface KubeconfigInput {
  server: string;
  token: string;
  namespace: string;
  name?: string;
}

export function kubeconfigYaml({ server, token, namespace, name = 'kfp-emulator' }: KubeconfigInput): string {
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name, cluster: { server } }],
    users: [{ name: `${name}-user`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-user`, namespace } }],
    'current-context': name,
  });
}

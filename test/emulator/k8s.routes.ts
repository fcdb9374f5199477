// The Kubernetes API paths besides Workflows and pod logs: the server version and namespaces.
import type { EmulatorEnv } from './env';
import { K8sError, sendJson } from './http-util';
import type { Router } from './router';

export const K8S_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0-kfp-emulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function namespaceObject(name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: `ns-${name}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function registerK8sRoutes(router: Router, env: EmulatorEnv): void {
  router.add('GET', '/version', ({ res }) => sendJson(res, 200, K8S_VERSION));
  router.add('GET', '/api/v1/namespaces', ({ res }) =>
    sendJson(res, 200, { apiVersion: 'v1', kind: 'NamespaceList', metadata: { resourceVersion: '1' }, items: env.state.namespaces.map(namespaceObject) }),
  );
  router.add('GET', '/api/v1/namespaces/{name}', ({ res, params }) => {
    const name = params.name ?? '';
    if (!env.state.namespaces.includes(name)) throw new K8sError(404, `namespaces "${name}" not found`, { name, kind: 'namespaces' });
    sendJson(res, 200, namespaceObject(name));
  });
}

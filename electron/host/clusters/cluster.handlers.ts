// The host side of CLUSTER_CALLS: each call parses its request, runs against the profile store, and answers the
// HostResult envelope. No call answers a secret.
import type { z } from 'zod';
import { CLUSTER_CALLS } from '../../../shared/host-api/cluster.calls';
import { fail, failFrom, ok } from '../../../shared/host-api/host-result';
import type { HostResult } from '../../../shared/host-api/host-result';
import { listKubeContexts } from './kubeconfig.load';
import { testProfile } from './profile-runtime';
import type { ProfileStore } from './profile-store';
import type { NewClusterProfile } from './profile.types';

type ClusterCallName = keyof typeof CLUSTER_CALLS;
type Request<N extends ClusterCallName> = z.output<(typeof CLUSTER_CALLS)[N]['request']>;
type Response<N extends ClusterCallName> = z.output<(typeof CLUSTER_CALLS)[N]['response']>;
export type ClusterHandlers = { [N in ClusterCallName]: (request: unknown) => Promise<HostResult<Response<N>>> };

function handler<N extends ClusterCallName>(name: N, run: (request: Request<N>) => Promise<Response<N>>): (input: unknown) => Promise<HostResult<Response<N>>> {
  const schema = CLUSTER_CALLS[name].request;
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      return fail('KFS701', `The request to ${name} is not valid${field ? ` at ${field}` : ''}: ${issue?.message ?? 'unknown problem'}.`, field ? { field } : undefined);
    }
    try {
      return ok(await run(parsed.data as Request<N>));
    } catch (error) {
      return failFrom(error);
    }
  };
}

export function clusterHandlers(store: ProfileStore): ClusterHandlers {
  return {
    clusterProfileList: handler('clusterProfileList', async () => ({ profiles: await store.list() })),
    clusterProfileAdd: handler('clusterProfileAdd', async (request) => ({ profile: await store.add(request.profile as NewClusterProfile) })),
    clusterProfileRemove: handler('clusterProfileRemove', async (request) => ({ removed: (await store.remove(request.profile)).name })),
    clusterProfileSetSecret: handler('clusterProfileSetSecret', async (request) => {
      await store.setSecret(request.profile, request.secret);
      return {};
    }),
    clusterProfileTest: handler('clusterProfileTest', async (request) => testProfile(await store.get(request.profile), store)),
    clusterContextList: handler('clusterContextList', async (request) => ({ contexts: listKubeContexts(request.kubeconfigPath) })),
  };
}

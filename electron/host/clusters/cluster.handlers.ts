// The host side of CLUSTER_CALLS: each call parses its request, runs against the profile store, and answers the
// HostResult envelope. No call answers a secret.
import type { CLUSTER_CALLS } from '../../../shared/host-api/cluster.calls';
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import { hostCall } from '../host-call';
import { listKubeContexts } from './kubeconfig.load';
import { testProfile } from './profile-runtime';
import type { ProfileStore } from './profile-store';
import type { NewClusterProfile } from './profile.types';

export type ClusterHandlers = Pick<HostHandlers, keyof typeof CLUSTER_CALLS>;

export function clusterHandlers(store: ProfileStore): ClusterHandlers {
  return {
    clusterProfileList: hostCall('clusterProfileList', async () => ({ profiles: await store.list() })),
    clusterProfileAdd: hostCall('clusterProfileAdd', async (request) => ({ profile: await store.add(request.profile as NewClusterProfile) })),
    clusterProfileRemove: hostCall('clusterProfileRemove', async (request) => ({ removed: (await store.remove(request.profile)).name })),
    clusterProfileSetSecret: hostCall('clusterProfileSetSecret', async (request) => {
      await store.setSecret(request.profile, request.secret);
      return {};
    }),
    clusterProfileTest: hostCall('clusterProfileTest', async (request) => testProfile(await store.get(request.profile), store)),
    clusterContextList: hostCall('clusterContextList', async (request) => ({ contexts: listKubeContexts(request.kubeconfigPath) })),
  };
}

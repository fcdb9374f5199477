// For renderer tests: cluster profiles kept in memory (requests checked with the contract's own schemas, as the host
// does), and a recorder of every host call with its request, to assert where calls went.
import { CLUSTER_CALLS, type ClusterProfile, type TransportNote } from '../../shared/host-api/cluster.calls';
import type { HostApi, HostCallName, HostRequest } from '../../shared/host-api/host-api.calls';
import { fail, ok } from '../../shared/host-api/host-result';

type ClusterCallName = keyof typeof CLUSTER_CALLS;

export function memoryClusterCalls(initial: ClusterProfile[] = [], options: { refuseSecrets?: string; transport?: Record<string, TransportNote[]> } = {}): Pick<HostApi, ClusterCallName> & { secrets: Map<string, string> } {
  const profiles = [...initial];
  const secrets = new Map<string, string>();
  const find = (name: string) => profiles.find((p) => p.name === name || p.id === name);
  const unknown = (name: string) => fail('KFS913', `There is no cluster profile "${name}".`, { field: 'profile' });
  return {
    secrets,
    clusterProfileList: async () => ok({ profiles: profiles.map((profile) => ({ profile, hasSecret: secrets.has(profile.id), transport: options.transport?.[profile.name] ?? [] })) }),
    clusterProfileAdd: async (request) => {
      const parsed = CLUSTER_CALLS.clusterProfileAdd.request.safeParse(request);
      if (!parsed.success) return fail('KFS701', parsed.error.issues[0]?.message ?? 'invalid');
      const { secret, ...rest } = parsed.data.profile as typeof parsed.data.profile & { secret?: string };
      if (profiles.some((p) => p.name === rest.name)) return fail('KFS910', `A cluster profile named "${rest.name}" exists already.`, { field: 'name' });
      if (secret && options.refuseSecrets) return fail('KFS703', options.refuseSecrets);
      const profile = { ...rest, id: `${rest.name}-id`, createdAt: '2026-03-02T10:00:00.000Z' } as ClusterProfile;
      profiles.push(profile);
      if (secret) secrets.set(profile.id, secret);
      return ok({ profile });
    },
    clusterProfileRemove: async ({ profile: name }) => {
      const profile = find(name);
      if (!profile) return unknown(name);
      profiles.splice(profiles.indexOf(profile), 1);
      secrets.delete(profile.id);
      return ok({ removed: profile.name });
    },
    clusterProfileSetSecret: async ({ profile: name, secret }) => {
      const profile = find(name);
      if (!profile) return unknown(name);
      secrets.set(profile.id, secret);
      return ok({});
    },
    clusterProfileTest: async ({ profile: name }) => (find(name) ? fail('KFS505', 'Testing is not available in this test host.') : unknown(name)),
    clusterContextList: async () => ok({ contexts: [] }),
  };
}

export interface RecordedCall {
  name: HostCallName;
  request: HostRequest<HostCallName>;
}

/** The same host, recording each call (name and request) in `calls`. */
export function recordingHost<H extends HostApi>(host: H): { host: H; calls: RecordedCall[]; of<N extends HostCallName>(name: N): HostRequest<N>[] } {
  const calls: RecordedCall[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(host).map(([name, value]) => [
      name,
      typeof value === 'function'
        ? (request: HostRequest<HostCallName>) => {
            calls.push({ name: name as HostCallName, request });
            return (value as (r: unknown) => unknown)(request);
          }
        : value,
    ]),
  ) as H;
  return { host: wrapped, calls, of: <N extends HostCallName>(name: N) => calls.filter((c) => c.name === name).map((c) => c.request as HostRequest<N>) };
}

// Cluster profiles: where a runtime sends pipelines. Kept in `<data>/profiles.json` without any secret: a token or
// session cookie lives in the SecretStore under `secretKeyOf(profile.id)`.
import type { ArgoProfile, KfpProfile } from '../../../shared/host-api/cluster.calls';

export type { ArgoProfile, ClusterProfile, ConnectionReport, KfpConnection, KfpProfile } from '../../../shared/host-api/cluster.calls';
export { argoProfileSchema, clusterProfileSchema, kfpProfileSchema } from '../../../shared/host-api/cluster.calls';

/** A profile as given to `add`: the id and time are the store's; the secret goes to the SecretStore. */
export type NewClusterProfile = (Omit<KfpProfile, 'id' | 'createdAt'> | Omit<ArgoProfile, 'id' | 'createdAt'>) & {
  /** Bearer token, or `name=value` session cookie, per the profile's auth. Never written to profiles.json. */
  secret?: string;
};

export function secretKeyOf(profileId: string): string {
  return `cluster-profile:${profileId}`;
}

/** Whether the profile's auth needs a secret. */
export function needsSecret(profile: KfpProfile | ArgoProfile | NewClusterProfile): boolean {
  return profile.kind === 'kfp' && profile.connection.mode === 'url' && profile.connection.auth !== 'none';
}


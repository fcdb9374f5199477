// The cluster profiles as the UI knows them (loaded from the host, refreshed after each change) and whether the
// Clusters dialog is open. One store for the app: the runs view's "Run target" and the Run dialog's "Run on" read it.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useUiStore } from '../store/ui-stores';
import type { HostApi, HostResponse } from '../../shared/host-api/host-api.calls';
import type { ClusterProfile } from '../../shared/host-api/cluster.calls';
import type { HostError } from '../../shared/host-api/host-result';

export type ProfileEntry = HostResponse<'clusterProfileList'>['profiles'][number];

export interface ClustersUiState {
  dialogOpen: boolean;
  /** Undefined until first loaded. */
  profiles: ProfileEntry[] | undefined;
  loadError: HostError | undefined;
  openDialog(): void;
  closeDialog(): void;
  /** Reloads the profiles from the host. */
  refresh(host: HostApi): Promise<void>;
}

export function createClustersUi() {
  return createStore<ClustersUiState>()((set) => ({
    dialogOpen: false,
    profiles: undefined,
    loadError: undefined,
    openDialog: () => set({ dialogOpen: true }),
    closeDialog: () => set({ dialogOpen: false }),
    refresh: async (host) => {
      const result = await host.clusterProfileList({});
      if (result.ok) set({ profiles: result.value.profiles, loadError: undefined });
      else set({ loadError: result.error });
    },
  }));
}

export type ClustersUiStore = ReturnType<typeof createClustersUi>;

/** Reads the given clusters store, else the App's (UiStoresContext). */
export function useClustersUi<T>(selector: (state: ClustersUiState) => T, store?: ClustersUiStore): T {
  return useStore(useUiStore('clusters', store), selector);
}

export function findProfile(profiles: readonly ProfileEntry[] | undefined, name: string | undefined): ClusterProfile | undefined {
  return name === undefined ? undefined : profiles?.find((p) => p.profile.name === name)?.profile;
}

export const KIND_TEXT: Record<ClusterProfile['kind'], string> = { kfp: 'KFP', argo: 'Argo' };

/** Where a profile's requests go, as people read it (no credentials). */
export function profileWhere(profile: ClusterProfile): string {
  const file = (path: string | undefined) => (path ? ` · kubeconfig ${path}` : '');
  if (profile.kind === 'argo') return `context ${profile.context} · namespace ${profile.namespace}${profile.serviceAccount ? ` · service account ${profile.serviceAccount}` : ''}${file(profile.kubeconfigPath)}`;
  const c = profile.connection;
  const ns = profile.namespace ? ` · user namespace ${profile.namespace}` : '';
  if (c.mode === 'url') return `${c.url}${c.auth === 'none' ? '' : ` · ${c.auth === 'bearer' ? 'bearer token' : 'session cookie'}`}${ns}`;
  return `context ${c.context} · service namespace ${c.serviceNamespace ?? 'kubeflow'}${ns}${file(c.kubeconfigPath)}`;
}

/** The host's error as people read it, with its code (the host's messages say what to do next). */
export function errorText(error: HostError): string {
  return `${error.code} ${error.message}`;
}

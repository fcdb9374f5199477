// The catalogs as the UI knows them: the listing from the host (every source's entries, searched by the palette),
// reloaded when the host's revision moves (a watched folder changed) or after an add, remove or refresh; the
// changes the last refresh found; and which catalog dialog is open.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useUiStore } from '../store/ui-stores';
import type { CatalogChange, CatalogListing } from '../../shared/host-api/catalog.calls';
import type { HostApi } from '../../shared/host-api/host-api.calls';

export type CatalogDialog = 'catalogs' | 'importUrl';

export interface CatalogUiState {
  listing: CatalogListing | undefined;
  /** The listing could not be loaded at all (each source's own problems are in the listing). */
  error: string | undefined;
  changes: CatalogChange[] | undefined;
  dialog: CatalogDialog | undefined;
  load(host: HostApi): Promise<void>;
  /** Loads again only when the host's revision moved (cheap enough to ask every few seconds). */
  check(host: HostApi): Promise<void>;
  setChanges(changes: CatalogChange[] | undefined): void;
  open(dialog: CatalogDialog): void;
  close(): void;
}

export function createCatalogUi() {
  return createStore<CatalogUiState>()((set, get) => ({
    listing: undefined,
    error: undefined,
    changes: undefined,
    dialog: undefined,
    load: async (host) => {
      const result = await host.catalogList({});
      if (result.ok) set({ listing: result.value, error: undefined });
      else set({ error: `The component catalog could not be loaded: ${result.error.code} ${result.error.message}` });
    },
    check: async (host) => {
      const result = await host.catalogRevision({});
      if (result.ok && result.value.revision !== get().listing?.revision) await get().load(host);
    },
    setChanges: (changes) => set({ changes }),
    open: (dialog) => set({ dialog }),
    close: () => set({ dialog: undefined }),
  }));
}

export type CatalogUiStore = ReturnType<typeof createCatalogUi>;

/** Reads the given catalogs store, else the App's (UiStoresContext). */
export function useCatalogUi<T>(selector: (state: CatalogUiState) => T, store?: CatalogUiStore): T {
  return useStore(useUiStore('catalogs', store), selector);
}

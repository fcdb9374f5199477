// The app's UI stores beside the editor store, created once per App and provided through one context (dependency
// injection: a test passes its own stores through the same provider or as a component's prop).
import { createContext, useContext } from 'react';
import type { CatalogUiStore } from '../catalogs/catalog-ui';
import type { ClustersUiStore } from '../clusters/clusters-ui';
import type { CanvasRunStore } from '../runs/canvas-run';
import type { RunsUiStore } from '../runs/runs-ui';

export interface UiStores {
  catalogs: CatalogUiStore;
  clusters: ClustersUiStore;
  runs: RunsUiStore;
  canvasRun: CanvasRunStore;
}

export const UiStoresContext = createContext<UiStores | null>(null);

export function useUiStores(): UiStores {
  const stores = useContext(UiStoresContext);
  if (!stores) throw new Error('The UI stores need a UiStoresContext provider (App provides one; tests pass theirs)');
  return stores;
}

/** The given store when a caller passed one, else the one provided: the context is read either way (a hook). */
export function useUiStore<K extends keyof UiStores>(key: K, given: UiStores[K] | undefined): UiStores[K] {
  const stores = useContext(UiStoresContext);
  if (given) return given;
  if (!stores) throw new Error(`The ${key} UI store needs a UiStoresContext provider or a store passed in`);
  return stores[key];
}

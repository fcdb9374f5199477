// A fresh set of UI stores: one per App, or per test (kept apart from ui-stores.ts, which the stores' hooks import).
import { createCatalogUi } from '../catalogs/catalog-ui';
import { createClustersUi } from '../clusters/clusters-ui';
import { createCanvasRun } from '../runs/canvas-run';
import { createRunsUi } from '../runs/runs-ui';
import type { UiStores } from './ui-stores';

export function createUiStores(given: Partial<UiStores> = {}): UiStores {
  return {
    catalogs: given.catalogs ?? createCatalogUi(),
    clusters: given.clusters ?? createClustersUi(),
    runs: given.runs ?? createRunsUi(),
    canvasRun: given.canvasRun ?? createCanvasRun(),
  };
}

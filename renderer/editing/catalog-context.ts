import { createContext, useContext } from 'react';
import type { CatalogEntry, CatalogSource } from '../../shared/host-api/catalog.calls';

export interface CatalogState {
  groups: string[];
  entries: CatalogEntry[];
  /** Every catalog (the bundled one first), with its coded problems. */
  sources: CatalogSource[];
  /** Set when the catalog could not be loaded. */
  error?: string;
}

export const CatalogContext = createContext<CatalogState>({ groups: [], entries: [], sources: [] });

export const useCatalog = (): CatalogState => useContext(CatalogContext);

/** The drag-and-drop data type carrying a catalog ref from the palette to the canvas. */
export const COMPONENT_DRAG_TYPE = 'application/x-kfs-component';

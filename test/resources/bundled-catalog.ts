// Reads resources/components/catalog.json and the component files it lists (for the example builder and tests).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const COMPONENTS_DIR = path.join(REPO_ROOT, 'resources/components');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'resources/examples');

export const CATALOG_GROUPS = ['Data', 'Training', 'Evaluation', 'Deployment', 'Utilities'] as const;

export interface CatalogEntry {
  /** The `ref` of `source: {kind: 'catalog', ref}` in documents. */
  ref: string;
  /** File name inside resources/components. */
  file: string;
  group: string;
  keywords: string[];
}

export interface Catalog {
  groups: string[];
  components: CatalogEntry[];
}

export function readCatalog(): Catalog {
  return JSON.parse(readFileSync(path.join(COMPONENTS_DIR, 'catalog.json'), 'utf8')) as Catalog;
}

/** The text of a bundled component by its catalog ref. */
export function readCatalogComponent(catalog: Catalog, ref: string): { file: string; text: string } {
  const entry = catalog.components.find((e) => e.ref === ref);
  if (!entry) throw new Error(`catalog.json lists no component "${ref}"`);
  return { file: `resources/components/${entry.file}`, text: readFileSync(path.join(COMPONENTS_DIR, entry.file), 'utf8') };
}

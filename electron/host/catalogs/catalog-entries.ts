// Turns what a source offers (texts with digests) into palette entries, and compares two listings of a source.
import type { CatalogChange, CatalogEntry } from '../../../shared/host-api/catalog.calls';
import type { HostError } from '../../../shared/host-api/host-result';
import type { ComponentSpec } from '../../../shared/model/document';
import type { ImportedComponent } from '../../../shared/import/component.import';
import type { CatalogItem } from './catalog-load';
import { problemOf } from './catalog-load';
import { importWithUrlRefs } from './component-url';
import type { RemoteCache } from './remote-fetch';

export interface EntrySource {
  id: string;
  name: string;
  /** The bundled catalog keys components by their index ref, as the bundled examples do. */
  keyByRef: boolean;
}

/** Documents key a bundled component by its ref, so adding one reuses the examples' copy. */
function keyedByRef(imported: ImportedComponent, ref: string): { [id: string]: ComponentSpec } {
  return Object.fromEntries(Object.entries(imported.components).map(([id, spec]) => [id === imported.id ? ref : id, id === imported.id ? imported.component : spec]));
}

export async function entriesOf(catalog: EntrySource, items: readonly CatalogItem[], defaultGroup: string, remote: RemoteCache, problems: HostError[]): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  for (const item of items) {
    const ref = item.ref ?? `${catalog.id}:${item.location}`;
    try {
      // Bundled components change only with the app, so documents (the bundled examples among them) do not pin them.
      const source = catalog.keyByRef ? { kind: 'catalog' as const, ref } : { kind: 'catalog' as const, ref, digest: item.digest };
      const imported = await importWithUrlRefs(item.text, { file: item.location, source }, remote);
      entries.push({
        id: catalog.keyByRef ? ref : imported.id,
        ref,
        group: item.group ?? defaultGroup,
        keywords: item.keywords,
        component: imported.component,
        components: catalog.keyByRef ? keyedByRef(imported, ref) : imported.components,
        catalog: catalog.id,
        catalogName: catalog.name,
        digest: item.digest,
        ...(item.version ? { version: item.version } : {}),
        location: item.location,
      });
    } catch (error) {
      problems.push(problemOf(error, item.location));
    }
  }
  return entries;
}

/** What refresh reports: components added, removed, or whose content (digest) changed. */
export function catalogChanges(catalog: string, before: readonly CatalogEntry[], after: readonly CatalogEntry[]): CatalogChange[] {
  const old = new Map(before.map((e) => [e.ref, e]));
  const changes: CatalogChange[] = [];
  for (const entry of after) {
    const was = old.get(entry.ref);
    if (!was) changes.push({ catalog, ref: entry.ref, name: entry.component.name, change: 'added', to: entry.digest });
    else if (was.digest !== entry.digest) changes.push({ catalog, ref: entry.ref, name: entry.component.name, change: 'changed', from: was.digest, to: entry.digest });
    old.delete(entry.ref);
  }
  for (const gone of old.values()) changes.push({ catalog, ref: gone.ref, name: gone.component.name, change: 'removed', from: gone.digest });
  return changes;
}

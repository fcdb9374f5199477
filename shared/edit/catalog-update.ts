// A task's component from a catalog whose copy there changed since it was added (another digest): which entry holds
// the newer copy, and the changes that take it (the task keeps the pinned copy until the person accepts).
import type { CatalogEntry } from '../host-api/catalog.calls';
import type { PipelineChange } from '../model/changes';
import type { ComponentSpec } from '../model/document';

/** The catalog entry holding a newer copy of `component`, when there is one. */
export function updateFor(component: ComponentSpec | undefined, entries: readonly CatalogEntry[]): CatalogEntry | undefined {
  const source = component?.source;
  if (source?.kind !== 'catalog' || !source.digest) return undefined;
  const entry = entries.find((e) => e.ref === source.ref);
  return entry && entry.digest !== source.digest ? entry : undefined;
}

/** Replaces the pinned component (and the components a nested pipeline needs) by the catalog's copy. */
export function acceptUpdateChanges(componentId: string, entry: CatalogEntry): PipelineChange[] {
  const children = Object.entries(entry.components).filter(([id]) => id !== entry.id);
  return [...children.map(([id, component]): PipelineChange => ({ type: 'putComponent', id, component })), { type: 'putComponent', id: componentId, component: entry.component }];
}

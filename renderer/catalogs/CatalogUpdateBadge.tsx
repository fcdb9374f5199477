// On a task whose component came from a catalog: when the catalog's copy has changed since it was added (another
// digest), the task says so and keeps the pinned copy until the person accepts the update with one click.
import { memo } from 'react';
import { shortDigest } from '../../shared/catalog/sha256';
import type { CatalogEntry } from '../../shared/host-api/catalog.calls';
import type { PipelineChange } from '../../shared/model/changes';
import type { ComponentSpec } from '../../shared/model/document';
import { useCatalog } from '../editing/catalog-context';
import { useEditorStore } from '../store/editor-context';

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

function CatalogUpdateBadgeView({ componentId, component, label }: { componentId: string; component: ComponentSpec | undefined; label: string }) {
  const { entries } = useCatalog();
  const store = useEditorStore();
  const entry = updateFor(component, entries);
  if (!entry || !component) return null;
  const from = component.source?.kind === 'catalog' ? (component.source.digest ?? '') : '';
  const accept = () => {
    store.getState().apply(acceptUpdateChanges(componentId, entry));
    store.getState().setStatus(`${label} now uses the catalog's copy of ${entry.component.name} (${shortDigest(entry.digest)}).`);
  };
  return (
    <button
      type="button"
      className="kfs-task-update nodrag"
      aria-label={`Update ${label} from ${entry.catalogName}`}
      title={`KFS453: ${entry.component.name} changed in ${entry.catalogName} (${shortDigest(from)} → ${shortDigest(entry.digest)}). This task keeps its copy until you accept the update.`}
      onClick={accept}
    >
      Update available
    </button>
  );
}

export const CatalogUpdateBadge = memo(CatalogUpdateBadgeView);

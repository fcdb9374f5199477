// On a task whose component came from a catalog: when the catalog's copy has changed since it was added (another
// digest), the task says so and keeps the pinned copy until the person accepts the update with one click.
import { memo } from 'react';
import { shortDigest } from '../../shared/catalog/sha256';
import { acceptUpdateChanges, updateFor } from '../../shared/edit/catalog-update';
import type { ComponentSpec } from '../../shared/model/document';
import { useCatalog } from '../editing/catalog-context';
import { useEditorStore } from '../store/editor-context';

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

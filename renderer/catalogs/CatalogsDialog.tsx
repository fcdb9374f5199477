// The Catalogs dialog: every catalog (where it is, what it holds, when it was fetched, its coded problems) with
// Refresh and Remove; what the last refresh changed; adding a catalog; saving a step or publishing the pipeline.
import { useState } from 'react';
import { shortDigest } from '../../shared/catalog/sha256';
import type { CatalogSource } from '../../shared/host-api/catalog.calls';
import { useHost } from '../host/host-context';
import { AddCatalogForm } from './AddCatalogForm';
import { CatalogModal } from './CatalogDialogHost';
import { problemText } from './CatalogProblems';
import { useCatalogUi, type CatalogUiStore } from './catalog-ui';
import { ReuseForms } from './ReuseForms';

/** One empty list for "not loaded yet": a selector answering a new [] each time would re-render without end. */
const NO_SOURCES: CatalogSource[] = [];

const KIND_TEXT: Record<CatalogSource['kind'], string> = { bundled: 'bundled', folder: 'folder', url: 'URL', git: 'Git' };

function SourceItem({ source, busy, onRefresh, onRemove }: { source: CatalogSource; busy: boolean; onRefresh: () => void; onRemove: () => void }) {
  return (
    <li className="kfs-catalog-source" aria-label={source.name}>
      <div className="kfs-catalog-source-head">
        <div>
          <strong>{source.name}</strong> <span className="kfs-catalog-kind">{KIND_TEXT[source.kind]}</span>
          <p className="kfs-catalog-where">
            {source.location}
            {source.ref ? ` @ ${source.ref}` : ''}
          </p>
          <p className="kfs-catalog-where kfs-muted">
            {source.componentCount} components{source.pipelines.length ? `, ${source.pipelines.length} pipelines` : ''}
            {source.fetchedAt ? ` · fetched ${new Date(source.fetchedAt).toLocaleString()}` : ''}
            {source.offline ? ' · offline copy' : ''}
          </p>
        </div>
        {source.kind !== 'bundled' && (
          <div className="kfs-catalog-actions">
            <button type="button" disabled={busy} onClick={onRefresh} aria-label={`Refresh ${source.name}`}>Refresh</button>
            <button type="button" disabled={busy} onClick={onRemove} aria-label={`Remove ${source.name}`}>Remove</button>
          </div>
        )}
      </div>
      {source.problems.map((problem, i) => (
        <p key={i} className="kfs-catalog-problem">{problemText(problem)}</p>
      ))}
    </li>
  );
}

export function CatalogsDialog({ catalogs, onClose }: { catalogs: CatalogUiStore; onClose: () => void }) {
  const host = useHost();
  const sources = useCatalogUi((s) => s.listing?.sources ?? NO_SOURCES, catalogs);
  const changes = useCatalogUi((s) => s.changes, catalogs);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const act = async (work: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(await work());
    await catalogs.getState().load(host);
    setBusy(false);
  };
  const refresh = (id?: string) =>
    act(async () => {
      const result = await host.catalogRefresh(id ? { id } : {});
      if (!result.ok) return problemText(result.error);
      catalogs.getState().setChanges(result.value.changes);
      return undefined;
    });
  const remove = (id: string) => act(async () => {
    const result = await host.catalogRemove({ id });
    return result.ok ? undefined : problemText(result.error);
  });

  return (
    <CatalogModal title="Catalogs" id="kfs-catalogs-title" onClose={onClose}>
      <p className="kfs-muted">The palette searches every catalog at once. Remote catalogs are read from the copy taken when added or refreshed, so they work offline and change only when you refresh.</p>
      <ul className="kfs-catalog-list" aria-label="Catalog sources">
        {sources.map((source) => (
          <SourceItem key={source.id} source={source} busy={busy} onRefresh={() => void refresh(source.id)} onRemove={() => void remove(source.id)} />
        ))}
      </ul>
      <button type="button" disabled={busy || sources.length < 2} onClick={() => void refresh()}>Refresh all</button>
      {error && <p className="kfs-catalog-problem" role="alert">{error}</p>}
      {changes && (
        <section aria-label="Changes found by refresh">
          <h3>What changed</h3>
          {changes.length ? (
            <ul className="kfs-catalog-changes">
              {changes.map((c) => (
                <li key={`${c.ref}-${c.change}`}>
                  {c.change} {c.name}
                  {c.change === 'changed' ? `: ${shortDigest(c.from ?? '')} → ${shortDigest(c.to ?? '')}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="kfs-muted">No changes.</p>
          )}
        </section>
      )}
      <AddCatalogForm onAdded={() => catalogs.getState().load(host)} />
      <ReuseForms sources={sources} onWritten={() => catalogs.getState().load(host)} />
    </CatalogModal>
  );
}

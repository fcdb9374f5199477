// Import component from URL: fetched by the host (cached, size-capped, its digest shown), added at the canvas centre.
// Offline, the cached copy is used and the status says so; never fetched before, the coded refusal is shown.
import { useReactFlow } from '@xyflow/react';
import { useState, type FormEvent } from 'react';
import { shortDigest } from '../../shared/catalog/sha256';
import { addAtCentre } from '../editing/add-at-centre';
import { useHost } from '../host/host-context';
import { useEditorStore } from '../store/editor-context';
import { CatalogModal } from './CatalogDialogHost';
import { problemText } from './CatalogProblems';

export function ImportUrlDialog({ onClose }: { onClose: () => void }) {
  const host = useHost();
  const store = useEditorStore();
  const flow = useReactFlow();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await host.componentFromUrl({ url: url.trim() });
    setBusy(false);
    if (!result.ok) return setError(problemText(result.error));
    const { digest, cached } = result.value;
    addAtCentre(store, flow, result.value, (taskId) => `Imported ${result.value.component.name} as ${taskId} from ${url.trim()} (${shortDigest(digest)}${cached ? ', offline: the cached copy' : ''}).`);
    onClose();
  };

  return (
    <CatalogModal title="Import component from URL" id="kfs-import-url-title" onClose={onClose}>
      <p className="kfs-muted">An http(s) address of a component.yaml (KFP v1 or v2). It is read, never run; a copy is kept for offline use.</p>
      <form className="kfs-catalog-form" onSubmit={(e) => void submit(e)}>
        <label className="kfs-wide">
          Component URL
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://raw.githubusercontent.com/…/component.yaml" />
        </label>
        <button type="submit" disabled={busy || !url.trim()}>{busy ? 'Importing…' : 'Import'}</button>
      </form>
      {error && <p className="kfs-catalog-problem" role="alert">{error}</p>}
    </CatalogModal>
  );
}

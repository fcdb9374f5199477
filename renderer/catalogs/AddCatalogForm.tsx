// Adding a catalog: a folder on this computer, a URL (one component.yaml, or an index in KFP Studio's, Tangle's or
// Elyra's form), or a Git repository (cloned with your git; a branch or tag may be given).
import { useState, type FormEvent } from 'react';
import { useHost } from '../host/host-context';
import { problemText } from './CatalogProblems';

type Kind = 'folder' | 'url' | 'git';

const LOCATION_HINT: Record<Kind, string> = {
  folder: '/home/me/team-components',
  url: 'https://example.com/catalog.json',
  git: 'https://github.com/team/components.git',
};

export function AddCatalogForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const host = useHost();
  const [kind, setKind] = useState<Kind>('folder');
  const [location, setLocation] = useState('');
  const [name, setName] = useState('');
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    const result = await host.catalogAdd({ kind, location: location.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(kind === 'git' && ref.trim() ? { ref: ref.trim() } : {}) });
    if (result.ok) {
      const { source } = result.value;
      setMessage({ ok: true, text: `Added ${source.name}: ${source.componentCount} components${source.problems.length ? `, ${source.problems.length} problems` : ''}.` });
      setLocation('');
      setName('');
      await onAdded();
    } else {
      setMessage({ ok: false, text: problemText(result.error) });
    }
    setBusy(false);
  };

  return (
    <section aria-label="Add a catalog">
      <h3>Add a catalog</h3>
      <form className="kfs-catalog-form" onSubmit={(e) => void submit(e)}>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="folder">Folder</option>
            <option value="url">URL (component or index)</option>
            <option value="git">Git repository</option>
          </select>
        </label>
        <label>
          Name (optional)
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="kfs-wide">
          Location
          <input required value={location} onChange={(e) => setLocation(e.target.value)} placeholder={LOCATION_HINT[kind]} />
        </label>
        {kind === 'git' && (
          <label>
            Branch or tag (optional)
            <input value={ref} onChange={(e) => setRef(e.target.value)} />
          </label>
        )}
        <button type="submit" disabled={busy || !location.trim()}>{busy ? 'Adding…' : 'Add catalog'}</button>
      </form>
      {message && <p className={message.ok ? 'kfs-muted' : 'kfs-catalog-problem'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}

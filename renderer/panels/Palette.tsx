// The component palette: every catalog's components by group, searched all at once (name, description, keywords,
// input and output names and types). Each entry says where it comes from, its version and digest. Drag an entry onto
// the canvas, or focus it and press Enter to add it at the centre of the canvas.
import { useReactFlow } from '@xyflow/react';
import { memo, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { indexCatalog, searchCatalog } from '../../shared/catalog/catalog-search';
import { shortDigest } from '../../shared/catalog/sha256';
import type { CatalogEntry } from '../../shared/host-api/host-api.calls';
import { useUiStores } from '../store/ui-stores';
import { CatalogProblems } from '../catalogs/CatalogProblems';
import { addAtCentre } from '../editing/add-at-centre';
import { COMPONENT_DRAG_TYPE, useCatalog } from '../editing/catalog-context';
import { useEditorStore } from '../store/editor-context';
import { CreateActions } from './CreateActions';

/** More rows than anyone scrolls through; the search narrows the rest (and a keystroke stays fast at 1,000+). */
export const MAX_SHOWN = 150;

function entryMeta(entry: CatalogEntry): string {
  return [entry.catalogName, entry.version ? `v${entry.version}` : '', shortDigest(entry.digest)].filter(Boolean).join(' · ');
}

function PaletteView() {
  const { groups, entries, sources, error } = useCatalog();
  const store = useEditorStore();
  const flow = useReactFlow();
  const { catalogs } = useUiStores();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | undefined>();
  const list = useRef<HTMLDivElement>(null);
  const searchable = useMemo(() => indexCatalog(entries), [entries]);
  const matches = useMemo(() => searchCatalog(searchable, query), [searchable, query]);
  const visible = useMemo(() => matches.slice(0, MAX_SHOWN), [matches]);
  const byGroup = useMemo(() => {
    const order = [...groups, ...new Set(visible.map((e) => e.group).filter((g) => !groups.includes(g)))];
    return order.map((group) => ({ group, items: visible.filter((e) => e.group === group) })).filter((g) => g.items.length);
  }, [groups, visible]);

  const addEntry = (entry: CatalogEntry) => void addAtCentre(store, flow, entry);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, entry: CatalogEntry) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addEntry(entry);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const options = [...(list.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
      const at = options.indexOf(event.currentTarget);
      const next = options[at + (event.key === 'ArrowDown' ? 1 : -1)];
      next?.focus();
    }
  };

  const onDragStart = (event: DragEvent<HTMLElement>, entry: CatalogEntry) => {
    event.dataTransfer.setData(COMPONENT_DRAG_TYPE, entry.ref);
    event.dataTransfer.setData('text/plain', entry.component.name);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="kfs-panel kfs-palette" aria-label="Components">
      <h2>Components</h2>
      <CreateActions />
      <div className="kfs-palette-sources" role="group" aria-label="Catalogs">
        <button type="button" onClick={() => catalogs.getState().open('catalogs')}>Catalogs…</button>
        <button type="button" onClick={() => catalogs.getState().open('importUrl')}>From URL…</button>
      </div>
      <input type="search" aria-label="Search components" placeholder="Search every catalog" value={query} onChange={(e) => setQuery(e.target.value)} />
      {error && <p role="alert">{error}</p>}
      <CatalogProblems sources={sources} />
      {matches.length > visible.length && <p className="kfs-muted" role="status">Showing {visible.length} of {matches.length} matches: type more to narrow.</p>}
      <div ref={list} className="kfs-palette-groups">
        {byGroup.map(({ group, items }) => (
          <div key={group} className="kfs-palette-group">
            <h3 id={`palette-group-${group}`}>{group}</h3>
            <ul role="listbox" aria-labelledby={`palette-group-${group}`}>
              {items.map((entry) => (
                <li
                  key={entry.ref}
                  role="option"
                  aria-selected={selected === entry.ref}
                  aria-label={entry.component.name}
                  tabIndex={0}
                  draggable
                  title={`${entry.component.description ?? entry.component.name}\nFrom ${entry.catalogName}: ${entry.location}\n${entry.digest}\nDrag onto the canvas, or press Enter to add.`}
                  onFocus={() => setSelected(entry.ref)}
                  onClick={() => setSelected(entry.ref)}
                  onDoubleClick={() => addEntry(entry)}
                  onKeyDown={(e) => onKeyDown(e, entry)}
                  onDragStart={(e) => onDragStart(e, entry)}
                >
                  <span className="kfs-palette-name">{entry.component.name}</span>
                  <span className="kfs-palette-ports">
                    {entry.component.inputs.length} in · {entry.component.outputs.length} out
                  </span>
                  <span className="kfs-palette-meta" aria-label="Source">{entryMeta(entry)}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {!byGroup.length && !error && <p className="kfs-muted">{entries.length ? 'No component matches.' : 'Loading components…'}</p>}
      </div>
    </section>
  );
}

export const Palette = memo(PaletteView);

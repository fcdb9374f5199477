// The component palette: the bundled catalog by group, searchable. Drag an entry onto the canvas, or focus it
// and press Enter to add it at the centre of the canvas.
import { useReactFlow } from '@xyflow/react';
import { memo, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { CatalogEntry } from '../../shared/host-api/host-api.calls';
import { canvasCenterOnScreen } from '../canvas/canvas-center';
import { addComponentChanges, freePosition } from '../editing/add-component';
import { sizeOfTask } from '../canvas/task-size';
import { COMPONENT_DRAG_TYPE, useCatalog } from '../editing/catalog-context';
import { useEditorStore } from '../store/editor-context';
import { CreateActions } from './CreateActions';

export function matchesQuery(entry: CatalogEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = [entry.component.name, entry.component.description ?? '', entry.group, entry.ref, ...entry.keywords].join(' ').toLowerCase();
  return words.every((word) => text.includes(word));
}

function PaletteView() {
  const { groups, entries, error } = useCatalog();
  const store = useEditorStore();
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | undefined>();
  const list = useRef<HTMLDivElement>(null);
  const visible = useMemo(() => entries.filter((e) => matchesQuery(e, query)), [entries, query]);
  const byGroup = useMemo(() => {
    const order = [...groups, ...new Set(visible.map((e) => e.group).filter((g) => !groups.includes(g)))];
    return order.map((group) => ({ group, items: visible.filter((e) => e.group === group) })).filter((g) => g.items.length);
  }, [groups, visible]);

  const addAtCentre = (entry: CatalogEntry) => {
    const centre = flow.screenToFlowPosition(canvasCenterOnScreen());
    const { document, apply, select, setStatus } = store.getState();
    const at = freePosition(document, { x: Math.round(centre.x - 120), y: Math.round(centre.y - 80) }, (id) => sizeOfTask(flow, id));
    const { taskId, changes } = addComponentChanges(document, entry, at);
    apply(changes);
    select([taskId]);
    setStatus(`Added ${entry.component.name} as ${taskId}.`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, entry: CatalogEntry) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addAtCentre(entry);
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
      <input type="search" aria-label="Search components" placeholder="Search components" value={query} onChange={(e) => setQuery(e.target.value)} />
      {error && <p role="alert">{error}</p>}
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
                  title={`${entry.component.description ?? entry.component.name}\nDrag onto the canvas, or press Enter to add.`}
                  onFocus={() => setSelected(entry.ref)}
                  onClick={() => setSelected(entry.ref)}
                  onDoubleClick={() => addAtCentre(entry)}
                  onKeyDown={(e) => onKeyDown(e, entry)}
                  onDragStart={(e) => onDragStart(e, entry)}
                >
                  <span className="kfs-palette-name">{entry.component.name}</span>
                  <span className="kfs-palette-ports">
                    {entry.component.inputs.length} in · {entry.component.outputs.length} out
                  </span>
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

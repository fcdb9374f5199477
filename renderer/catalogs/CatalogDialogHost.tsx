// Mounts the open catalog dialog (Catalogs, or Import component from URL) in a modal that closes with Escape and
// gives focus back; keys typed in it never reach the editor's shortcuts.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useCatalogUi, type CatalogUiStore } from './catalog-ui';
import { useUiStore } from '../store/ui-stores';
import { CatalogsDialog } from './CatalogsDialog';
import { ImportUrlDialog } from './ImportUrlDialog';
import './catalogs.css';

export function CatalogModal({ title, id, onClose, children }: { title: string; id: string; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') onClose();
  };
  return createPortal(
    <div className="kfs-catalogs-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="kfs-catalogs-dialog" role="dialog" aria-modal="true" aria-labelledby={id} ref={box} onKeyDown={onKeyDown}>
        <div className="kfs-catalogs-title">
          <h2 id={id}>{title}</h2>
          <button type="button" onClick={onClose}>Close</button>
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export function CatalogDialogHost({ catalogs: given }: { catalogs?: CatalogUiStore }) {
  const catalogs = useUiStore('catalogs', given);
  const dialog = useCatalogUi((s) => s.dialog, catalogs);
  const close = () => catalogs.getState().close();
  if (dialog === 'catalogs') return <CatalogsDialog catalogs={catalogs} onClose={close} />;
  if (dialog === 'importUrl') return <ImportUrlDialog onClose={close} />;
  return null;
}

// A modal dialog of the file actions: named by its heading, takes focus when it opens, keeps Tab inside, closes with
// Escape (or a click on the backdrop) and gives focus back.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function Modal({ title, role = 'dialog', onClose, children }: { title: string; role?: 'dialog' | 'alertdialog'; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]), button')?.focus();
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    // Keys typed in a dialog stay there: the editor's shortcuts (Delete, Ctrl+Z) must not act behind it.
    event.stopPropagation();
    if (event.key === 'Escape') onClose();
    if (event.key === 'Tab') {
      const focusable = [...(box.current?.querySelectorAll<HTMLElement>('input, button, select, textarea') ?? [])].filter((e) => !e.hasAttribute('disabled'));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };
  return createPortal(
    <div className="kfs-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="kfs-modal" role={role} aria-modal="true" aria-labelledby="kfs-modal-title" ref={box} onKeyDown={onKeyDown}>
        <h2 id="kfs-modal-title">{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}


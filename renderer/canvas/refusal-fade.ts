// A refused wire's reason is transient: it fades out after a few seconds, or goes at the person's next action (the
// next press anywhere), so it never stays over the ports they want to use next.
import { useEffect } from 'react';
import type { WireRefusal } from '../store/feedback.slice';
import type { EditorStore } from '../store/editor-store';

/** Matches the CSS fade (kfs-fade-late): the box is gone when the animation ends. */
export const REFUSAL_SHOWN_MS = 4000;

export function useFadingRefusal(store: EditorStore, refusal: WireRefusal | undefined): void {
  useEffect(() => {
    if (!refusal) return;
    const clear = () => {
      if (store.getState().wireRefusal === refusal) store.getState().refuseWire(undefined);
    };
    const timer = window.setTimeout(clear, REFUSAL_SHOWN_MS);
    window.addEventListener('pointerdown', clear, { capture: true, once: true });
    window.addEventListener('keydown', clear, { capture: true, once: true });
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', clear, { capture: true });
      window.removeEventListener('keydown', clear, { capture: true });
    };
  }, [store, refusal]);
}

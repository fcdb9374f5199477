// Keyboard shortcuts from the command registry. Typing in a field keeps the field's own keys (except Save).
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useEditorStore } from '../store/editor-context';
import type { CommandContext, CommandState } from './command-registry';
import { commandForKey } from './command-registry';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useCommandState(): CommandState {
  const store = useEditorStore();
  const canUndo = useStore(store.temporal, (h) => h.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (h) => h.futureStates.length > 0);
  const hasSelection = useStore(store, (s) => s.selection.length > 0);
  return { canUndo, canRedo, hasSelection };
}

export function useShortcuts(ctx: CommandContext): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (!command) return;
      if (isTyping(event.target) && command.id !== 'file.save') return;
      const state = { canUndo: ctx.store.temporal.getState().pastStates.length > 0, canRedo: ctx.store.temporal.getState().futureStates.length > 0, hasSelection: ctx.store.getState().selection.length > 0 };
      event.preventDefault();
      if (command.disabled?.(state)) return;
      void command.perform(ctx);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ctx]);
}

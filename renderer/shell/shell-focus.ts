// Moves the person to a part of the shell from a command: the Problems panel (with the diagnostics summed up on the
// status line), or the hidden file input of Import component. By element id, so no context carries callbacks.
import { summarizeDiagnostics } from '../editing/diagnostics';
import type { EditorStore } from '../store/editor-store';

export const PROBLEMS_ELEMENT_ID = 'kfs-problems';
export const COMPONENT_INPUT_ID = 'kfs-import-component-file';

export function focusProblems(store: EditorStore): void {
  window.document.getElementById(PROBLEMS_ELEMENT_ID)?.focus();
  store.getState().setStatus(summarizeDiagnostics(store.getState().diagnostics()));
}

export function chooseComponentFile(): void {
  window.document.getElementById(COMPONENT_INPUT_ID)?.click();
}

// Deletes what is selected on the canvas (steps, groups, wires, ordering edges) as one undo step
// (shared/edit/delete-changes.ts says what goes).
import { removalChanges } from '../../shared/edit/delete-changes';
import { buildEdges } from '../canvas/flow-model';
import type { EditorStore } from '../store/editor-store';

/** Deletes the selection (and `alsoRemove`), clears the selection and returns what was removed. */
export function deleteSelection(store: EditorStore, alsoRemove: readonly string[] = []): string {
  const { document, selection, apply, select, setStatus } = store.getState();
  const { changes, summary } = removalChanges(document, selection, buildEdges(document), alsoRemove);
  if (changes.length) apply(changes);
  select([]);
  if (summary) setStatus(`Deleted ${summary}.`);
  return summary;
}

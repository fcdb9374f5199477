// Deletes what is selected on the canvas (steps, groups, wires, ordering edges) as one undo step.
import { deleteChanges } from '../canvas/delete-changes';
import { buildEdges } from '../canvas/flow-model';
import type { EditorStore } from '../store/editor-store';

export function deleteSelection(store: EditorStore): void {
  const { document, selection, apply, select } = store.getState();
  const ids = new Set(selection);
  const edges = buildEdges(document).filter((e) => ids.has(e.id));
  const nodes = selection.filter((id) => document.graph.tasks[id] || document.graph.groups[id]);
  apply(deleteChanges(edges, nodes));
  select([]);
}

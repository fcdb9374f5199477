// Deletes what is selected on the canvas (steps, groups, wires, ordering edges) as one undo step.
// A deleted group's frame goes and its content moves up to the group's parent (ungrouping); Cut passes the group's
// content in `alsoRemove` so that the whole group goes.
import type { PipelineChange } from '../../shared/model/changes';
import type { PipelineDocument } from '../../shared/model/document';
import { graphIndex } from '../../shared/model/graph-index';
import { deleteChanges } from '../../shared/edit/delete-changes';
import { buildEdges } from '../canvas/flow-model';
import type { EditorStore } from '../store/editor-store';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface Removal {
  changes: PipelineChange[];
  /** What goes, as the status line says it: `2 steps, 1 wire`, `1 group (its contents stay)`. */
  summary: string;
}

export function removalChanges(document: PipelineDocument, selection: readonly string[], alsoRemove: readonly string[] = []): Removal {
  const { tasks, groups } = document.graph;
  const ids = new Set(selection);
  const nodes = [...new Set([...selection, ...alsoRemove])].filter((id) => tasks[id] || groups[id]);
  const removed = new Set(nodes);
  // Wires between removed steps go with them; only wires to steps that stay are counted.
  const edges = buildEdges(document).filter((e) => ids.has(e.id));
  const wires = edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)).length;
  const groupCount = nodes.filter((id) => groups[id]).length;
  const index = graphIndex(document.graph);
  // A removed group's frame goes; what it held stays unless it is removed too.
  const isInside = (container: string) => removed.has(index.ownerOf(container)?.id ?? container);
  const keptInside = [...index.tasks.values(), ...index.groups.values()].some((n) => n.parent !== undefined && !removed.has(n.id) && isInside(n.parent));
  const parts = [
    ...(groupCount ? [`${count(groupCount, 'group')}${keptInside ? ` (${groupCount === 1 ? 'its' : 'their'} contents stay)` : ''}`] : []),
    ...(nodes.length > groupCount ? [count(nodes.length - groupCount, 'step')] : []),
    ...(wires ? [count(wires, 'wire')] : []),
  ];
  return { changes: deleteChanges(edges, nodes), summary: parts.join(', ') };
}

/** Deletes the selection (and `alsoRemove`), clears the selection and returns what was removed. */
export function deleteSelection(store: EditorStore, alsoRemove: readonly string[] = []): string {
  const { document, selection, apply, select, setStatus } = store.getState();
  const { changes, summary } = removalChanges(document, selection, alsoRemove);
  if (changes.length) apply(changes);
  select([]);
  if (summary) setStatus(`Deleted ${summary}.`);
  return summary;
}

// The changes that delete wires (data and ordering edges) and tasks or groups from the canvas, as one undo step.
// Deleting a wire removes the input's argument, except a wire of a oneOf: only that source goes (the argument goes
// with its last source). A wire into a text template removes the template: the text without the value is not
// what the person wrote.
import type { PipelineChange } from '../model/changes';
import type { PipelineDocument } from '../model/document';
import { graphIndex } from '../model/graph-index';
import type { EdgeData, WireData } from './wire-data';

/** An edge as the canvas draws it: its id, its two ends and what it stands for. */
export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  data?: unknown;
}

const sourceKey = (s: { task: string; output: string }) => `${s.task}\u0000${s.output}`;

/** `edges` are the canvas's edges (or anything carrying their `data`). */
export function deleteChanges(edges: readonly { data?: unknown }[], nodeIds: readonly string[]): PipelineChange[] {
  const changes: PipelineChange[] = [];
  const cutInputs = new Map<string, { wire: WireData; sources: Set<string> }>();
  for (const edge of edges) {
    const data = edge.data as EdgeData | undefined;
    if (data?.kind === 'after') changes.push({ type: 'removeAfter', task: data.task, dependsOn: data.dependsOn });
    else if (data) {
      const key = `${data.task}\u0000${data.input}`;
      const entry = cutInputs.get(key) ?? { wire: data, sources: new Set<string>() };
      entry.sources.add(sourceKey(data.from));
      cutInputs.set(key, entry);
    }
  }
  for (const { wire, sources } of cutInputs.values()) {
    const { argument } = wire;
    const left = argument.kind === 'oneOf' ? argument.sources.filter((s) => !sources.has(sourceKey(s))) : [];
    const next = argument.kind === 'oneOf' && left.length ? { ...argument, sources: left } : null;
    changes.push({ type: 'setArgument', task: wire.task, input: wire.input, argument: next });
  }
  if (nodeIds.length) changes.push({ type: 'removeNodes', ids: [...nodeIds] });
  return changes;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface Removal {
  changes: PipelineChange[];
  /** What goes, as the status line says it: `2 steps, 1 wire`, `1 group (its contents stay)`. */
  summary: string;
}

/**
 * What deleting the selection (and `alsoRemove`) changes, given the canvas's edges. A deleted group's frame goes and
 * its content moves up to the group's parent (ungrouping); Cut passes the group's content in `alsoRemove` so that the
 * whole group goes.
 */
export function removalChanges(document: PipelineDocument, selection: readonly string[], canvasEdges: readonly CanvasEdge[], alsoRemove: readonly string[] = []): Removal {
  const index = graphIndex(document.graph);
  const ids = new Set(selection);
  const nodes = [...new Set([...selection, ...alsoRemove])].filter((id) => index.tasks.has(id) || index.groups.has(id));
  const removed = new Set(nodes);
  // Wires between removed steps go with them; only wires to steps that stay are counted.
  const edges = canvasEdges.filter((e) => ids.has(e.id));
  const wires = edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)).length;
  const groupCount = nodes.filter((id) => index.groups.has(id)).length;
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

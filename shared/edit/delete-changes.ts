// The changes that delete wires (data and ordering edges) and tasks or groups from the canvas, as one undo step.
// Deleting a wire removes the input's argument, except a wire of a oneOf: only that source goes (the argument goes
// with its last source). A wire into a text template removes the template: the text without the value is not
// what the person wrote.
import type { PipelineChange } from '../model/changes';
import type { EdgeData, WireData } from './wire-data';

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

// The changes that delete wires (data and ordering edges) and tasks or groups from the canvas, as one undo step.
import type { Edge } from '@xyflow/react';
import type { PipelineChange } from '../../shared/model/changes';

export function deleteChanges(edges: readonly Edge[], nodeIds: readonly string[]): PipelineChange[] {
  const changes: PipelineChange[] = [];
  for (const edge of edges) {
    const data = edge.data as { kind: string; task: string; input?: string; dependsOn?: string } | undefined;
    if (data?.kind === 'data' && data.input !== undefined) changes.push({ type: 'setArgument', task: data.task, input: data.input, argument: null });
    if (data?.kind === 'after' && data.dependsOn !== undefined) changes.push({ type: 'removeAfter', task: data.task, dependsOn: data.dependsOn });
  }
  if (nodeIds.length) changes.push({ type: 'removeNodes', ids: [...nodeIds] });
  return changes;
}

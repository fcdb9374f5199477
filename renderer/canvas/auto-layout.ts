// Auto layout: the importer's layout (shared/import/ir-layout), as one moveNodes change.
// Groups and condition branches are laid out as boxes the size of their frames, so frames do not overlap.
import { graphLayout } from '../../shared/import/ir-layout';
import { estimatedTaskSize, TASK_WIDTH } from '../../shared/layout/task-size';
import type { PipelineChange } from '../../shared/model/changes';
import type { PipelineDocument } from '../../shared/model/document';
import { own } from '../../shared/names/names';

export { TASK_WIDTH };

export function estimatedTaskHeight(document: PipelineDocument, taskId: string): number {
  const task = own(document.graph.tasks, taskId);
  return estimatedTaskSize(task, task ? own(document.components, task.component) : undefined).height;
}

export function autoLayoutChange(document: PipelineDocument): PipelineChange {
  return { type: 'moveNodes', positions: graphLayout(document.graph, document.components) };
}

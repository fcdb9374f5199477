// The estimated height of a task not drawn yet (auto layout itself is shared/edit/auto-layout.ts).
import { estimatedTaskSize, TASK_WIDTH } from '../../shared/layout/task-size';
import type { PipelineDocument } from '../../shared/model/document';
import { own } from '../../shared/names/names';

export { TASK_WIDTH };

export function estimatedTaskHeight(document: PipelineDocument, taskId: string): number {
  const task = own(document.graph.tasks, taskId);
  return estimatedTaskSize(task, task ? own(document.components, task.component) : undefined).height;
}

import type { ReactFlowInstance } from '@xyflow/react';
import { TYPICAL_TASK } from '../../shared/layout/task-size';

/** A task's drawn size, or a typical one before it has been measured. */
export function sizeOfTask(flow: Pick<ReactFlowInstance, 'getInternalNode'>, id: string): { width: number; height: number } {
  const node = flow.getInternalNode(id);
  return { width: node?.measured.width ?? TYPICAL_TASK.width, height: node?.measured.height ?? TYPICAL_TASK.height };
}

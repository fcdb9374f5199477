import type { ReactFlowInstance } from '@xyflow/react';

/** A task's drawn size, or a typical one before it has been measured. */
export function sizeOfTask(flow: Pick<ReactFlowInstance, 'getInternalNode'>, id: string): { width: number; height: number } {
  const node = flow.getInternalNode(id);
  return { width: node?.measured.width ?? 240, height: node?.measured.height ?? 160 };
}

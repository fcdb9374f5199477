// A task's size on the canvas before it is measured: a fixed width, and a height that grows with its port rows (inputs
// on the left, outputs on the right, side by side). Kept a little above the drawn size (renderer/styles.css:
// `.kfs-task`), so a layout made with it leaves the measured boxes room.
import type { ComponentSpec, Task } from '../model/document';
import type { Size } from './frame-geometry';

export const TASK_WIDTH = 240;
const HEADER = 40;
/** The component's name under the title, shown when it differs from the task's label. */
const COMPONENT_LINE = 20;
/** The "Nested pipeline · n tasks" bar of a task whose component is a pipeline. */
const NESTED_BAR = 32;
const ROW = 32;

export function estimatedTaskSize(task: Task | undefined, component: ComponentSpec | undefined): Size {
  const rows = Math.max(component?.inputs.length ?? 0, component?.outputs.length ?? 0, 1);
  const label = task ? task.displayName || task.id : undefined;
  let height = HEADER + rows * ROW;
  if (component?.name !== label) height += COMPONENT_LINE;
  if (component?.implementation.kind === 'graph') height += NESTED_BAR;
  return { width: TASK_WIDTH, height };
}

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

/** A task's size when nothing is known of it (no task, no component, not measured): a name and three port rows. */
export const TYPICAL_TASK: Size = { width: TASK_WIDTH, height: HEADER + COMPONENT_LINE + 3 * ROW };

export function estimatedTaskSize(task: Task | undefined, component: ComponentSpec | undefined): Size {
  const rows = Math.max(component?.inputs.length ?? 0, component?.outputs.length ?? 0, 1);
  return { width: TASK_WIDTH, height: aboveRows(task, component) + rows * ROW };
}

/** How far below the task's top the middle of a port's row is (inputs on the left, outputs on the right); undefined for no such port. */
export function estimatedPortOffset(task: Task | undefined, component: ComponentSpec | undefined, side: 'input' | 'output', port: string): number | undefined {
  const row = (side === 'input' ? component?.inputs : component?.outputs)?.findIndex((p) => p.name === port) ?? -1;
  return row < 0 ? undefined : aboveRows(task, component) + row * ROW + ROW / 2;
}

function aboveRows(task: Task | undefined, component: ComponentSpec | undefined): number {
  const label = task ? task.displayName || task.id : undefined;
  let height = HEADER;
  if (component?.name !== label) height += COMPONENT_LINE;
  if (component?.implementation.kind === 'graph') height += NESTED_BAR;
  return height;
}

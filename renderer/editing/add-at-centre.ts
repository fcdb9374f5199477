// Adds a component as a new task in the middle of what the canvas shows (moved off any step there), selects it and says
// so: the palette's Enter, Import component (file or URL) and the step dialogs all go through here.
import type { ReactFlowInstance } from '@xyflow/react';
import { estimatedTaskSize } from '../../shared/layout/task-size';
import { canvasCenterOnScreen } from '../canvas/canvas-center';
import { sizeOfTask } from '../canvas/task-size';
import type { EditorStore } from '../store/editor-store';
import { addComponentChanges, freePosition, type ComponentToAdd } from '../../shared/edit/add-component';

export function addAtCentre(store: EditorStore, flow: ReactFlowInstance, entry: ComponentToAdd, status?: (taskId: string) => string): string {
  const centre = flow.screenToFlowPosition(canvasCenterOnScreen());
  const { document, apply, select, setStatus } = store.getState();
  const { taskId, changes } = addComponentChanges(document, entry, centre);
  const added = changes.find((c) => c.type === 'addTask');
  if (added?.type === 'addTask') {
    // Centred on the view at the size it will be drawn, so the free spot is judged for the box the step really takes.
    const size = estimatedTaskSize(added.task, entry.component);
    added.position = freePosition(document, { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) }, (id) => sizeOfTask(flow, id), size);
  }
  apply(changes);
  select([taskId]);
  setStatus(status ? status(taskId) : `Added ${entry.component.name} as ${taskId}.`);
  return taskId;
}

// Adds a component as a new task at the centre of the canvas (free of other tasks), selects it and says so: the
// palette's Enter, Import component (file or URL) all go through here.
import type { ReactFlowInstance } from '@xyflow/react';
import { canvasCenterOnScreen } from '../canvas/canvas-center';
import { sizeOfTask } from '../canvas/task-size';
import type { EditorStore } from '../store/editor-store';
import { addComponentChanges, freePosition, type ComponentToAdd } from './add-component';

export function addAtCentre(store: EditorStore, flow: ReactFlowInstance, entry: ComponentToAdd, status?: (taskId: string) => string): string {
  const centre = flow.screenToFlowPosition(canvasCenterOnScreen());
  const { document, apply, select, setStatus } = store.getState();
  const at = freePosition(document, { x: Math.round(centre.x - 120), y: Math.round(centre.y - 80) }, (id) => sizeOfTask(flow, id));
  const { taskId, changes } = addComponentChanges(document, entry, at);
  apply(changes);
  select([taskId]);
  setStatus(status ? status(taskId) : `Added ${entry.component.name} as ${taskId}.`);
  return taskId;
}

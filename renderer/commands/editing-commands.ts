// Editing commands of the canvas (clipboard, steps, groups), listed in the command registry with their shortcuts.
import type { GroupKind } from '../../shared/model/document';
import { canvasCenterOnScreen } from '../canvas/canvas-center';
import { copySelection, pasteChanges } from '../editing/clipboard';
import { addGroupChanges } from '../editing/group-changes';
import type { Command, CommandContext } from './command-registry';
import { deleteSelection } from './delete-selection';

function copy({ store }: CommandContext): boolean {
  const { document, selection, setClipboard, setStatus } = store.getState();
  const clipboard = copySelection(document, selection);
  if (!clipboard) {
    setStatus('Select one or more steps to copy.');
    return false;
  }
  setClipboard(clipboard);
  setStatus(`Copied ${clipboard.tasks.length} step${clipboard.tasks.length === 1 ? '' : 's'}.`);
  return true;
}

function paste({ store }: CommandContext): void {
  const { document, clipboard, apply, select, setClipboard, setStatus } = store.getState();
  if (!clipboard) return setStatus('Nothing to paste: copy steps first (Ctrl+C).');
  const { ids, changes } = pasteChanges(document, clipboard, clipboard.pasted + 1);
  apply(changes);
  setClipboard({ ...clipboard, pasted: clipboard.pasted + 1 });
  select(ids);
  setStatus(`Pasted ${ids.length} step${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}.`);
}

function addGroup(kind: GroupKind) {
  return ({ store, flow }: CommandContext) => {
    const { document, selection, apply, select, setStatus } = store.getState();
    const centre = flow.screenToFlowPosition(canvasCenterOnScreen());
    const { groupId, changes } = addGroupChanges(document, kind, selection, { x: Math.round(centre.x - 160), y: Math.round(centre.y - 90) });
    apply(changes);
    select([groupId]);
    setStatus(`Added ${groupId}: drag steps onto it to put them inside.`);
  };
}

const needsSelection = (s: { hasSelection: boolean }) => (s.hasSelection ? undefined : 'Nothing selected');

export const EDITING_COMMANDS: readonly Command[] = [
  { id: 'edit.copy', label: 'Copy', shortcuts: ['Mod+C'], disabled: needsSelection, perform: (ctx) => void copy(ctx) },
  {
    id: 'edit.cut',
    label: 'Cut',
    shortcuts: ['Mod+X'],
    disabled: needsSelection,
    perform: (ctx) => {
      if (copy(ctx)) deleteSelection(ctx.store);
    },
  },
  { id: 'edit.paste', label: 'Paste', shortcuts: ['Mod+V'], perform: paste },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    shortcuts: ['Mod+D'],
    disabled: needsSelection,
    perform: (ctx) => {
      if (copy(ctx)) paste(ctx);
    },
  },
  { id: 'edit.selectNone', label: 'Select none', shortcuts: ['Mod+Shift+A'], perform: ({ store }) => store.getState().select([]) },
  { id: 'step.newImage', label: 'New image step', shortcuts: ['Alt+I'], perform: ({ store }) => store.getState().openStepDialog({ mode: 'image' }) },
  { id: 'step.newScript', label: 'New script step', shortcuts: ['Alt+S'], perform: ({ store }) => store.getState().openStepDialog({ mode: 'script' }) },
  { id: 'group.condition', label: 'Add condition', shortcuts: ['Alt+C'], perform: addGroup('condition') },
  { id: 'group.parallelFor', label: 'Add parallel-for', shortcuts: ['Alt+L'], perform: addGroup('parallelFor') },
  { id: 'group.exitHandler', label: 'Add exit handler', shortcuts: ['Alt+E'], perform: addGroup('exitHandler') },
];

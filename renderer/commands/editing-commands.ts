// Editing commands of the canvas (clipboard, steps, groups): what they do; shared/commands declares them.
import type { Group, GroupKind } from '../../shared/model/document';
import { canvasCenterOnScreen } from '../canvas/canvas-center';
import { copySelection, pasteChanges, type Clipboard } from '../../shared/edit/clipboard';
import { addGroupChanges } from '../../shared/edit/group-changes';
import type { CommandId } from '../../shared/commands/command-ids';
import type { CommandBehaviour, CommandContext } from './command-registry';
import { deleteSelection } from './delete-selection';
import { own } from '../../shared/names/names';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const containersOf = (group: Group): string[] => (group.kind === 'condition' ? [group.id, ...group.branches.map((b) => b.id)] : [group.id]);

/** `2 steps`, `1 group with 3 steps`, `1 empty group`, `1 group with 2 steps, and 1 other step`. */
export function clipboardSummary(clipboard: Pick<Clipboard, 'tasks' | 'groups'>): string {
  const { tasks, groups } = clipboard;
  if (!groups.length) return count(tasks.length, 'step');
  const containers = new Set(groups.flatMap(containersOf));
  const exitTasks = new Set(groups.flatMap((g) => (g.kind === 'exitHandler' ? [g.exitTask] : [])));
  const inside = tasks.filter((t) => (t.parent !== undefined && containers.has(t.parent)) || exitTasks.has(t.id)).length;
  const others = tasks.length - inside;
  const head = inside ? `${count(groups.length, 'group')} with ${count(inside, 'step')}` : `${groups.length} empty group${groups.length === 1 ? '' : 's'}`;
  return others ? `${head}, and ${count(others, 'other step')}` : head;
}

/** The names people see of what sits at the top of a clipboard (steps and outermost groups), a few at most. */
function topNames(clipboard: Pick<Clipboard, 'tasks' | 'groups'>): string {
  const containers = new Set(clipboard.groups.flatMap(containersOf));
  const names = [...clipboard.groups, ...clipboard.tasks].filter((n) => n.parent === undefined || !containers.has(n.parent)).map((n) => n.displayName || n.id);
  return names.length > 5 ? `${names.slice(0, 5).join(', ')}, ...` : names.join(', ');
}

function copy({ store }: CommandContext, verb = 'copy'): Clipboard | undefined {
  const { document, selection, setClipboard, setStatus } = store.getState();
  const clipboard = copySelection(document, selection);
  if (!clipboard) {
    setStatus(`Select one or more steps or groups to ${verb}.`);
    return undefined;
  }
  setClipboard(clipboard);
  setStatus(`Copied ${clipboardSummary(clipboard)}.`);
  return clipboard;
}

/** Copies the selection, then removes it whole: a group goes with its members and nested groups, in one undo step. */
function cut(ctx: CommandContext): void {
  const clipboard = copy(ctx, 'cut');
  if (!clipboard) return;
  deleteSelection(ctx.store, [...clipboard.tasks.map((t) => t.id), ...clipboard.groups.map((g) => g.id)]);
  ctx.store.getState().setStatus(`Cut ${clipboardSummary(clipboard)}: ${topNames(clipboard)}.`);
}

function paste({ store }: CommandContext): void {
  const { document, clipboard, apply, select, setClipboard, setStatus } = store.getState();
  if (!clipboard) return setStatus('Nothing to paste: copy steps or groups first (Ctrl+C).');
  const { ids, changes } = pasteChanges(document, clipboard, clipboard.pasted + 1);
  apply(changes);
  setClipboard({ ...clipboard, pasted: clipboard.pasted + 1 });
  select(ids);
  const { graph } = store.getState().document;
  const names = ids.map((id) => own(graph.tasks, id)?.displayName || own(graph.groups, id)?.displayName || id);
  setStatus(`Pasted ${clipboardSummary(clipboard)}: ${names.length > 5 ? `${names.slice(0, 5).join(', ')}, ...` : names.join(', ')}.`);
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

/** The behaviours of the canvas editing commands; ids, labels and shortcuts are declared in shared/commands. */
export const EDITING_BEHAVIOURS = {
  'edit.copy': { disabled: needsSelection, perform: (ctx) => void copy(ctx) },
  'edit.cut': { disabled: needsSelection, perform: cut },
  'edit.paste': { perform: paste },
  'edit.duplicate': {
    disabled: needsSelection,
    perform: (ctx) => {
      if (copy(ctx)) paste(ctx);
    },
  },
  'edit.selectNone': { perform: ({ store }) => store.getState().select([]) },
  'step.newImage': { perform: ({ store }) => store.getState().openStepDialog({ mode: 'image' }) },
  'step.newScript': { perform: ({ store }) => store.getState().openStepDialog({ mode: 'script' }) },
  'group.condition': { perform: addGroup('condition') },
  'group.parallelFor': { perform: addGroup('parallelFor') },
  'group.exitHandler': { perform: addGroup('exitHandler') },
} satisfies Partial<Record<CommandId, CommandBehaviour>>;

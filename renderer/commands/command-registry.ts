// The editor's commands: declared once in shared/commands (id, label, shortcuts, menu place; the desktop menu reads
// the same list), performed here by id. The toolbar, the keyboard and the desktop menu all run these.
import type { ReactFlowInstance } from '@xyflow/react';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { autoLayoutChange } from '../../shared/edit/auto-layout';
import { fitPipeline } from '../canvas/fit-pipeline';
import { deleteSelection } from './delete-selection';
import { EDITING_BEHAVIOURS } from './editing-commands';
import { COMMAND_DESCRIPTORS, type CommandDescriptor, type CommandId } from '../../shared/commands/command-ids';
import type { EditorStore } from '../store/editor-store';
import type { UiStores } from '../store/ui-stores';
import { compileAction, newAction, openAction, saveAction, saveAsAction } from '../files/file-actions';
import { chooseComponentFile, focusProblems } from '../shell/shell-focus';

export interface CommandContext {
  store: EditorStore;
  host: HostApi;
  flow: ReactFlowInstance;
  /** The App's UI stores (catalogs, clusters, runs) the commands open dialogs and views in. */
  ui: UiStores;
}

/** What the toolbar needs to know to enable commands; kept small so it re-renders rarely. */
export interface CommandState {
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
}

/** What the renderer adds to a command declared in shared/commands (id, label, shortcuts, menu place come from there). */
export interface CommandBehaviour {
  /** Shown on the toolbar, in the declared order. */
  toolbar?: boolean;
  /** A reason the command cannot run now (shown as its tooltip), or undefined when it can. */
  disabled?: (state: CommandState) => string | undefined;
  perform: (ctx: CommandContext) => void | Promise<void>;
}

export type Command = CommandDescriptor & CommandBehaviour & { readonly id: CommandId };

// Keyed by every declared id: a command declared in shared/commands without a behaviour here fails typecheck.
const BEHAVIOURS = {
  'file.new': { toolbar: true, perform: (ctx) => newAction(ctx) },
  'file.open': { toolbar: true, perform: (ctx) => openAction(ctx) },
  'file.save': { toolbar: true, perform: (ctx) => saveAction(ctx) },
  'file.saveAs': { toolbar: true, perform: (ctx) => saveAsAction(ctx) },
  'component.import': { toolbar: true, perform: () => chooseComponentFile() },
  'component.importUrl': { perform: ({ ui }) => ui.catalogs.getState().open('importUrl') },
  'catalogs.show': { perform: ({ ui }) => ui.catalogs.getState().open('catalogs') },
  'edit.undo': {
    toolbar: true,
    disabled: (s) => (s.canUndo ? undefined : 'Nothing to undo'),
    perform: ({ store }) => store.temporal.getState().undo(),
  },
  'edit.redo': {
    toolbar: true,
    disabled: (s) => (s.canRedo ? undefined : 'Nothing to redo'),
    perform: ({ store }) => store.temporal.getState().redo(),
  },
  'edit.delete': {
    disabled: (s) => (s.hasSelection ? undefined : 'Nothing selected'),
    perform: ({ store }) => void deleteSelection(store),
  },
  'edit.selectAll': { perform: ({ store }) => store.getState().select(Object.keys(store.getState().document.graph.tasks)) },
  'view.autoLayout': {
    toolbar: true,
    perform: ({ store, flow }) => {
      store.getState().apply([autoLayoutChange(store.getState().document)]);
      store.getState().setStatus('Steps laid out left to right, as their wires run.');
      requestAnimationFrame(() => void fitPipeline(flow));
    },
  },
  'view.fit': { perform: ({ flow }) => void fitPipeline(flow) },
  'pipeline.validate': { toolbar: true, perform: ({ store }) => focusProblems(store) },
  'pipeline.compile': { toolbar: true, perform: (ctx) => compileAction(ctx) },
  'pipeline.run': { toolbar: true, perform: ({ ui }) => ui.runs.getState().openRunDialog() },
  'runs.show': { toolbar: true, perform: ({ ui }) => ui.runs.getState().showRuns() },
  'clusters.show': { toolbar: true, perform: ({ ui }) => ui.clusters.getState().openDialog() },
  ...EDITING_BEHAVIOURS,
} satisfies Record<CommandId, CommandBehaviour>;

/** The declared commands, in declaration order, each with its behaviour. */
export const COMMANDS: readonly Command[] = COMMAND_DESCRIPTORS.map((descriptor) => ({ ...descriptor, ...BEHAVIOURS[descriptor.id] }));

export function commandById(id: string): Command | undefined {
  return COMMANDS.find((c) => c.id === id);
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesShortcut(shortcut: string, event: KeyLike): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()?.toLowerCase();
  const mod = parts.includes('Mod');
  if ((event.ctrlKey || event.metaKey) !== mod) return false;
  if (event.shiftKey !== parts.includes('Shift') && key !== undefined && /^[a-z]$/.test(key)) return false;
  if (event.altKey !== parts.includes('Alt')) return false;
  const pressed = event.key.toLowerCase();
  return pressed === key || (key === '1' && pressed === '!');
}

export function commandForKey(event: KeyLike): Command | undefined {
  return COMMANDS.find((c) => c.shortcuts?.some((s) => matchesShortcut(s, event)));
}

/** A shortcut as people read it: `Ctrl+Shift+Z`. */
export function shortcutText(shortcut: string, mac = false): string {
  return shortcut.replace('Mod', mac ? '⌘' : 'Ctrl');
}

// One registry of editor commands (id, label, shortcut, perform): the toolbar and the keyboard both read it.
import type { ReactFlowInstance } from '@xyflow/react';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { autoLayoutChange } from '../canvas/auto-layout';
import { deleteSelection } from './delete-selection';
import { EDITING_COMMANDS } from './editing-commands';
import type { EditorStore } from '../store/editor-store';
import { compileAction, newAction, openAction, saveAction, saveAsAction } from '../files/file-actions';
import { runsUi } from '../runs/runs-ui';
import { catalogUi } from '../catalogs/catalog-ui';
import { clustersUi } from '../clusters/clusters-ui';

export interface CommandContext {
  store: EditorStore;
  host: HostApi;
  flow: ReactFlowInstance;
  /** Asks the person for a file to open (browser upload in web mode). */
  chooseFile: (purpose: 'document' | 'component') => void;
  /** Shows the Problems panel and moves focus there. */
  focusProblems: () => void;
}

/** What the toolbar needs to know to enable commands; kept small so it re-renders rarely. */
export interface CommandState {
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
}

export interface Command {
  id: string;
  label: string;
  /** `Mod` is Ctrl (or Cmd on macOS). */
  shortcuts?: readonly string[];
  /** Shown on the toolbar, in this order. */
  toolbar?: boolean;
  /** A reason the command cannot run now (shown as its tooltip), or undefined when it can. */
  disabled?: (state: CommandState) => string | undefined;
  perform: (ctx: CommandContext) => void | Promise<void>;
}

export const COMMANDS: readonly Command[] = [
  {
    id: 'file.new',
    label: 'New',
    shortcuts: ['Alt+N'],
    toolbar: true,
    perform: (ctx) => newAction(ctx),
  },
  { id: 'file.open', label: 'Open', shortcuts: ['Mod+O'], toolbar: true, perform: (ctx) => openAction(ctx) },
  {
    id: 'file.save',
    label: 'Save',
    shortcuts: ['Mod+S'],
    toolbar: true,
    perform: (ctx) => saveAction(ctx),
  },
  { id: 'file.saveAs', label: 'Save As', shortcuts: ['Mod+Shift+S'], toolbar: true, perform: (ctx) => saveAsAction(ctx) },
  { id: 'component.import', label: 'Import component', toolbar: true, perform: ({ chooseFile }) => chooseFile('component') },
  { id: 'component.importUrl', label: 'Import component from URL', perform: () => catalogUi.getState().open('importUrl') },
  { id: 'catalogs.show', label: 'Catalogs', perform: () => catalogUi.getState().open('catalogs') },
  {
    id: 'edit.undo',
    label: 'Undo',
    shortcuts: ['Mod+Z'],
    toolbar: true,
    disabled: (s) => (s.canUndo ? undefined : 'Nothing to undo'),
    perform: ({ store }) => store.temporal.getState().undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    toolbar: true,
    disabled: (s) => (s.canRedo ? undefined : 'Nothing to redo'),
    perform: ({ store }) => store.temporal.getState().redo(),
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    shortcuts: ['Delete', 'Backspace'],
    disabled: (s) => (s.hasSelection ? undefined : 'Nothing selected'),
    perform: ({ store }) => void deleteSelection(store),
  },
  {
    id: 'edit.selectAll',
    label: 'Select all',
    shortcuts: ['Mod+A'],
    perform: ({ store }) => store.getState().select(Object.keys(store.getState().document.graph.tasks)),
  },
  {
    id: 'view.autoLayout',
    label: 'Auto layout',
    shortcuts: ['Shift+L'],
    toolbar: true,
    perform: ({ store, flow }) => {
      store.getState().apply([autoLayoutChange(store.getState().document)]);
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1.2 }));
    },
  },
  { id: 'view.fit', label: 'Zoom to fit', shortcuts: ['Shift+1'], perform: ({ flow }) => void flow.fitView({ padding: 0.15, maxZoom: 1.2 }) },
  { id: 'pipeline.validate', label: 'Validate', shortcuts: ['F8'], toolbar: true, perform: ({ focusProblems }) => focusProblems() },
  { id: 'pipeline.compile', label: 'Compile', shortcuts: ['Mod+Shift+B'], toolbar: true, perform: (ctx) => compileAction(ctx) },
  { id: 'pipeline.run', label: 'Run', toolbar: true, perform: () => runsUi.getState().openRunDialog() },
  { id: 'runs.show', label: 'Runs', toolbar: true, perform: () => runsUi.getState().showRuns() },
  { id: 'clusters.show', label: 'Clusters', toolbar: true, perform: () => clustersUi.getState().openDialog() },
  ...EDITING_COMMANDS,
];

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

// The editor's commands, declared once (id, label, shortcuts, where they sit in the native menus). The renderer's
// command registry supplies a behaviour for every id (a missing one fails typecheck); the Electron main process
// builds its menus from this same list.

export type MenuName = 'file' | 'edit' | 'view' | 'run' | 'help';

export interface CommandDescriptor {
  readonly id: string;
  readonly label: string;
  /** `Mod` is Ctrl (or Cmd on macOS). The first one is shown in menus. */
  readonly shortcuts?: readonly string[];
  /** The native menu that lists the command, and the separator-delimited section within it. */
  readonly menu?: { readonly name: MenuName; readonly section: number };
}

export const COMMAND_DESCRIPTORS = [
  { id: 'file.new', label: 'New', shortcuts: ['Alt+N'], menu: { name: 'file', section: 0 } },
  { id: 'file.open', label: 'Open', shortcuts: ['Mod+O'], menu: { name: 'file', section: 0 } },
  { id: 'file.save', label: 'Save', shortcuts: ['Mod+S'], menu: { name: 'file', section: 1 } },
  { id: 'file.saveAs', label: 'Save As', shortcuts: ['Mod+Shift+S'], menu: { name: 'file', section: 1 } },
  { id: 'component.import', label: 'Import component', menu: { name: 'file', section: 2 } },
  { id: 'component.importUrl', label: 'Import component from URL', menu: { name: 'file', section: 2 } },
  { id: 'catalogs.show', label: 'Catalogs', menu: { name: 'file', section: 2 } },
  { id: 'edit.undo', label: 'Undo', shortcuts: ['Mod+Z'], menu: { name: 'edit', section: 0 } },
  { id: 'edit.redo', label: 'Redo', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], menu: { name: 'edit', section: 0 } },
  { id: 'edit.cut', label: 'Cut', shortcuts: ['Mod+X'], menu: { name: 'edit', section: 1 } },
  { id: 'edit.copy', label: 'Copy', shortcuts: ['Mod+C'], menu: { name: 'edit', section: 1 } },
  { id: 'edit.paste', label: 'Paste', shortcuts: ['Mod+V'], menu: { name: 'edit', section: 1 } },
  { id: 'edit.duplicate', label: 'Duplicate', shortcuts: ['Mod+D'], menu: { name: 'edit', section: 1 } },
  { id: 'edit.delete', label: 'Delete', shortcuts: ['Delete', 'Backspace'], menu: { name: 'edit', section: 1 } },
  { id: 'edit.selectAll', label: 'Select all', shortcuts: ['Mod+A'], menu: { name: 'edit', section: 2 } },
  { id: 'edit.selectNone', label: 'Select none', shortcuts: ['Mod+Shift+A'], menu: { name: 'edit', section: 2 } },
  { id: 'step.newImage', label: 'New image step', shortcuts: ['Alt+I'], menu: { name: 'edit', section: 3 } },
  { id: 'step.newScript', label: 'New script step', shortcuts: ['Alt+S'], menu: { name: 'edit', section: 3 } },
  { id: 'group.condition', label: 'Add condition', shortcuts: ['Alt+C'], menu: { name: 'edit', section: 4 } },
  { id: 'group.parallelFor', label: 'Add parallel-for', shortcuts: ['Alt+L'], menu: { name: 'edit', section: 4 } },
  { id: 'group.exitHandler', label: 'Add exit handler', shortcuts: ['Alt+E'], menu: { name: 'edit', section: 4 } },
  { id: 'view.autoLayout', label: 'Auto layout', shortcuts: ['Shift+L'], menu: { name: 'view', section: 0 } },
  { id: 'view.fit', label: 'Zoom to fit', shortcuts: ['Shift+1'], menu: { name: 'view', section: 0 } },
  { id: 'pipeline.validate', label: 'Validate', shortcuts: ['F8'], menu: { name: 'run', section: 0 } },
  { id: 'pipeline.compile', label: 'Compile', shortcuts: ['Mod+Shift+B'], menu: { name: 'run', section: 0 } },
  { id: 'pipeline.run', label: 'Run', menu: { name: 'run', section: 1 } },
  { id: 'runs.show', label: 'Runs', menu: { name: 'run', section: 1 } },
  { id: 'clusters.show', label: 'Clusters', menu: { name: 'run', section: 2 } },
] as const satisfies readonly CommandDescriptor[];

export type CommandId = (typeof COMMAND_DESCRIPTORS)[number]['id'];

export const COMMAND_IDS: readonly CommandId[] = COMMAND_DESCRIPTORS.map((c) => c.id);

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && (COMMAND_IDS as readonly string[]).includes(value);
}

export function commandDescriptor(id: string): CommandDescriptor | undefined {
  return COMMAND_DESCRIPTORS.find((c) => c.id === id);
}

import { describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTORS, type CommandId } from '../../shared/commands/command-ids';
import { COMMANDS, commandForKey, type CommandBehaviour } from './command-registry';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('command registry', () => {
  it('gives each command a unique id and the toolbar the buttons people look for', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    expect(COMMANDS.filter((c) => c.toolbar).map((c) => c.label)).toEqual(expect.arrayContaining(['New', 'Open', 'Save', 'Undo', 'Redo', 'Auto layout', 'Validate', 'Compile', 'Run']));
  });

  it('performs every command the desktop menus declare, with the declared label, shortcuts and menu place', () => {
    expect(COMMANDS.map(({ id, label, shortcuts, menu }) => ({ id, label, shortcuts, menu }))).toEqual(
      COMMAND_DESCRIPTORS.map((d) => ({ id: d.id, label: d.label, shortcuts: 'shortcuts' in d ? d.shortcuts : undefined, menu: d.menu })),
    );
    for (const command of COMMANDS) expect(typeof command.perform, command.id).toBe('function');
    expect(COMMANDS.filter((c) => c.toolbar).map((c) => c.label)).toEqual(['New', 'Open', 'Save', 'Save As', 'Import component', 'Undo', 'Redo', 'Auto layout', 'Validate', 'Compile', 'Run', 'Runs', 'Clusters']);
  });

  it('refuses at typecheck a declared command with no behaviour', () => {
    // @ts-expect-error every declared id needs a behaviour: this record lacks all but one (tsc fails if it ever passes)
    const incomplete = { 'file.new': { perform: () => undefined } } satisfies Record<CommandId, CommandBehaviour>;
    expect(Object.keys(incomplete)).toEqual(['file.new']);
  });

  it('maps keys to commands: Ctrl/Cmd+Z undoes, with Shift redoes, Delete deletes', () => {
    expect(commandForKey(key('z', { ctrlKey: true }))?.id).toBe('edit.undo');
    expect(commandForKey(key('z', { metaKey: true }))?.id).toBe('edit.undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))?.id).toBe('edit.redo');
    expect(commandForKey(key('y', { ctrlKey: true }))?.id).toBe('edit.redo');
    expect(commandForKey(key('Delete'))?.id).toBe('edit.delete');
    expect(commandForKey(key('s', { ctrlKey: true }))?.id).toBe('file.save');
    expect(commandForKey(key('z'))).toBeUndefined();
  });

  it('keeps Compile enabled: a pipeline with errors is refused when compiled, with the problem list', () => {
    const state = { canUndo: true, canRedo: true, hasSelection: true };
    expect(COMMANDS.find((c) => c.id === 'pipeline.compile')?.disabled?.(state)).toBeUndefined();
  });
});

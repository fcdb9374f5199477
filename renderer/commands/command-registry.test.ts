import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForKey } from './command-registry';

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

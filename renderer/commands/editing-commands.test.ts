import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForKey } from './command-registry';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('editing commands in the registry', () => {
  it('gives copy, cut, paste, duplicate, zoom to fit and the create actions their shortcuts', () => {
    expect(commandForKey(key('c', { ctrlKey: true }))?.id).toBe('edit.copy');
    expect(commandForKey(key('v', { metaKey: true }))?.id).toBe('edit.paste');
    expect(commandForKey(key('x', { ctrlKey: true }))?.id).toBe('edit.cut');
    expect(commandForKey(key('d', { ctrlKey: true }))?.id).toBe('edit.duplicate');
    expect(commandForKey(key('!', { shiftKey: true }))?.id).toBe('view.fit');
    expect(commandForKey(key('i', { altKey: true }))?.id).toBe('step.newImage');
    expect(commandForKey(key('l', { altKey: true }))?.id).toBe('group.parallelFor');
    // Plain letters stay free for typing.
    expect(commandForKey(key('c'))).toBeUndefined();
  });

  it('keeps ids unique and every shortcut bound to one command only', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const shortcuts = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    for (const id of ['edit.copy', 'edit.cut', 'edit.duplicate']) expect(COMMANDS.find((c) => c.id === id)?.disabled?.({ canUndo: false, canRedo: false, hasSelection: false })).toBe('Nothing selected');
  });
});

// The commands are declared once in shared/commands: the native menus are built from this list and the renderer's
// registry is keyed by its ids (a command without a behaviour fails typecheck, renderer/commands/command-registry.ts).
import { describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTORS } from '../../shared/commands/command-ids';

describe('command descriptors', () => {
  it('have unique ids and shortcuts', () => {
    const ids = COMMAND_DESCRIPTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const shortcuts = COMMAND_DESCRIPTORS.flatMap((d) => ('shortcuts' in d ? [...d.shortcuts] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});

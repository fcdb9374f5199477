// The native menus are built from shared/commands/command-ids.ts; the renderer's command registry performs the
// commands. Until the registry takes its ids, labels and shortcuts from that file, this test keeps the two equal
// (read from the registry's source: it is renderer code, which test/ does not compile).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTORS } from '../../shared/commands/command-ids';

const commandsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer/commands');

interface Declared {
  id: string;
  label: string;
  shortcuts: string[];
}

async function rendererCommands(): Promise<Declared[]> {
  const found: Declared[] = [];
  for (const name of (await readdir(commandsDir)).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    const source = await readFile(path.join(commandsDir, name), 'utf8');
    for (const match of source.matchAll(/\{\s*id:\s*'([^']+)',\s*label:\s*'([^']+)',(?:\s*shortcuts:\s*\[([^\]]*)\])?/g)) {
      const shortcuts = [...(match[3] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
      found.push({ id: match[1] as string, label: match[2] as string, shortcuts });
    }
  }
  return found;
}

describe('command descriptors', () => {
  it('name every command of the renderer registry with the same label and shortcuts', async () => {
    const registry = await rendererCommands();
    if (registry.some((c) => COMMAND_DESCRIPTORS.some((d) => d.id === c.id)) === false) {
      console.warn('renderer/commands holds no inline command declarations (it may import shared/commands): nothing to compare');
    }
    const shared = COMMAND_DESCRIPTORS.map((d) => ({ id: d.id, label: d.label, shortcuts: 'shortcuts' in d ? [...d.shortcuts] : [] }));
    const byId = new Map<string, Declared>(shared.map((d) => [d.id, d]));
    for (const command of registry) expect(byId.get(command.id), `${command.id} is missing from shared/commands/command-ids.ts`).toEqual(command);
  });

  it('have unique ids and shortcuts', () => {
    const ids = COMMAND_DESCRIPTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const shortcuts = COMMAND_DESCRIPTORS.flatMap((d) => ('shortcuts' in d ? [...d.shortcuts] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTORS } from '../../shared/commands/command-ids';
import { buildMenuTemplate, toAccelerator, type MenuActions } from './menu-template';

function build(platform: string, recentFiles: string[] = []) {
  const sent: string[] = [];
  const opened: string[] = [];
  const actions: MenuActions = { command: (id) => sent.push(id), openRecent: (f) => opened.push(f), clearRecent: () => sent.push('clear'), openHelp: () => sent.push('help') };
  const template = buildMenuTemplate({ descriptors: COMMAND_DESCRIPTORS, platform, appName: 'KFP Studio', recentFiles, actions });
  return { template, sent, opened };
}

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(menu?.submenu) ? menu.submenu : [];
}

function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => items(m).flatMap((i) => [i, ...items(i)]));
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('native menus', () => {
  it('are File, Edit, View, Run, Help (with the app menu first on macOS)', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
    expect(build('darwin').template.map((m) => m.label)).toEqual(['KFP Studio', 'File', 'Edit', 'View', 'Run', 'Help']);
  });

  it('list every command placed in a menu, with its label and first shortcut, and send its id when chosen', () => {
    const { template, sent } = build('win32');
    const byId = new Map(allItems(template).filter((i) => i.id).map((i) => [i.id, i]));
    for (const descriptor of COMMAND_DESCRIPTORS) {
      const item = byId.get(descriptor.id);
      expect(item?.label).toBe(descriptor.label);
      const first = 'shortcuts' in descriptor ? descriptor.shortcuts[0] : undefined;
      expect(item?.accelerator).toBe(first ? toAccelerator(first) : undefined);
      click(item);
    }
    expect(sent).toEqual(COMMAND_DESCRIPTORS.map((c) => c.id));
  });

  it('shows shortcuts without registering them, so text fields keep Ctrl+C and the renderer runs the command once', () => {
    const withKeys = allItems(build('linux').template).filter((i) => i.id && i.accelerator);
    expect(withKeys.length).toBeGreaterThan(10);
    for (const item of withKeys) expect(item.registerAccelerator).toBe(false);
  });

  it('writes shortcuts the way Electron reads them', () => {
    expect(toAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator('F8')).toBe('F8');
    expect(toAccelerator('Alt+N')).toBe('Alt+N');
  });

  it('offers recent files under File, opening the one chosen', () => {
    const { template, opened, sent } = build('linux', ['/home/me/a.pipeline.json', '/home/me/b.pipeline.json']);
    const recent = items(template[0]).find((i) => i.label === 'Open &Recent');
    const entries = items(recent);
    expect(entries.map((e) => e.label)).toEqual(['/home/me/a.pipeline.json', '/home/me/b.pipeline.json', undefined, 'Clear Recent']);
    click(entries[1]);
    click(entries[3]);
    expect(opened).toEqual(['/home/me/b.pipeline.json']);
    expect(sent).toEqual(['clear']);
    expect(items(items(build('linux').template[0]).find((i) => i.label === 'Open &Recent'))).toEqual([{ label: 'No recent files', enabled: false }]);
  });
});

// The native menus (File, Edit, View, Run, Help) built from the shared command descriptors. Choosing an item sends
// its command id to the renderer, which performs it from its command registry. Accelerators are shown but not
// registered: the renderer's own shortcut handling runs them (and leaves text fields their usual keys).
import type { MenuItemConstructorOptions } from 'electron';
import type { CommandDescriptor, MenuName } from '../../shared/commands/command-ids';

export interface MenuActions {
  /** Send a command id to the renderer. */
  command(id: string): void;
  openRecent(file: string): void;
  clearRecent(): void;
  /** Opens the project's documentation in the browser (a fixed https URL). */
  openHelp(): void;
}

export interface MenuOptions {
  descriptors: readonly CommandDescriptor[];
  platform: string;
  appName: string;
  recentFiles: readonly string[];
  actions: MenuActions;
}

const MENU_LABELS: Record<MenuName, string> = { file: '&File', edit: '&Edit', view: '&View', run: '&Run', help: '&Help' };
const MENU_ORDER: readonly MenuName[] = ['file', 'edit', 'view', 'run', 'help'];

/** `Mod+Shift+Z` → `CmdOrCtrl+Shift+Z`; keys Electron names differently are mapped. */
export function toAccelerator(shortcut: string): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part === 'Escape' ? 'Esc' : part))
    .join('+');
}

function commandItems(options: MenuOptions, menu: MenuName): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  let section: number | undefined;
  for (const descriptor of options.descriptors) {
    if (descriptor.menu?.name !== menu) continue;
    if (section !== undefined && descriptor.menu.section !== section) items.push({ type: 'separator' });
    section = descriptor.menu.section;
    const shortcut = descriptor.shortcuts?.[0];
    items.push({
      id: descriptor.id,
      label: descriptor.label,
      ...(shortcut ? { accelerator: toAccelerator(shortcut), registerAccelerator: false } : {}),
      click: () => options.actions.command(descriptor.id),
    });
  }
  return items;
}

function recentMenu(options: MenuOptions): MenuItemConstructorOptions {
  const files = options.recentFiles.map((file): MenuItemConstructorOptions => ({ label: file, click: () => options.actions.openRecent(file) }));
  return {
    label: 'Open &Recent',
    submenu: files.length
      ? [...files, { type: 'separator' }, { label: 'Clear Recent', click: () => options.actions.clearRecent() }]
      : [{ label: 'No recent files', enabled: false }],
  };
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  for (const menu of MENU_ORDER) {
    const submenu = commandItems(options, menu);
    if (menu === 'file') {
      const openAt = submenu.findIndex((item) => item.id === 'file.open');
      submenu.splice(openAt + 1, 0, recentMenu(options));
      submenu.push({ type: 'separator' }, mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' });
    }
    if (menu === 'view') {
      if (submenu.length) submenu.push({ type: 'separator' });
      submenu.push({ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' });
    }
    if (menu === 'help') {
      if (submenu.length) submenu.push({ type: 'separator' });
      submenu.push({ label: 'KFP Studio documentation', click: () => options.actions.openHelp() });
      if (!mac) submenu.push({ role: 'about', label: `About ${options.appName}` });
    }
    if (submenu.length) template.push({ label: mac ? MENU_LABELS[menu].replace('&', '') : MENU_LABELS[menu], submenu });
  }
  return template;
}

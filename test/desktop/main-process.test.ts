// The bundled main process (dist/electron/main.cjs as `npm run build:electron` makes it), run under plain Node with
// a stand-in `electron` module: the wiring the unit tests of electron/main cannot see.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_CALL_NAMES } from '../../shared/host-api/host-api.calls';
import { DESKTOP_CALL_NAMES, DESKTOP_EVENTS, ipcChannel } from '../../shared/host-api/desktop-bridge';
import { serializeDocument } from '../../shared/model/document.parse';
import { twoStepDocument } from '../../shared/model/test-documents';
import { buildIntoTemp } from './desktop-build.fixture';
import { createFakeElectron } from './fake-electron';

let built: Awaited<ReturnType<typeof buildIntoTemp>>;
let dir = '';
let fake: ReturnType<typeof createFakeElectron>;
const realRequire = createRequire(import.meta.url);
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  built = await buildIntoTemp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-main-'));
  const appPath = path.join(dir, 'app');
  await mkdir(path.join(appPath, 'dist/renderer'), { recursive: true });
  await writeFile(path.join(appPath, 'dist/renderer/index.html'), '<!doctype html><title>KFP Studio</title>');
  await mkdir(path.join(dir, 'docs'));
  fake = createFakeElectron({ userData: path.join(dir, 'data'), documents: path.join(dir, 'docs'), appPath });
  const code = await readFile(built.main, 'utf8');
  const module = { exports: {} };
  const require = (name: string) => (name === 'electron' ? fake.electron : realRequire(name));
  vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`)(module.exports, require, module, built.main, built.dir);
  for (let i = 0; i < 50 && fake.windows.length === 0; i++) await tick();
}, 60_000);
afterAll(async () => {
  await rm(built.dir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

const trusted = () => ({ sender: { id: fake.windows[0]?.webContents.id ?? -1 }, senderFrame: { url: 'app://kfp-studio/index.html', parent: null } });
const invoke = (name: string, request: unknown = {}) => (fake.electron.ipcMain.handlers.get(ipcChannel(name)) as (e: unknown, r: unknown) => Promise<unknown>)(trusted(), request);

describe('the main process', () => {
  it('registers app:// as a standard, secure scheme and turns on the sandbox for every renderer', () => {
    expect(fake.electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.electron.app.sandboxEnabled).toBe(true);
    expect([...fake.electron.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('opens one window with secure preferences, the preload bundle and the app page', () => {
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0];
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: path.join(built.dir, 'preload.cjs'),
    });
    expect(window?.loadedUrl).toBe('app://kfp-studio/index.html');
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    fake.electron.session.defaultSession.permissionRequestHandler?.({}, 'media', (granted: boolean) => answers.push(granted));
    fake.electron.session.defaultSession.permissionRequestHandler?.({}, 'notifications', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(fake.electron.session.defaultSession.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
  });

  it('denies new windows and blocks navigation in every web contents', () => {
    const contents = fake.windows[0]?.webContents;
    expect(contents?.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const event = { prevented: false, preventDefault() {
      this.prevented = true;
    } };
    contents?.emit('will-navigate', event, 'https://evil.example/');
    expect(event.prevented).toBe(true);
    expect(fake.electron.shell.opened).toEqual([]);
  });

  it('handles exactly the contract and desktop channels, and answers calls from the window', async () => {
    expect([...fake.electron.ipcMain.handlers.keys()].sort()).toEqual([...HOST_CALL_NAMES, ...DESKTOP_CALL_NAMES].map(ipcChannel).sort());
    expect(await invoke('secretStoreStatus')).toMatchObject({ ok: true, value: { available: true, backend: 'basic_text', warning: expect.stringContaining('keyring') } });
    const foreign = await (fake.electron.ipcMain.handlers.get(ipcChannel('exampleList')) as (e: unknown, r: unknown) => Promise<unknown>)({ sender: { id: 999 }, senderFrame: { url: 'app://kfp-studio/', parent: null } }, {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'KFS701' } });
  });

  it('builds File, Edit, View, Run and Help menus', () => {
    const labels = (fake.electron.Menu.current as { label: string }[]).map((m) => m.label.replace('&', ''));
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Run', 'Help']));
  });

  it('hands a document named by a second launch to the editor, and remembers opened files as recent', async () => {
    const file = path.join(dir, 'docs', 'a.pipeline.json');
    await writeFile(file, serializeDocument(twoStepDocument()));
    fake.electron.app.emit('second-instance', {}, ['/opt/kfp-studio', file], dir);
    expect(await invoke('windowTakeLaunchFiles')).toEqual({ ok: true, value: { files: [file] } });
    fake.electron.app.emit('open-file', { preventDefault: () => undefined }, file);
    expect(fake.windows[0]?.webContents.sent).toContainEqual([DESKTOP_EVENTS.onOpenFile, file]);
    expect(await invoke('documentOpen', { path: file })).toMatchObject({ ok: true });
    await tick();
    expect(fake.electron.app.recent).toEqual([file]);
    expect(JSON.parse(await readFile(path.join(dir, 'data', 'recent-files.json'), 'utf8'))).toEqual({ files: [file] });
  });

  it('asks before closing with unsaved changes; Save asks the editor to save and closes once it is clean', async () => {
    const window = fake.windows[0];
    expect(await invoke('windowSetDirty', { dirty: true })).toEqual({ ok: true, value: {} });
    fake.electron.dialog.answer = 2;
    window?.close();
    await tick();
    expect(fake.dialogCalls).toHaveLength(1);
    expect(window?.destroyed).toBe(false);
    fake.electron.dialog.answer = 0;
    window?.close();
    await tick();
    expect(window?.webContents.sent).toContainEqual([DESKTOP_EVENTS.onMenuCommand, 'file.save']);
    expect(window?.destroyed).toBe(false);
    await invoke('documentAutosave', { key: 'tab-1', document: twoStepDocument() });
    await invoke('windowSetDirty', { dirty: false });
    for (let i = 0; i < 50 && !window?.destroyed; i++) await tick();
    expect(window?.destroyed).toBe(true);
    // A clean close keeps nothing to recover, and the window's place is remembered.
    expect(JSON.parse(await readFile(path.join(dir, 'data', 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1300, height: 900, maximized: false });
    expect(await invoke('recoveryList')).toEqual({ ok: true, value: { entries: [] } });
  });
});

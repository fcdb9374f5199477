// The Electron main process, thin: the app protocol, one secure window, the IPC bridge to the host services, native
// menus from the shared command descriptors, recent files, single instance, and documents given at launch.
import { app, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { COMMAND_DESCRIPTORS } from '../../shared/commands/command-ids';
import { DESKTOP_EVENTS } from '../../shared/host-api/desktop-bridge';
import { createAutosaveStore } from '../host/documents/autosave-store';
import { createHostServices } from '../host/host-services';
import { RunsService } from '../host/runs';
import { createSecretStore, safeStorageCipher } from '../host/secrets';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createCloseGuard } from './close-guard';
import { DOCUMENT_FILE_FILTERS, PIPELINE_FILE_FILTERS, readChosenPipelineFile } from './chosen-pipeline-file';
import { documentFromArgv } from './file-args';
import { bindIpc, createIpcDispatch, isTrustedSender, type DesktopHandlers } from './ipc-binding';
import { createMainWindow, hardenWebContents } from './main-window';
import { buildMenuTemplate } from './menu-template';
import { createGestureGate } from './navigation-guard';
import { addRecentFile, loadRecentFiles, saveRecentFiles } from './recent-files';
import { asRunEventTarget, createRunEventsForwarder } from './run-events.binding';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  const gate = createGestureGate();
  const closeGuard = createCloseGuard();
  let window: BrowserWindow | undefined;
  /** Set once the page has taken the launch files, so it listens to onOpenFile; reset when it reloads. */
  let listening = false;
  const launchFile = documentFromArgv(process.argv, process.cwd());
  let pendingFiles: string[] = launchFile ? [launchFile] : [];
  let recent: string[] = [];

  const openFile = (file: string): void => {
    if (window && listening) window.webContents.send(DESKTOP_EVENTS.onOpenFile, file);
    else pendingFiles = [...pendingFiles.filter((f) => f !== file), file];
  };

  // macOS delivers double-clicked documents this way, possibly before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFile(file);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const file = documentFromArgv(argv, workingDirectory);
    if (file) openFile(file);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, gate));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const appRoot = app.getAppPath();
    const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(appRoot, 'resources');
    const recentFile = path.join(dataDir, 'recent-files.json');
    await mkdir(dataDir, { recursive: true }).catch(() => undefined);

    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(appRoot, 'dist/renderer')));
    // The app protocol sends APP_CONTENT_SECURITY_POLICY with every file; this puts the same policy on any other
    // response the window might get (a test asserts the two strings are equal; the literal lets scanners see it).
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'; worker-src 'self'",
          ],
        },
      });
    });
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    const autosave = createAutosaveStore(dataDir);
    const runs = new RunsService({ dataDir });
    const runEvents = createRunEventsForwarder(runs.events);
    app.on('will-quit', () => void runs.close().catch(() => undefined));
    const host = createHostServices({
      resourcesDir,
      documentsDir: app.getPath('documents'),
      dataDir,
      autosave,
      secrets: createSecretStore(dataDir, safeStorageCipher(safeStorage)),
      runs,
    });

    const refreshMenu = (): void => {
      const template = buildMenuTemplate({
        descriptors: COMMAND_DESCRIPTORS,
        platform: process.platform,
        appName: app.name,
        recentFiles: recent,
        actions: {
          command: (id) => window?.webContents.send(DESKTOP_EVENTS.onMenuCommand, id),
          openRecent: openFile,
          clearRecent: () => {
            recent = [];
            app.clearRecentDocuments();
            void saveRecentFiles(recentFile, recent).catch(() => undefined);
            refreshMenu();
          },
          openHelp: () => void shell.openExternal('https://www.kubeflow.org/docs/components/pipelines/'),
        },
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    };
    const rememberFile = (file: string): void => {
      recent = addRecentFile(recent, file);
      app.addRecentDocument(file);
      void saveRecentFiles(recentFile, recent).catch(() => undefined);
      refreshMenu();
    };

    const desktop: DesktopHandlers = {
      windowTakeLaunchFiles: async () => {
        const files = pendingFiles;
        pendingFiles = [];
        listening = true;
        return { files };
      },
      windowSetDirty: async ({ dirty, title }) => {
        window?.setDocumentEdited(dirty);
        if (title !== undefined) window?.setTitle(title ? `${title} — KFP Studio` : 'KFP Studio');
        if (closeGuard.setDirty(dirty) === 'close') window?.close();
        return {};
      },
      windowNotify: async ({ title, body }) => {
        if (!Notification.isSupported()) return { shown: false };
        const note = new Notification({ title, body });
        note.on('click', () => {
          window?.show();
          window?.focus();
          window?.webContents.send(DESKTOP_EVENTS.onMenuCommand, 'runs.show');
        });
        note.show();
        return { shown: true };
      },
      dialogChooseDocument: async () => {
        const options = { title: 'Open pipeline', properties: ['openFile' as const], filters: PIPELINE_FILE_FILTERS };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        const chosen = result.canceled ? undefined : result.filePaths[0];
        return chosen ? readChosenPipelineFile(chosen) : {};
      },
      dialogChooseSavePath: async ({ suggestedName }) => {
        const options = { title: 'Save pipeline', defaultPath: path.join(app.getPath('documents'), suggestedName ?? 'pipeline.pipeline.json'), filters: DOCUMENT_FILE_FILTERS };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return !result.canceled && result.filePath ? { path: result.filePath } : {};
      },
    };

    bindIpc(
      ipcMain,
      createIpcDispatch({
        host,
        desktop,
        isTrusted: (event) => isTrustedSender(event, window?.webContents.id),
        onHostResult: (name, value, event) => {
          if ((name === 'documentOpen' || name === 'documentSave') && typeof (value as { path?: unknown }).path === 'string') rememberFile((value as { path: string }).path);
          // The sender is the main window's webContents (isTrusted checked its id).
          runEvents.afterHostCall(name, value, asRunEventTarget(event.sender) ?? (window && event.sender.id === window.webContents.id ? window.webContents : undefined));
        },
      }),
    );

    recent = await loadRecentFiles(recentFile);
    refreshMenu();

    window = await createMainWindow({
      preload: path.join(__dirname, 'preload.cjs'),
      stateFile: path.join(dataDir, 'window-state.json'),
      icon: path.join(resourcesDir, 'icons/512x512.png'),
      devTools: !app.isPackaged,
      closeGuard,
      requestSave: () => window?.webContents.send(DESKTOP_EVENTS.onMenuCommand, 'file.save'),
      onClosedCleanly: async () => {
        await Promise.all(autosave.writtenThisSession().map((key) => autosave.discard(key).catch(() => undefined)));
      },
    });
    window.webContents.on('did-start-loading', () => {
      listening = false;
    });
  });
}

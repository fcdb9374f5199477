// A stand-in for the `electron` module, enough to run the bundled main process under plain Node and watch what it
// does: which schemes it registers, the window options, the IPC channels, the menus, the handlers it installs.
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: Handler | undefined;
  send(channel: string, value: unknown): void {
    this.sent.push([channel, value]);
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron(paths: { userData: string; documents: string; appPath: string }) {
  const app = Object.assign(new EventEmitter(), {
    name: 'KFP Studio',
    isPackaged: false,
    sandboxEnabled: false,
    quitCalled: false,
    recent: [] as string[],
    enableSandbox() {
      this.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit() {
      this.quitCalled = true;
    },
    getPath: (name: string) => (name === 'userData' ? paths.userData : paths.documents),
    getAppPath: () => paths.appPath,
    addRecentDocument(file: string) {
      this.recent.push(file);
    },
    clearRecentDocuments() {
      this.recent = [];
    },
  });
  const windows: FakeBrowserWindow[] = [];
  const dialogCalls: unknown[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl = '';
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    maximize() {}
    isMaximized = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
    show() {}
    setTitle() {}
    setDocumentEdited() {}
    getNormalBounds = () => ({ x: 10, y: 20, width: 1300, height: 900 });
    close() {
      const event = { defaultPrevented: false, preventDefault() {
        this.defaultPrevented = true;
      } };
      this.emit('close', event);
      if (!event.defaultPrevented) this.destroyed = true;
    }
  }
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      privileged: [] as unknown[],
      handlers: new Map<string, Handler>(),
      registerSchemesAsPrivileged(schemes: unknown[]) {
        this.privileged.push(...schemes);
      },
      handle(scheme: string, handler: Handler) {
        this.handlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        permissionRequestHandler: undefined as Handler | undefined,
        permissionCheckHandler: undefined as Handler | undefined,
        headersHandler: undefined as Handler | undefined,
        setPermissionRequestHandler(handler: Handler) {
          this.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler(handler: Handler) {
          this.permissionCheckHandler = handler;
        },
        webRequest: {
          onHeadersReceived(handler: Handler) {
            electron.session.defaultSession.headersHandler = handler;
          },
        },
      },
    },
    ipcMain: {
      handlers: new Map<string, Handler>(),
      handle(channel: string, handler: Handler) {
        this.handlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        this.handlers.delete(channel);
      },
    },
    Menu: {
      current: undefined as unknown,
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu(menu: unknown) {
        this.current = menu;
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      answer: 2,
      async showMessageBox(...args: unknown[]) {
        dialogCalls.push(args);
        return { response: electron.dialog.answer };
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    shell: { opened: [] as string[], openExternal: async (url: string) => void electron.shell.opened.push(url) },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString(), getSelectedStorageBackend: () => 'basic_text' },
  };
  return { electron, windows, dialogCalls };
}

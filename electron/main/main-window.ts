// The one window: secure web preferences, the app protocol page, the remembered size and position, the
// unsaved-changes guard on close, and no way to open or navigate anywhere else.
import { BrowserWindow, dialog, screen, shell, type WebContents } from 'electron';
import { APP_START_URL } from './app-protocol';
import type { CloseGuard } from './close-guard';
import { decideWindowOpen, type GestureGate } from './navigation-guard';
import { MIN_HEIGHT, MIN_WIDTH, loadWindowState, saveWindowState } from './window-state';

export interface MainWindowOptions {
  preload: string;
  stateFile: string;
  icon?: string;
  devTools: boolean;
  closeGuard: CloseGuard;
  /** Asks the renderer to save (the guard's Save answer). */
  requestSave(): void;
  /** A clean close: the window closes with nothing unsaved, or the person chose not to save. */
  onClosedCleanly(): Promise<void>;
}

/** The app's only way to the browser: an http(s) URL without credentials, right after a click or key press. */
function openInBrowserIfClicked(url: string, gate: GestureGate): void {
  if (decideWindowOpen(url, gate).openExternally) void shell.openExternal(url);
}

/** Applied to every web contents the app creates: no new windows, no navigation, no webviews. */
export function hardenWebContents(contents: WebContents, gate: GestureGate): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowserIfClicked(url, gate);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openInBrowserIfClicked(url, gate);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('input-event', (_event, input) => gate.noteInput(input.type));
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const state = await loadWindowState(options.stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'KFP Studio',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click would open links in a new window; the open handler denies those too, this removes the event.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let stateSaved = false;
  window.on('close', (event) => {
    if (options.closeGuard.onCloseRequested() === 'ask') {
      event.preventDefault();
      void askBeforeClosing(window, options);
      return;
    }
    if (!stateSaved) {
      // Remember the size and position before the window goes (an async write, so close again once it is done).
      event.preventDefault();
      const bounds = window.getNormalBounds();
      void saveWindowState(options.stateFile, { ...bounds, maximized: window.isMaximized() })
        .catch(() => undefined)
        .then(() => options.onClosedCleanly())
        .catch(() => undefined)
        .finally(() => {
          stateSaved = true;
          window.close();
        });
    }
  });

  await window.loadURL(APP_START_URL);
  return window;
}

async function askBeforeClosing(window: BrowserWindow, options: MainWindowOptions): Promise<void> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: 'Save the changes to this pipeline before closing?',
    detail: "If you don't save, your changes since the last save are lost.",
  });
  const next = options.closeGuard.onChoice(response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel');
  if (next === 'save-then-close') options.requestSave();
  if (next === 'close') window.close();
}

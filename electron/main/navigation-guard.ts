// What the window may open or navigate to: nothing inside the app window; http(s) links go to the person's browser,
// but only right after they clicked or pressed a key (a page cannot open tabs by itself).
export const GESTURE_WINDOW_MS = 1500;
const MAX_URL_LENGTH = 2048;

/** An http(s) URL with no user name or password in it. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}

export interface GestureGate {
  /** Call for every input event of the window (`webContents.on('input-event')`). */
  noteInput(type: string): void;
  /** True within GESTURE_WINDOW_MS of a click or key press; consumed by the check. */
  consume(): boolean;
}

const GESTURES = new Set(['mouseUp', 'mouseDown', 'keyDown', 'rawKeyDown', 'gestureTap']);

export function createGestureGate(now: () => number = Date.now): GestureGate {
  let last = Number.NEGATIVE_INFINITY;
  return {
    noteInput(type) {
      if (GESTURES.has(type)) last = now();
    },
    consume() {
      const fresh = now() - last <= GESTURE_WINDOW_MS;
      last = Number.NEGATIVE_INFINITY;
      return fresh;
    },
  };
}

/** For setWindowOpenHandler: always deny a new window; say whether to hand the URL to the browser. */
export function decideWindowOpen(url: string, gate: GestureGate): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) && gate.consume() };
}

// How the app tells a person that a run it watches has ended while they look elsewhere: in the desktop app a system
// notification shown by the main process (Electron's Notification), in a browser the page's Notification, allowed
// by the person when they first ask for it (browsers only ask after a click). Whether to notify at all is a setting
// kept in this browser profile or window (localStorage).
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export interface RunEndNotifier {
  permission(): NotifyPermission;
  /** Asks the person (browsers: only from a click or key press); answers the permission then. */
  ask(): Promise<NotifyPermission>;
  show(note: { title: string; body: string; tag: string }): void;
}

const SETTING_KEY = 'kfs.notifyRunEnds';

function storage(): Storage | undefined {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : undefined;
  } catch {
    return undefined;
  }
}

/** The setting (on unless the person turned it off). */
export function notifyRunEndsSetting(): boolean {
  return storage()?.getItem(SETTING_KEY) !== 'off';
}

export function saveNotifyRunEndsSetting(on: boolean): void {
  try {
    storage()?.setItem(SETTING_KEY, on ? 'on' : 'off');
  } catch {
    // A browser that keeps nothing: the setting lasts this session.
  }
}

/** The page's Notification API (web mode). */
export function browserNotifier(scope: { Notification?: typeof Notification } = globalThis): RunEndNotifier {
  const api = () => (typeof scope.Notification === 'function' ? scope.Notification : undefined);
  return {
    permission: () => api()?.permission ?? 'unsupported',
    ask: async () => {
      const notification = api();
      if (!notification) return 'unsupported';
      if (notification.permission !== 'default') return notification.permission;
      return notification.requestPermission();
    },
    show: ({ title, body, tag }) => {
      const notification = api();
      if (notification?.permission !== 'granted') return;
      try {
        new notification(title, { body, tag });
      } catch {
        // Some browsers only allow notifications from a service worker: the toast is enough.
      }
    },
  };
}

/** The desktop app's system notifications, shown by the main process (the system settings decide if they appear). */
export function desktopNotifier(bridge: Pick<DesktopBridge, 'windowNotify'>): RunEndNotifier {
  return {
    permission: () => 'granted',
    ask: async () => 'granted',
    show: (note) => void bridge.windowNotify(note),
  };
}

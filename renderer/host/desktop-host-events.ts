// The desktop app's event channel: run events arrive from the main process through the preload's `onRunEvent`, one
// stream for every subscription of this window, routed here by subscription id. The main process starts sending
// before the page has the `runWatch` answer in hand, so events of an id nobody listens to yet are kept (newest
// snapshot only, a bounded number of ids) and handed over when it subscribes.
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';
import type { HostEvents, RunEvent } from '../../shared/host-api/run.calls';
import { desktopBridge } from './desktop-bridge';

type EventsBridge = Pick<DesktopBridge, 'onRunEvent' | 'runUnwatch'>;

/** Ids with early events kept at once; the oldest goes first (a watch whose answer never reached a listener). */
const MAX_WAITING_SUBSCRIPTIONS = 64;
const MAX_WAITING_EVENTS = 2000;

export interface DesktopHostEvents extends HostEvents {
  /** Stops listening to the preload (the page is going away). */
  stop(): void;
}

export function createDesktopHostEvents(bridge: EventsBridge): DesktopHostEvents {
  const listeners = new Map<string, (event: RunEvent) => void>();
  const waiting = new Map<string, RunEvent[]>();

  const keep = (event: RunEvent) => {
    let list = waiting.get(event.subscriptionId);
    if (!list) {
      if (waiting.size >= MAX_WAITING_SUBSCRIPTIONS) waiting.delete(waiting.keys().next().value as string);
      list = [];
      waiting.set(event.subscriptionId, list);
    }
    if (event.type === 'snapshot') {
      const at = list.findIndex((e) => e.type === 'snapshot');
      if (at >= 0) list.splice(at, 1);
    }
    if (list.length < MAX_WAITING_EVENTS || event.type === 'end') list.push(event);
  };

  const stopBridge = bridge.onRunEvent((event) => {
    const listener = listeners.get(event.subscriptionId);
    if (!listener) return keep(event);
    if (event.type === 'end') listeners.delete(event.subscriptionId);
    listener(event);
  });

  return {
    subscribe(subscriptionId, listener) {
      const early = waiting.get(subscriptionId) ?? [];
      waiting.delete(subscriptionId);
      let ended = false;
      for (const event of early) {
        if (ended) break;
        ended = event.type === 'end';
        listener(event);
      }
      if (!ended) listeners.set(subscriptionId, (event) => {
        if (event.type === 'end') ended = true;
        listener(event);
      });
      return () => {
        if (ended) return;
        ended = true;
        listeners.delete(subscriptionId);
        // As in web mode, where closing the stream ends the subscription: the host stops watching for us.
        void bridge.runUnwatch({ subscriptionId });
      };
    },
    stop() {
      stopBridge();
      listeners.clear();
      waiting.clear();
    },
  };
}

/** Run events over the desktop bridge when the page runs in the desktop app; undefined in a browser (web mode). */
export function desktopHostEvents(from: object = window): DesktopHostEvents | undefined {
  const bridge = desktopBridge(from);
  return bridge && typeof (bridge as Partial<EventsBridge>).onRunEvent === 'function' ? createDesktopHostEvents(bridge) : undefined;
}

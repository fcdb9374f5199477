// The desktop app's event channel for run subscriptions: when a window's `runWatch`/`runLogFollow` succeeds, the
// subscription's events (buffered ones first) are sent to that window's webContents on RUN_EVENTS_CHANNEL until its
// `end` (the run or log finished, or `runUnwatch`). A window that is destroyed, crashes or loads another page closes
// its subscriptions, so nothing keeps watching for a page that is gone.
import { RUN_EVENTS_CHANNEL, type RunEvent } from '../../shared/host-api/run.calls';
import type { RunEventHub } from '../host/runs/run-event-hub';

/** The parts of a WebContents the forwarder uses (a real one in the app, a stand-in in tests). */
export interface RunEventTarget {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'destroyed' | 'render-process-gone' | 'did-navigate', listener: () => void): unknown;
  isDestroyed?(): boolean;
}

/** The calls whose answer is a subscription this binding delivers. */
const SUBSCRIBING_CALLS = new Set(['runWatch', 'runLogFollow']);

/** A webContents-like sender, or undefined (an IPC event from a test, a sender without `send`). */
export function asRunEventTarget(sender: unknown): RunEventTarget | undefined {
  if (typeof sender !== 'object' || sender === null) return undefined;
  const s = sender as Partial<RunEventTarget>;
  return typeof s.id === 'number' && typeof s.send === 'function' && typeof s.on === 'function' ? (sender as RunEventTarget) : undefined;
}

export interface RunEventsForwarder {
  /** Starts sending this subscription's events to `target`. Answers false for an unknown or already delivered id. */
  forward(target: RunEventTarget, subscriptionId: string): boolean;
  /** For IpcDispatchOptions.onHostResult: forwards the subscription a successful runWatch/runLogFollow answered. */
  afterHostCall(name: string, value: unknown, target: RunEventTarget | undefined): void;
  /** Subscriptions being delivered to this target now. */
  activeFor(target: RunEventTarget): number;
}

export function createRunEventsForwarder(hub: Pick<RunEventHub, 'attach' | 'close'>): RunEventsForwarder {
  /** target → its subscriptions being delivered, each with a switch that stops sending it (the page is gone). */
  const byTarget = new Map<RunEventTarget, Map<string, { silent: boolean }>>();
  const watched = new WeakSet<RunEventTarget>();
  const gone = (target: RunEventTarget) => target.isDestroyed?.() === true;

  const closeAll = (target: RunEventTarget, reason: string) => {
    const subscriptions = byTarget.get(target);
    byTarget.delete(target);
    for (const [id, delivery] of subscriptions ?? []) {
      delivery.silent = true;
      hub.close(id, reason);
    }
  };

  const watchTarget = (target: RunEventTarget) => {
    if (watched.has(target)) return;
    watched.add(target);
    target.on('destroyed', () => closeAll(target, 'The window closed.'));
    target.on('render-process-gone', () => closeAll(target, 'The window stopped.'));
    // A reload or another page: the old page's listeners went with it, and the new one does not know these ids.
    target.on('did-navigate', () => closeAll(target, 'The window loaded another page.'));
  };

  const forward = (target: RunEventTarget, subscriptionId: string): boolean => {
    if (gone(target)) {
      hub.close(subscriptionId, 'The window closed.');
      return false;
    }
    watchTarget(target);
    const delivery = { silent: false };
    let ended = false;
    const detach = hub.attach(subscriptionId, (event: RunEvent) => {
      if (event.type === 'end') {
        ended = true;
        byTarget.get(target)?.delete(subscriptionId);
      }
      if (delivery.silent) return;
      if (!gone(target)) target.send(RUN_EVENTS_CHANNEL, event);
      else {
        delivery.silent = true;
        if (!ended) hub.close(subscriptionId, 'The window closed.');
      }
    });
    if (!detach) return false;
    // Buffered events may have ended it already, during attach.
    if (!ended) {
      const subscriptions = byTarget.get(target) ?? new Map<string, { silent: boolean }>();
      subscriptions.set(subscriptionId, delivery);
      byTarget.set(target, subscriptions);
    }
    return true;
  };

  return {
    forward,
    afterHostCall(name, value, target) {
      if (!target || !SUBSCRIBING_CALLS.has(name)) return;
      const id = (value as { subscriptionId?: unknown } | undefined)?.subscriptionId;
      if (typeof id === 'string') forward(target, id);
    },
    activeFor: (target) => byTarget.get(target)?.size ?? 0,
  };
}

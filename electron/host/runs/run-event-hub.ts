// Subscriptions to run events, independent of how they are delivered. A host call creates one (it starts watching at
// once and buffers), a binding attaches a listener to its id (an SSE response, an IPC sender) and detaches when its
// channel closes. Only the newest snapshot is kept while nobody listens: a watcher needs the state, not its history.
import { randomUUID } from 'node:crypto';
import type { RunEvent } from '../../../shared/host-api/run.calls';

type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'subscriptionId'> : never) : never;
export type Emit = (event: EventBody) => void;

interface Subscription {
  buffer: RunEvent[];
  listener: ((event: RunEvent) => void) | undefined;
  stop: () => void;
  ended: boolean;
  idle: ReturnType<typeof setTimeout> | undefined;
}

/** Buffered log text while nobody listens is capped; a follower that comes late reads the log from its offset. */
const MAX_BUFFERED_EVENTS = 2000;

export class RunEventHub {
  private readonly subscriptions = new Map<string, Subscription>();

  /** @param idleMs how long a subscription waits for its first listener before it is dropped. */
  constructor(private readonly idleMs = 60_000) {}

  /** Creates a subscription and calls `start` with its emitter; `start` answers how to stop the source. */
  create(start: (emit: Emit) => () => void): string {
    const id = randomUUID();
    const sub: Subscription = { buffer: [], listener: undefined, stop: () => undefined, ended: false, idle: undefined };
    this.subscriptions.set(id, sub);
    sub.idle = setTimeout(() => this.close(id), this.idleMs);
    sub.idle.unref?.();
    const emit: Emit = (body) => {
      if (sub.ended || !this.subscriptions.has(id)) return;
      const event = { ...body, subscriptionId: id } as RunEvent;
      if (event.type === 'end') sub.ended = true;
      if (sub.listener) sub.listener(event);
      else {
        if (event.type === 'snapshot') {
          const at = sub.buffer.findIndex((e) => e.type === 'snapshot');
          if (at >= 0) sub.buffer.splice(at, 1);
        }
        if (sub.buffer.length < MAX_BUFFERED_EVENTS || event.type === 'end') sub.buffer.push(event);
      }
      if (event.type === 'end' && sub.listener) this.close(id);
    };
    sub.stop = start(emit);
    return id;
  }

  has(id: string): boolean {
    return this.subscriptions.has(id);
  }

  /** Delivers buffered events, then live ones. Answers a detach function, or undefined for an unknown id. */
  attach(id: string, listener: (event: RunEvent) => void): (() => void) | undefined {
    const sub = this.subscriptions.get(id);
    if (!sub || sub.listener) return undefined;
    if (sub.idle) clearTimeout(sub.idle);
    sub.listener = listener;
    const buffered = sub.buffer.splice(0);
    for (const event of buffered) listener(event);
    if (sub.ended) this.close(id);
    return () => this.close(id);
  }

  /** Stops the source and forgets the subscription; a listener still attached gets an `end`. */
  close(id: string, reason?: string): void {
    const sub = this.subscriptions.get(id);
    if (!sub) return;
    this.subscriptions.delete(id);
    if (sub.idle) clearTimeout(sub.idle);
    sub.stop();
    if (!sub.ended && sub.listener) sub.listener({ subscriptionId: id, type: 'end', ...(reason ? { reason } : {}) });
    sub.ended = true;
  }

  closeAll(): void {
    for (const id of [...this.subscriptions.keys()]) this.close(id, 'The host is shutting down.');
  }

  get size(): number {
    return this.subscriptions.size;
  }
}

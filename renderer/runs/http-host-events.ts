// Web mode's event channel: ONE server-sent event stream per page, read with fetch (so the session token travels in a
// header, which EventSource cannot send). Browsers allow six connections per host: a stream per subscription starved
// the page's other requests. The stream opens at the first subscription, each subscription is attached to it with a
// POST, events are routed by their subscriptionId, and the stream closes when the last subscription ends (an idle page
// holds no connection). Each opening uses a new channel id, so a stream being closed never takes a new attach with it.
import { runEventsAttachPath, runEventsChannelPath, type HostEvents, type RunEvent } from '../../shared/host-api/run.calls';

const TOKEN_KEY = 'kfp-studio-token';

/** The token the page took from its URL (renderer/host/http-host-api.ts keeps it in sessionStorage). */
export function storedToken(storage: { getItem(key: string): string | null } | undefined): string | undefined {
  try {
    return storage?.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function parseEventStream(buffer: string): { events: RunEvent[]; rest: string } {
  const events: RunEvent[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (data) events.push(JSON.parse(data) as RunEvent);
  }
  return { events, rest };
}

type Listener = (event: RunEvent) => void;

interface Channel {
  id: string;
  abort: AbortController;
}

export function createHttpHostEvents(token: string, baseUrl = ''): HostEvents {
  const headers = { 'x-kfs-token': token };
  const listeners = new Map<string, Listener>();
  let channel: Channel | undefined;

  const closeIfIdle = (): void => {
    if (listeners.size > 0 || !channel) return;
    channel.abort.abort();
    channel = undefined;
  };

  const deliver = (event: RunEvent): void => {
    const listener = listeners.get(event.subscriptionId);
    if (!listener) return;
    if (event.type === 'end') {
      listeners.delete(event.subscriptionId);
      listener(event);
      closeIfIdle();
    } else listener(event);
  };

  const end = (subscriptionId: string, reason: string): void => deliver({ subscriptionId, type: 'end', reason });

  /** The stream is gone: every subscription it carried ends (a later subscribe opens a new one). */
  const fail = (from: Channel, reason: string): void => {
    if (channel !== from) return;
    channel = undefined;
    for (const id of [...listeners.keys()]) end(id, reason);
  };

  const read = async (open: Channel): Promise<void> => {
    try {
      const response = await fetch(`${baseUrl}${runEventsChannelPath(open.id)}`, { headers, signal: open.abort.signal });
      if (!response.ok || !response.body) {
        const message = await response.text().catch(() => '');
        return fail(open, `The event stream answered ${response.status}${message ? `: ${message}` : '.'}`);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEventStream(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) deliver(event);
      }
      fail(open, 'The event stream closed.');
    } catch (error) {
      if (!open.abort.signal.aborted) fail(open, `The event stream broke: ${(error as Error).message}`);
    }
  };

  const attach = async (open: Channel, subscriptionId: string): Promise<void> => {
    try {
      const response = await fetch(`${baseUrl}${runEventsAttachPath(open.id, subscriptionId)}`, { method: 'POST', headers, signal: open.abort.signal });
      if (!response.ok) end(subscriptionId, `Following the run failed (${response.status}): ${await response.text().catch(() => '')}`);
    } catch (error) {
      if (!open.abort.signal.aborted) end(subscriptionId, `Following the run failed: ${(error as Error).message}`);
    }
  };

  return {
    subscribe(subscriptionId, listener) {
      listeners.set(subscriptionId, listener);
      let open = channel;
      if (!open) {
        open = { id: crypto.randomUUID(), abort: new AbortController() };
        channel = open;
        void read(open);
      }
      void attach(open, subscriptionId);
      return () => {
        if (listeners.get(subscriptionId) !== listener) return;
        listeners.delete(subscriptionId);
        closeIfIdle();
      };
    },
  };
}

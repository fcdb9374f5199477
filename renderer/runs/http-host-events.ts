// Web mode's event channel: a subscription's server-sent events read with fetch (so the session token travels in a
// header, which EventSource cannot send).
import { runEventsPath, type HostEvents, type RunEvent } from '../../shared/host-api/run.calls';

const TOKEN_KEY = 'kfp-studio-token';

/** The token the page took from its URL (renderer/host/http-host-api.ts keeps it in sessionStorage). */
export function storedToken(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
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

export function createHttpHostEvents(token: string, baseUrl = ''): HostEvents {
  return {
    subscribe(subscriptionId, listener) {
      const abort = new AbortController();
      let ended = false;
      const end = (reason?: string) => {
        if (ended) return;
        ended = true;
        listener({ subscriptionId, type: 'end', ...(reason ? { reason } : {}) });
      };
      void (async () => {
        try {
          const response = await fetch(`${baseUrl}${runEventsPath(subscriptionId)}`, { headers: { 'x-kfs-token': token }, signal: abort.signal });
          if (!response.ok || !response.body) return end(`The event stream answered ${response.status}.`);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const parsed = parseEventStream(buffer + value);
            buffer = parsed.rest;
            for (const event of parsed.events) {
              if (event.type === 'end') return end(event.reason);
              listener(event);
            }
          }
          end();
        } catch (error) {
          if (!abort.signal.aborted) end(`The event stream broke: ${(error as Error).message}`);
        }
      })();
      return () => {
        ended = true;
        abort.abort();
      };
    },
  };
}

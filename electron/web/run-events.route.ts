// Web mode's event channel: GET /api/run-events/<subscriptionId> streams a subscription's RunEvents as server-sent
// events (one `data:` JSON line each) until its `end`. The request carries the session token like every /api call
// (the page reads the stream with fetch, which can send the header; EventSource cannot).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RUN_EVENTS_CHANNEL } from '../../shared/host-api/run.calls';
import type { RunEventHub } from '../host/runs/run-event-hub';

const PREFIX = `/api/${RUN_EVENTS_CHANNEL}/`;
const HEARTBEAT_MS = 15_000;

/** Answers true when it took the request. */
export type WebRoute = (req: IncomingMessage, res: ServerResponse, url: string) => boolean;

export function runEventsRoute(hub: RunEventHub): WebRoute {
  return (req, res, url) => {
    if (!url.startsWith(PREFIX)) return false;
    const id = decodeURIComponent(url.slice(PREFIX.length).split('?')[0] ?? '');
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end('Event streams are GET requests.');
      return true;
    }
    if (!hub.has(id)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`There is no subscription "${id}": watch the run again.`);
      return true;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      detach?.();
      res.end();
    };
    const detach = hub.attach(id, (event) => {
      if (finished) return;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
      if (event.type === 'end') finish();
    });
    req.on('close', finish);
    return true;
  };
}

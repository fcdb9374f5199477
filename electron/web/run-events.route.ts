// Web mode's event channels: a page holds ONE server-sent event stream, GET /api/run-events/channel/<channelId>, and
// attaches each subscription to it with POST .../channel/<channelId>/subscriptions/<subscriptionId>. Events are JSON
// `data:` lines tagged with their subscriptionId. Browsers allow six connections per host, so a stream per
// subscription starved a page's (and its sibling tabs') other requests.
// An attach may arrive before its stream: it is kept (the hub buffers the events) until the stream connects, and a
// channel never connected within `pendingMs` is dropped with its subscriptions. When a stream closes, every
// subscription attached to its channel is closed in the hub. Requests carry the session token like every /api call
// (the page reads the stream with fetch, which can send the header; EventSource cannot).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RUN_EVENTS_CHANNEL, type RunEvent } from '../../shared/host-api/run.calls';
import type { RunEventHub } from '../host/runs/run-event-hub';

const PREFIX = `/api/${RUN_EVENTS_CHANNEL}/`;
const HEARTBEAT_MS = 15_000;
const PENDING_MS = 30_000;
/** Channel ids are the page's crypto.randomUUID(); subscription ids the hub's. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Answers true when it took the request. */
export type WebRoute = (req: IncomingMessage, res: ServerResponse, url: string) => boolean;

interface Channel {
  /** The connected stream, once its GET has arrived. */
  res: ServerResponse | undefined;
  /** Subscriptions attached (or waiting for the stream to be attached to the hub). */
  subscriptions: Set<string>;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

export interface RunEventsRouteOptions {
  /** How long an attached-but-unconnected channel waits for its stream. */
  pendingMs?: number;
  heartbeatMs?: number;
}

export function runEventsRoute(hub: RunEventHub, options: RunEventsRouteOptions = {}): WebRoute {
  const pendingMs = options.pendingMs ?? PENDING_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const channels = new Map<string, Channel>();
  /** Which channel holds a subscription: a subscription goes to one stream only. */
  const owners = new Map<string, string>();

  const write = (channel: Channel, event: RunEvent): void => {
    if (channel.res && !channel.res.writableEnded && !channel.res.destroyed) channel.res.write(`data: ${JSON.stringify(event)}\n\n`);
  };

  const forget = (channel: Channel, subscriptionId: string): void => {
    channel.subscriptions.delete(subscriptionId);
    owners.delete(subscriptionId);
  };

  /** Listens to the hub for a connected channel; answers false when the hub no longer knows the subscription. */
  const connect = (channel: Channel, subscriptionId: string): boolean => {
    const detach = hub.attach(subscriptionId, (event) => {
      if (event.type === 'end') forget(channel, subscriptionId);
      write(channel, event);
    });
    return detach !== undefined;
  };

  const drop = (channelId: string, channel: Channel, reason: string): void => {
    if (channels.get(channelId) !== channel) return;
    channels.delete(channelId);
    if (channel.expiry) clearTimeout(channel.expiry);
    const held = [...channel.subscriptions];
    for (const id of held) forget(channel, id);
    channel.res = undefined;
    for (const id of held) hub.close(id, reason);
  };

  const channelFor = (channelId: string): Channel => {
    const existing = channels.get(channelId);
    if (existing) return existing;
    const channel: Channel = { res: undefined, subscriptions: new Set(), expiry: undefined };
    channels.set(channelId, channel);
    channel.expiry = setTimeout(() => drop(channelId, channel, 'The page never opened its event stream.'), pendingMs);
    channel.expiry.unref?.();
    return channel;
  };

  const stream = (res: ServerResponse, channelId: string): void => {
    const channel = channelFor(channelId);
    if (channel.res) return refuse(res, 409, `The event channel "${channelId}" already has its stream: open a new channel.`);
    if (channel.expiry) clearTimeout(channel.expiry);
    channel.expiry = undefined;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    channel.res = res;
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    const close = (): void => {
      clearInterval(heartbeat);
      drop(channelId, channel, 'The page closed its event stream.');
      if (!res.writableEnded) res.end();
    };
    // The response's close, not the request's: a bodiless GET's request may count as done long before the page leaves.
    res.on('close', close);
    for (const id of [...channel.subscriptions]) {
      if (!connect(channel, id)) {
        forget(channel, id);
        write(channel, { subscriptionId: id, type: 'end', reason: 'The subscription had already been closed: watch the run again.' });
      }
    }
  };

  const attach = (res: ServerResponse, channelId: string, subscriptionId: string): void => {
    if (!hub.has(subscriptionId)) return refuse(res, 404, `There is no subscription "${subscriptionId}": watch the run again.`);
    const owner = owners.get(subscriptionId);
    if (owner !== undefined) {
      if (owner === channelId) return void res.writeHead(204).end();
      return refuse(res, 409, `The subscription "${subscriptionId}" is attached to another event channel.`);
    }
    const channel = channelFor(channelId);
    if (channel.res && !connect(channel, subscriptionId)) return refuse(res, 409, `The subscription "${subscriptionId}" already has a listener.`);
    // connect() may have delivered a buffered `end` synchronously: only keep what is still live.
    if (!channel.res || hub.has(subscriptionId)) {
      channel.subscriptions.add(subscriptionId);
      owners.set(subscriptionId, channelId);
    }
    res.writeHead(204).end();
  };

  return (req, res, url) => {
    if (!url.startsWith(PREFIX)) return false;
    const parts = (url.slice(PREFIX.length).split('?')[0] ?? '').split('/').map(decodeSegment);
    const [kind, channelId, sub, subscriptionId] = parts;
    if (kind !== 'channel' || channelId === undefined || !(parts.length === 2 || (parts.length === 4 && sub === 'subscriptions'))) {
      refuse(res, 404, 'There is no such event route: streams are /api/run-events/channel/<channelId>.');
      return true;
    }
    const ids = subscriptionId === undefined ? [channelId] : [channelId, subscriptionId];
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined) {
      refuse(res, 400, `"${bad}" is not a valid channel or subscription id (letters, digits, - and _, at most 128).`);
      return true;
    }
    if (subscriptionId === undefined) {
      if (req.method !== 'GET') refuse(res, 405, 'An event stream is a GET request.', 'GET');
      else stream(res, channelId);
    } else if (req.method !== 'POST') refuse(res, 405, 'Attaching a subscription is a POST request.', 'POST');
    else attach(res, channelId, subscriptionId);
    return true;
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function refuse(res: ServerResponse, status: number, message: string, allow?: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...(allow ? { allow } : {}) }).end(message);
}

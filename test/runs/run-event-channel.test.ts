// The page's web event client (renderer/runs/http-host-events) against the real web server and hub under Node: many
// subscriptions share one stream, events reach the right listener, the stream closes with the last subscription
// (an idle page holds no connection) and a new one opens when a subscription comes again.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunEventHub, type Emit } from '../../electron/host/runs/run-event-hub';
import { runEventsRoute } from '../../electron/web/run-events.route';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server';
import { createHttpHostEvents } from '../../renderer/runs/http-host-events';
import type { HostHandlers } from '../../shared/host-api/host-api.calls';
import type { RunEvent } from '../../shared/host-api/run.calls';
import type { RunSnapshot } from '../../shared/runtime/runtime';

let dir: string;
let hub: RunEventHub;
let web: RunningWebServer;
/** Every event stream the server answered, and whether it is still open. */
const streams: { url: string; open: boolean }[] = [];
const attaches: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kfs-event-channel-'));
  hub = new RunEventHub();
  web = await startWebServer({ handlers: {} as HostHandlers, staticDir: dir, routes: [runEventsRoute(hub)] });
  web.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/api/run-events/')) return;
    if (req.method === 'POST') attaches.push(req.url);
    if (req.method !== 'GET') return;
    const stream = { url: req.url, open: true };
    streams.push(stream);
    res.on('close', () => (stream.open = false));
  });
});

afterAll(async () => {
  hub.closeAll();
  await web.close();
  rmSync(dir, { recursive: true, force: true });
});

function source(): { id: string; emit: Emit } {
  let emit: Emit = () => undefined;
  const id = hub.create((e) => {
    emit = e;
    return () => undefined;
  });
  return { id, emit: (event) => emit(event) };
}

function collect(): { events: RunEvent[]; listener: (event: RunEvent) => void } {
  const events: RunEvent[] = [];
  return { events, listener: (event) => events.push(event) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

const openStreams = () => streams.filter((s) => s.open).length;
const snap = (revision: number) => ({ id: 'r', revision }) as RunSnapshot;

describe('the page event client over the web server', () => {
  it('routes many subscriptions over one stream, closes it after the last one, and opens a new one later', async () => {
    const events = createHttpHostEvents(web.token, `http://127.0.0.1:${web.port}`);
    const run = source();
    const log = source();
    const third = source();
    const runSeen = collect();
    const logSeen = collect();
    const thirdSeen = collect();
    events.subscribe(run.id, runSeen.listener);
    events.subscribe(log.id, logSeen.listener);
    const stopThird = events.subscribe(third.id, thirdSeen.listener);
    await until(() => attaches.length === 3);
    expect(streams).toHaveLength(1);
    expect(new Set(attaches.map((url) => url.split('/subscriptions/')[0]))).toEqual(new Set([streams[0]?.url]));

    run.emit({ type: 'snapshot', snapshot: snap(1) });
    log.emit({ type: 'log', chunk: { text: 'hello', offset: 5 } });
    third.emit({ type: 'log', chunk: { text: 'third', offset: 5 } });
    run.emit({ type: 'snapshot', snapshot: snap(2) });
    await until(() => runSeen.events.length === 2 && logSeen.events.length === 1 && thirdSeen.events.length === 1);
    expect(runSeen.events.map((e) => (e.type === 'snapshot' ? e.snapshot.revision : e.type))).toEqual([1, 2]);
    expect(logSeen.events).toEqual([{ subscriptionId: log.id, type: 'log', chunk: { text: 'hello', offset: 5 } }]);

    // One ends on its own, one is unsubscribed (and unwatched, as the watcher does): the stream stays while one is left.
    run.emit({ type: 'end', reason: 'The run succeeded.' });
    stopThird();
    hub.close(third.id);
    await until(() => runSeen.events.at(-1)?.type === 'end');
    expect(runSeen.events.at(-1)).toEqual({ subscriptionId: run.id, type: 'end', reason: 'The run succeeded.' });
    expect(thirdSeen.events).toHaveLength(1);
    expect(openStreams()).toBe(1);

    log.emit({ type: 'end' });
    await until(() => openStreams() === 0);
    expect(logSeen.events.at(-1)?.type).toBe('end');
    expect(hub.size).toBe(0);

    const later = source();
    const laterSeen = collect();
    const stopLater = events.subscribe(later.id, laterSeen.listener);
    later.emit({ type: 'log', chunk: { text: 'again', offset: 5 } });
    await until(() => laterSeen.events.length === 1);
    expect(streams).toHaveLength(2);
    expect(streams[1]?.url).not.toBe(streams[0]?.url);
    stopLater();
    await until(() => openStreams() === 0);
    expect(hub.size).toBe(0);
  });

  it('ends a subscription the server does not know, saying why, and holds no stream afterwards', async () => {
    const events = createHttpHostEvents(web.token, `http://127.0.0.1:${web.port}`);
    const seen = collect();
    events.subscribe('gone', seen.listener);
    await until(() => seen.events.length === 1);
    expect(seen.events[0]).toMatchObject({ subscriptionId: 'gone', type: 'end' });
    expect(seen.events[0]?.type === 'end' && seen.events[0].reason).toMatch(/404.*watch the run again/);
    await until(() => openStreams() === 0);
  });

  it('ends every subscription, saying why, when the server goes away', async () => {
    const otherHub = new RunEventHub();
    const other = await startWebServer({ handlers: {} as HostHandlers, staticDir: dir, routes: [runEventsRoute(otherHub)] });
    let answered = 0;
    other.server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => res.on('finish', () => answered++));
    const events = createHttpHostEvents(other.token, `http://127.0.0.1:${other.port}`);
    const ids = [otherHub.create(() => () => undefined), otherHub.create(() => () => undefined)];
    const seen = ids.map((id) => {
      const s = collect();
      events.subscribe(id, s.listener);
      return s;
    });
    await until(() => answered === 2);
    await other.close();
    await until(() => seen.every((s) => s.events.length === 1));
    expect(seen.map((s) => s.events[0])).toEqual(
      ids.map((subscriptionId) => ({ subscriptionId, type: 'end', reason: expect.stringMatching(/event stream (closed|broke)/) })),
    );
    otherHub.closeAll();
  });
});

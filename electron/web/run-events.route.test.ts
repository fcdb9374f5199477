// The web event channel against a real web server and hub: one stream carries many subscriptions, attaches may come
// before the stream, closing the stream closes what it carried, and bad requests are refused plainly.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/host-api/host-api.calls';
import { runEventsAttachPath, runEventsChannelPath, type RunEvent } from '../../shared/host-api/run.calls';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { RunEventHub, type Emit } from '../host/runs/run-event-hub';
import { runEventsRoute } from './run-events.route';
import { startWebServer, type RunningWebServer } from './web-server';

let dir = '';
let hub: RunEventHub;
let web: RunningWebServer;
const PENDING_MS = 400;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-run-events-'));
  hub = new RunEventHub();
  web = await startWebServer({ handlers: {} as HostHandlers, staticDir: dir, routes: [runEventsRoute(hub, { pendingMs: PENDING_MS })] });
});
afterAll(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => hub.closeAll());

const url = (p: string) => `http://127.0.0.1:${web.port}${p}`;
const auth = () => ({ 'x-kfs-token': web.token });
const snap = (revision: number) => ({ id: 'r', revision }) as RunSnapshot;

function source(): { id: string; emit: Emit; stopped: () => boolean } {
  let emit: Emit = () => undefined;
  let stopped = false;
  const id = hub.create((e) => {
    emit = e;
    return () => (stopped = true);
  });
  return { id, emit: (event) => emit(event), stopped: () => stopped };
}

const attach = (channelId: string, subscriptionId: string, method = 'POST') => fetch(url(runEventsAttachPath(channelId, subscriptionId)), { method, headers: auth() });

interface Stream {
  status: number;
  /** Waits until `count` events have arrived in all, and answers them all. */
  events(count: number): Promise<RunEvent[]>;
  close(): void;
}

async function openStream(channelId: string): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(url(runEventsChannelPath(channelId)), { headers: auth(), signal: abort.signal });
  const got: RunEvent[] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const blocks = (buffer + value).split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) if (block.startsWith('data: ')) got.push(JSON.parse(block.slice(6)) as RunEvent);
        waiters.splice(0).forEach((wake) => wake());
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    async events(count) {
      while (got.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return got;
    },
    close: () => abort.abort(),
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

const label = (e: RunEvent) => `${e.subscriptionId.slice(0, 4)}:${e.type === 'snapshot' ? `s${e.snapshot.revision}` : e.type === 'log' ? e.chunk.text : 'end'}`;

describe('the web run event channel', () => {
  it('carries two subscriptions over one stream, in order and tagged, and keeps the stream after one ends', async () => {
    const a = source();
    const b = source();
    const stream = await openStream('page-1');
    expect(stream.status).toBe(200);
    expect((await attach('page-1', a.id)).status).toBe(204);
    expect((await attach('page-1', b.id)).status).toBe(204);
    a.emit({ type: 'snapshot', snapshot: snap(1) });
    b.emit({ type: 'log', chunk: { text: 'x', offset: 1 } });
    a.emit({ type: 'snapshot', snapshot: snap(2) });
    b.emit({ type: 'log', chunk: { text: 'y', offset: 2 } });
    a.emit({ type: 'end', reason: 'The run succeeded.' });
    b.emit({ type: 'log', chunk: { text: 'z', offset: 3 } });
    const events = await stream.events(6);
    expect(events.map(label)).toEqual([a, b, a, b, a, b].map((s, i) => `${s.id.slice(0, 4)}:${['s1', 'x', 's2', 'y', 'end', 'z'][i]}`));
    expect(hub.has(a.id)).toBe(false);
    expect(hub.has(b.id)).toBe(true);
    stream.close();
  });

  it('closes every subscription the stream carried when the stream closes', async () => {
    const a = source();
    const b = source();
    const before = hub.size;
    const stream = await openStream('page-2');
    await attach('page-2', a.id);
    await attach('page-2', b.id);
    a.emit({ type: 'snapshot', snapshot: snap(1) });
    await stream.events(1);
    stream.close();
    await until(() => hub.size === before - 2);
    expect(a.stopped() && b.stopped()).toBe(true);
  });

  it('delivers what was attached before the stream connected, buffered events first', async () => {
    const a = source();
    a.emit({ type: 'log', chunk: { text: 'early', offset: 5 } });
    expect((await attach('page-3', a.id)).status).toBe(204);
    a.emit({ type: 'log', chunk: { text: 'still early', offset: 16 } });
    const stream = await openStream('page-3');
    a.emit({ type: 'end' });
    expect((await stream.events(3)).map(label)).toEqual([`${a.id.slice(0, 4)}:early`, `${a.id.slice(0, 4)}:still early`, `${a.id.slice(0, 4)}:end`]);
    stream.close();
  });

  it('ends a subscription whose run had already ended before the stream connected, and forgets it', async () => {
    const a = source();
    a.emit({ type: 'snapshot', snapshot: snap(9) });
    a.emit({ type: 'end', reason: 'The run succeeded.' });
    const stream = await openStream('page-4');
    await attach('page-4', a.id);
    expect((await stream.events(2)).map((e) => e.type)).toEqual(['snapshot', 'end']);
    expect(hub.has(a.id)).toBe(false);
    stream.close();
  });

  it('drops a channel whose stream never connects, closing what was attached to it', async () => {
    const a = source();
    await attach('page-5', a.id);
    await until(() => a.stopped());
    expect(hub.has(a.id)).toBe(false);
  });

  it('refuses unknown subscriptions, wrong methods, bad ids, a second stream and requests without the token', async () => {
    const a = source();
    const unknown = await attach('page-6', 'nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/no subscription "nope".*watch the run again/);
    expect((await attach('page-6', a.id, 'GET')).status).toBe(405);
    const postStream = await fetch(url(runEventsChannelPath('page-6')), { method: 'POST', headers: auth() });
    expect(postStream.status).toBe(405);
    expect(postStream.headers.get('allow')).toBe('GET');
    expect((await fetch(url(runEventsChannelPath('bad id!')), { headers: auth() })).status).toBe(400);
    expect((await fetch(url(`/api/run-events/${a.id}`), { headers: auth() })).status).toBe(404);
    expect((await fetch(url(runEventsChannelPath('page-6')))).status).toBe(401);
    expect((await fetch(url(runEventsAttachPath('page-6', a.id)), { method: 'POST' })).status).toBe(401);
    const stream = await openStream('page-6');
    expect((await fetch(url(runEventsChannelPath('page-6')), { headers: auth() })).status).toBe(409);
    expect((await attach('page-6', a.id)).status).toBe(204);
    expect((await attach('page-7', a.id)).status).toBe(409);
    stream.close();
  });
});

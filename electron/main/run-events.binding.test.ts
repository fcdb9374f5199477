// Run events reach the window that watches, over IPC, through the same dispatch the app binds: the real event hub,
// the real IPC dispatch, and a stand-in webContents (no Electron here) that records what it was sent.
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ipcChannel } from '../../shared/host-api/desktop-bridge';
import { ok } from '../../shared/host-api/host-result';
import { RUN_EVENTS_CHANNEL, type RunEvent } from '../../shared/host-api/run.calls';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { createHostServices } from '../host/host-services';
import { RunEventHub } from '../host/runs/run-event-hub';
import type { Emit } from '../host/runs/run-event-hub';
import { createIpcDispatch, type DesktopHandlers, type IpcEventLike, type IpcListener } from './ipc-binding';
import { asRunEventTarget, createRunEventsForwarder, type RunEventsForwarder } from './run-events.binding';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

class Contents extends EventEmitter {
  static next = 100;
  readonly id = Contents.next++;
  readonly sent: [string, RunEvent][] = [];
  destroyed = false;
  send(channel: string, event: RunEvent): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, event]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  events(): RunEvent[] {
    return this.sent.map(([channel, event]) => {
      expect(channel).toBe(RUN_EVENTS_CHANNEL);
      return event;
    });
  }
}

const snapshot = (revision: number, state: RunSnapshot['state'] = 'running') => ({ id: 'run-1', revision, state, tasks: [] }) as unknown as RunSnapshot;

let dir = '';
let hub: RunEventHub;
let forwarder: RunEventsForwarder;
let listeners: Map<string, IpcListener>;
/** The emitters and stop counts of the subscriptions the host created, by id. */
let sources: Map<string, { emit: Emit; stopped: number }>;

const noDesktop = {} as DesktopHandlers;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-run-events-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  hub = new RunEventHub();
  sources = new Map();
  forwarder = createRunEventsForwarder(hub);
  const subscribe = () => {
    let source: { emit: Emit; stopped: number } | undefined;
    const id = hub.create((emit) => {
      source = { emit, stopped: 0 };
      return () => void (source && source.stopped++);
    });
    if (source) sources.set(id, source);
    return ok({ subscriptionId: id, channel: RUN_EVENTS_CHANNEL as typeof RUN_EVENTS_CHANNEL });
  };
  const host = {
    ...createHostServices({ resourcesDir: path.join(repoRoot, 'resources'), documentsDir: dir }),
    runWatch: async () => subscribe(),
    runLogFollow: async () => subscribe(),
    runUnwatch: async (request: unknown) => {
      hub.close((request as { subscriptionId: string }).subscriptionId, 'Stopped watching.');
      return ok({});
    },
  };
  listeners = createIpcDispatch({
    host,
    desktop: noDesktop,
    isTrusted: () => true,
    onHostResult: (name, value, event) => forwarder.afterHostCall(name, value, asRunEventTarget(event.sender)),
  });
});

const eventFrom = (contents: Contents): IpcEventLike => ({ sender: contents, senderFrame: { url: 'app://kfp-studio/index.html', parent: null } });
const call = async (name: string, contents: Contents, request: unknown) => (listeners.get(ipcChannel(name)) as IpcListener)(eventFrom(contents), request);

async function watch(contents: Contents, runId = 'run-1'): Promise<string> {
  const result = await call('runWatch', contents, { runId });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { subscriptionId: string }).subscriptionId;
}

describe('run events over IPC', () => {
  it('sends the watching window its subscription: the newest snapshot so far, live ones, then the end', async () => {
    const window = new Contents();
    const id = await watch(window);
    const source = sources.get(id);
    source?.emit({ type: 'snapshot', snapshot: snapshot(1) });
    source?.emit({ type: 'snapshot', snapshot: snapshot(2, 'succeeded') });
    source?.emit({ type: 'end', reason: 'The run succeeded.' });
    expect(window.events().map((e) => [e.subscriptionId, e.type])).toEqual([
      [id, 'snapshot'],
      [id, 'snapshot'],
      [id, 'end'],
    ]);
    expect(window.events().at(-1)).toMatchObject({ reason: 'The run succeeded.' });
    expect(forwarder.activeFor(window)).toBe(0);
    expect(hub.size).toBe(0);
    expect(source?.stopped).toBe(1);
  });

  it('sends what happened before the answer first (the page keeps it until it listens)', async () => {
    const window = new Contents();
    // The host emits while the call is in flight: the hub buffers, then the binding hands it over at once.
    const buffered = hub.create((emit) => {
      emit({ type: 'snapshot', snapshot: snapshot(4) });
      emit({ type: 'snapshot', snapshot: snapshot(5) });
      return () => undefined;
    });
    expect(window.sent).toEqual([]);
    expect(forwarder.forward(window, buffered)).toBe(true);
    expect(window.events()).toEqual([{ subscriptionId: buffered, type: 'snapshot', snapshot: snapshot(5) }]);
  });

  it('ends a subscription on runUnwatch and sends no more of it', async () => {
    const window = new Contents();
    const id = await watch(window);
    expect(forwarder.activeFor(window)).toBe(1);
    expect(await call('runUnwatch', window, { subscriptionId: id })).toEqual({ ok: true, value: {} });
    sources.get(id)?.emit({ type: 'snapshot', snapshot: snapshot(9) });
    expect(window.events()).toEqual([{ subscriptionId: id, type: 'end', reason: 'Stopped watching.' }]);
    expect(forwarder.activeFor(window)).toBe(0);
    expect(sources.get(id)?.stopped).toBe(1);
  });

  it('delivers a log follow to its window only, not to another window', async () => {
    const first = new Contents();
    const second = new Contents();
    const log = await call('runLogFollow', first, { runId: 'run-1', taskId: 'train' });
    const mine = (log.ok ? log.value : undefined) as { subscriptionId: string };
    const theirs = await watch(second);
    sources.get(mine.subscriptionId)?.emit({ type: 'log', chunk: { text: 'epoch 1\n', offset: 8 } as never });
    expect(first.events()).toEqual([{ subscriptionId: mine.subscriptionId, type: 'log', chunk: { text: 'epoch 1\n', offset: 8 } }]);
    expect(second.events()).toEqual([]);
    expect(forwarder.activeFor(second)).toBe(1);
    expect(hub.has(theirs)).toBe(true);
  });

  it('stops every subscription of a window that is destroyed, and sends it nothing after', async () => {
    const window = new Contents();
    const other = new Contents();
    const ids = [await watch(window), await watch(window, 'run-2')];
    const kept = await watch(other);
    window.destroy();
    for (const id of ids) {
      expect(hub.has(id)).toBe(false);
      expect(sources.get(id)?.stopped).toBe(1);
      sources.get(id)?.emit({ type: 'snapshot', snapshot: snapshot(3) });
    }
    expect(window.sent).toEqual([]);
    expect(forwarder.activeFor(window)).toBe(0);
    expect(hub.has(kept)).toBe(true);
    expect(hub.size).toBe(1);
    // A late watch from a window already gone is closed, not left buffering.
    const late = await watch(window);
    expect(hub.has(late)).toBe(false);
  });

  it('stops the subscriptions of a page that reloads or crashes', async () => {
    const window = new Contents();
    const before = await watch(window);
    window.emit('did-navigate');
    expect(hub.has(before)).toBe(false);
    expect(window.events()).toEqual([]);
    const after = await watch(window);
    window.emit('render-process-gone');
    expect(hub.has(after)).toBe(false);
    // One set of window listeners however many subscriptions it had.
    expect(window.listenerCount('destroyed')).toBe(1);
  });

  it('forwards nothing for other calls, failed calls, or a sender that is not a window', async () => {
    const window = new Contents();
    await call('exampleList', window, {});
    expect(await call('runWatch', window, { runId: '' })).toMatchObject({ ok: false, error: { code: 'KFS701' } });
    expect(asRunEventTarget({ id: 1 })).toBeUndefined();
    forwarder.afterHostCall('runWatch', { subscriptionId: 'x' }, undefined);
    expect(window.sent).toEqual([]);
    expect(hub.size).toBe(0);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';
import { ok } from '../../shared/host-api/host-result';
import { RUN_EVENTS_CHANNEL, type RunEvent } from '../../shared/host-api/run.calls';
import type { LogChunk, RunSnapshot } from '../../shared/runtime/runtime';
import { subscriptionWatcher } from '../runs/run-watcher';
import { createTestHost } from '../test-host';
import { createDesktopHostEvents, desktopHostEvents } from './desktop-host-events';

type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'subscriptionId'> : never) : never;

const snapshot = (revision: number, state: RunSnapshot['state'] = 'running') => ({ id: 'run-1', revision, state, tasks: [] }) as unknown as RunSnapshot;

/**
 * A bridge like the preload's, with the main process's order of delivery: a watch's first events are sent before its
 * answer arrives (IPC keeps order, and the main process attaches the window while answering).
 */
function fakeBridge() {
  const listeners = new Set<(event: RunEvent) => void>();
  const unwatched: string[] = [];
  let next = 0;
  const send = (event: RunEvent) => listeners.forEach((l) => l(event));
  const early = new Map<string, EventBody[]>();
  const subscribe = async () => {
    const subscriptionId = `sub-${++next}`;
    for (const event of early.get('next') ?? []) send({ ...event, subscriptionId } as RunEvent);
    early.delete('next');
    return ok({ subscriptionId, channel: RUN_EVENTS_CHANNEL });
  };
  const bridge: Pick<DesktopBridge, 'onRunEvent' | 'runUnwatch' | 'runWatch' | 'runLogFollow'> = {
    onRunEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    runUnwatch: async ({ subscriptionId }) => {
      unwatched.push(subscriptionId);
      return ok({});
    },
    runWatch: subscribe as DesktopBridge['runWatch'],
    runLogFollow: subscribe as DesktopBridge['runLogFollow'],
  };
  return { bridge, send, unwatched, listeners, sendFirst: (events: EventBody[]) => early.set('next', events) };
}

describe('run events in the desktop app', () => {
  afterEach(() => {
    delete (window as { kfpStudio?: unknown }).kfpStudio;
  });

  it('follows a run through the watcher: events sent before the answer are not lost, and the end ends it', async () => {
    const fake = fakeBridge();
    const events = createDesktopHostEvents(fake.bridge);
    const watcher = subscriptionWatcher({ ...createTestHost(), ...fake.bridge }, events);
    fake.sendFirst([
      { type: 'snapshot', snapshot: snapshot(1) },
      { type: 'snapshot', snapshot: snapshot(2) },
    ]);
    const seen: number[] = [];
    const onEnd = vi.fn();
    watcher.watchRun('run-1', (run) => seen.push(run.revision), onEnd);
    await vi.waitFor(() => expect(seen).toEqual([2]));
    fake.send({ subscriptionId: 'sub-1', type: 'snapshot', snapshot: snapshot(3, 'succeeded') });
    fake.send({ subscriptionId: 'sub-1', type: 'end', reason: 'The run succeeded.' });
    fake.send({ subscriptionId: 'sub-1', type: 'snapshot', snapshot: snapshot(4) });
    expect(seen).toEqual([2, 3]);
    expect(onEnd).toHaveBeenCalledWith('The run succeeded.');
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('keeps two subscriptions apart and routes a log to its follower only', async () => {
    const fake = fakeBridge();
    const events = createDesktopHostEvents(fake.bridge);
    const watcher = subscriptionWatcher({ ...createTestHost(), ...fake.bridge }, events);
    const logs: string[] = [];
    const runs: number[] = [];
    watcher.watchRun('run-1', (run) => runs.push(run.revision));
    watcher.followLog('run-1', 'train', 0, (chunk) => logs.push(chunk.text));
    fake.send({ subscriptionId: 'sub-2', type: 'log', chunk: { text: 'epoch 1\n', offset: 8 } as LogChunk });
    fake.send({ subscriptionId: 'sub-1', type: 'snapshot', snapshot: snapshot(7) });
    await vi.waitFor(() => expect(logs).toEqual(['epoch 1\n']));
    expect(runs).toEqual([7]);
  });

  it('unsubscribing stops delivery and asks the host to stop watching, once', async () => {
    const fake = fakeBridge();
    const events = createDesktopHostEvents(fake.bridge);
    const got: RunEvent[] = [];
    const stop = events.subscribe('sub-9', (event) => got.push(event));
    fake.send({ subscriptionId: 'sub-9', type: 'snapshot', snapshot: snapshot(1) });
    stop();
    stop();
    fake.send({ subscriptionId: 'sub-9', type: 'snapshot', snapshot: snapshot(2) });
    expect(got.map((e) => e.type)).toEqual(['snapshot']);
    expect(fake.unwatched).toEqual(['sub-9']);
    // Ended by the host: nothing left to unwatch.
    const after = events.subscribe('sub-10', (event) => got.push(event));
    fake.send({ subscriptionId: 'sub-10', type: 'end' });
    after();
    expect(fake.unwatched).toEqual(['sub-9']);
  });

  it('hands over an early end at once, keeps only the newest early snapshot, and forgets the oldest waiting ids', () => {
    const fake = fakeBridge();
    const events = createDesktopHostEvents(fake.bridge);
    fake.send({ subscriptionId: 'a', type: 'snapshot', snapshot: snapshot(1) });
    fake.send({ subscriptionId: 'a', type: 'snapshot', snapshot: snapshot(2) });
    fake.send({ subscriptionId: 'a', type: 'end', reason: 'The run failed.' });
    const got: RunEvent[] = [];
    events.subscribe('a', (event) => got.push(event));
    expect(got).toEqual([
      { subscriptionId: 'a', type: 'snapshot', snapshot: snapshot(2) },
      { subscriptionId: 'a', type: 'end', reason: 'The run failed.' },
    ]);
    for (let i = 0; i < 100; i++) fake.send({ subscriptionId: `never-${i}`, type: 'snapshot', snapshot: snapshot(i) });
    const oldest: RunEvent[] = [];
    events.subscribe('never-0', (event) => oldest.push(event));
    const newest: RunEvent[] = [];
    events.subscribe('never-99', (event) => newest.push(event));
    expect(oldest).toEqual([]);
    expect(newest).toHaveLength(1);
    events.stop();
    expect(fake.listeners.size).toBe(0);
  });

  it('is found on window.kfpStudio in the desktop app only', () => {
    expect(desktopHostEvents()).toBeUndefined();
    const fake = fakeBridge();
    (window as { kfpStudio?: unknown }).kfpStudio = { ...createTestHost(), ...fake.bridge };
    const events = desktopHostEvents();
    expect(events).toBeDefined();
    expect(fake.listeners.size).toBe(1);
    events?.stop();
  });
});

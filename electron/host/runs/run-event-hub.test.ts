import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/host-api/run.calls';
import type { RunSnapshot } from '../../../shared/runtime/runtime';
import { RunEventHub, type Emit } from './run-event-hub';

const snap = (revision: number) => ({ id: 'r', revision }) as RunSnapshot;

describe('run event subscriptions', () => {
  it('keeps only the newest snapshot until a listener attaches, then delivers live events until the end', () => {
    const hub = new RunEventHub();
    let emit: Emit = () => undefined;
    let stopped = 0;
    const id = hub.create((e) => {
      emit = e;
      return () => stopped++;
    });
    emit({ type: 'snapshot', snapshot: snap(1) });
    emit({ type: 'log', chunk: { text: 'a', offset: 1 } });
    emit({ type: 'snapshot', snapshot: snap(2) });
    const got: RunEvent[] = [];
    hub.attach(id, (event) => got.push(event));
    expect(got.map((e) => (e.type === 'snapshot' ? `s${e.snapshot.revision}` : e.type))).toEqual(['log', 's2']);
    expect(got.every((e) => e.subscriptionId === id)).toBe(true);
    emit({ type: 'snapshot', snapshot: snap(3) });
    emit({ type: 'end', reason: 'done' });
    emit({ type: 'snapshot', snapshot: snap(4) });
    expect(got.map((e) => e.type)).toEqual(['log', 'snapshot', 'snapshot', 'end']);
    expect(stopped).toBe(1);
    expect(hub.has(id)).toBe(false);
  });

  it('refuses a second listener and unknown ids, and stops the source when the listener leaves', () => {
    const hub = new RunEventHub();
    let stopped = 0;
    const id = hub.create(() => () => stopped++);
    const detach = hub.attach(id, () => undefined);
    expect(hub.attach(id, () => undefined)).toBeUndefined();
    expect(hub.attach('nope', () => undefined)).toBeUndefined();
    detach?.();
    expect(stopped).toBe(1);
    expect(hub.size).toBe(0);
  });

  it('drops a subscription nobody attaches to', async () => {
    const hub = new RunEventHub(20);
    let stopped = 0;
    const id = hub.create(() => () => stopped++);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(hub.has(id)).toBe(false);
    expect(stopped).toBe(1);
  });
});

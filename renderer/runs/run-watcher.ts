// How the UI follows a run and a task's log. Over a host binding with an event channel: a `runWatch`/`runLogFollow`
// subscription whose events arrive through HostEvents. Without one (tests, a binding without events): polling.
// Every call names the run's `target` (a cluster profile; absent = this computer), as run ids only mean something there.
import { createContext, useContext } from 'react';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { HostEvents } from '../../shared/host-api/run.calls';
import { isTerminalRun, isTerminalTask, type LogChunk, type RunSnapshot } from '../../shared/runtime/runtime';

export interface RunWatcher {
  /** Calls back with every newer snapshot, then `onEnd` once the run has ended (or the watch failed). */
  watchRun(runId: string, onSnapshot: (run: RunSnapshot) => void, onEnd?: (reason?: string) => void, target?: string): () => void;
  followLog(runId: string, taskId: string, from: number, onChunk: (chunk: LogChunk) => void, onEnd?: (reason?: string) => void, target?: string): () => void;
}

const on = (target: string | undefined) => (target === undefined ? {} : { target });

/**
 * The same watcher with every call sent to `target`: the run view provides it to what it holds (the task drawer), so
 * those follow the run where it is even when they do not name a target themselves.
 */
export function targetWatcher(watcher: RunWatcher, target: string | undefined): RunWatcher {
  return {
    watchRun: (runId, onSnapshot, onEnd, explicit) => watcher.watchRun(runId, onSnapshot, onEnd, explicit ?? target),
    followLog: (runId, taskId, from, onChunk, onEnd, explicit) => watcher.followLog(runId, taskId, from, onChunk, onEnd, explicit ?? target),
  };
}

export function subscriptionWatcher(host: HostApi, events: HostEvents): RunWatcher {
  const follow = (start: () => ReturnType<HostApi['runWatch']>, onEvent: Parameters<HostEvents['subscribe']>[1], onEnd?: (reason?: string) => void) => {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let subscriptionId: string | undefined;
    void start().then((result) => {
      if (!result.ok) return onEnd?.(`${result.error.code} ${result.error.message}`);
      subscriptionId = result.value.subscriptionId;
      if (stopped) return void host.runUnwatch({ subscriptionId });
      unsubscribe = events.subscribe(subscriptionId, (event) => {
        if (event.type === 'end') onEnd?.(event.reason);
        else onEvent(event);
      });
    });
    return () => {
      stopped = true;
      unsubscribe?.();
      if (subscriptionId) void host.runUnwatch({ subscriptionId });
    };
  };
  return {
    watchRun: (runId, onSnapshot, onEnd, target) => {
      let revision = -1;
      return follow(
        () => host.runWatch({ runId, ...on(target) }),
        (event) => {
          if (event.type !== 'snapshot' || event.snapshot.revision < revision) return;
          revision = event.snapshot.revision;
          onSnapshot(event.snapshot);
        },
        onEnd,
      );
    },
    followLog: (runId, taskId, from, onChunk, onEnd, target) =>
      follow(
        () => host.runLogFollow({ runId, taskId, from, ...on(target) }),
        (event) => {
          if (event.type === 'log') onChunk(event.chunk);
        },
        onEnd,
      ),
  };
}

export function pollingWatcher(host: HostApi, intervalMs = 400): RunWatcher {
  const loop = (step: () => Promise<boolean>, onEnd?: (reason?: string) => void) => {
    let stopped = false;
    const tick = async (): Promise<void> => {
      while (!stopped) {
        let done: boolean;
        try {
          done = await step();
        } catch (error) {
          return onEnd?.((error as Error).message);
        }
        if (done) return onEnd?.();
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    };
    void tick();
    return () => {
      stopped = true;
    };
  };
  return {
    watchRun: (runId, onSnapshot, onEnd, target) => {
      let revision = -1;
      return loop(async () => {
        const result = await host.runGet({ runId, ...on(target) });
        if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
        const run = result.value.run;
        if (run.revision > revision || isTerminalRun(run.state)) {
          revision = run.revision;
          onSnapshot(run);
        }
        return isTerminalRun(run.state);
      }, onEnd);
    },
    followLog: (runId, taskId, from, onChunk, onEnd, target) => {
      let offset = from;
      return loop(async () => {
        const chunk = await host.runLogRead({ runId, taskId, from: offset, ...on(target) });
        if (!chunk.ok) throw new Error(`${chunk.error.code} ${chunk.error.message}`);
        if (chunk.value.text) {
          offset = chunk.value.offset;
          onChunk(chunk.value);
          return false;
        }
        const run = await host.runGet({ runId, ...on(target) });
        if (!run.ok) throw new Error(run.error.message);
        const task = run.value.run.tasks.find((t) => t.id === taskId);
        return !task || isTerminalRun(run.value.run.state) || (isTerminalTask(task.state) && task.state !== 'pending');
      }, onEnd);
    },
  };
}

export const RunWatcherContext = createContext<RunWatcher | null>(null);

export function useRunWatcher(): RunWatcher {
  const watcher = useContext(RunWatcherContext);
  if (!watcher) throw new Error('useRunWatcher needs a RunWatcherContext provider');
  return watcher;
}

// Watching by polling: reads a snapshot, calls the listener when it changed, and waits; after a failure (the
// network went away) it keeps trying with growing pauses and carries on where it was once the cluster answers.
import type { RunSnapshot, Unsubscribe } from '../../../../shared/runtime/runtime';
import { isTerminalRun } from '../../../../shared/runtime/runtime';

export interface PollOptions {
  /** Pause between reads while all is well. */
  intervalMs: number;
  /** The longest pause after repeated failures. */
  maxBackoffMs: number;
  /** Told about each failure (the watch goes on) and about recovery (`undefined`). */
  onProblem?: (error: unknown | undefined) => void;
}

function fingerprint(snapshot: RunSnapshot): string {
  return JSON.stringify({ ...snapshot, revision: 0 });
}

export function pollRun(read: () => Promise<RunSnapshot>, listener: (snapshot: RunSnapshot) => void, options: PollOptions): Unsubscribe {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  let failures = 0;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    let delay = options.intervalMs;
    try {
      const snapshot = await read();
      if (stopped) return;
      if (failures > 0) options.onProblem?.(undefined);
      failures = 0;
      const print = fingerprint(snapshot);
      if (print !== last) {
        last = print;
        listener(snapshot);
      }
      if (isTerminalRun(snapshot.state)) {
        stopped = true;
        return;
      }
    } catch (error) {
      if (stopped) return;
      failures += 1;
      options.onProblem?.(error);
      delay = Math.min(options.maxBackoffMs, options.intervalMs * 2 ** Math.min(failures, 10));
    }
    timer = setTimeout(() => void tick(), delay);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

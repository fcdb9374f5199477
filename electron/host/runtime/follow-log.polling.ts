// Following a task's log on a cluster by reading it again every few seconds from where the last read ended,
// until the task has finished. A failed read is tried again at the next step.
import type { LogChunk, Runtime, Unsubscribe } from '../../../shared/runtime/runtime';
import { isTerminalTask } from '../../../shared/runtime/runtime';

export function followLogByPolling(
  runtime: Pick<Runtime, 'getRun' | 'readLog'>,
  runId: string,
  taskId: string,
  onChunk: (chunk: LogChunk) => void,
  pollMs = 2000,
): Unsubscribe {
  let offset = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = async (): Promise<void> => {
    try {
      const run = await runtime.getRun(runId);
      const task = run.tasks.find((item) => item.id === taskId);
      const chunk = await runtime.readLog(runId, taskId, offset);
      if (stopped) return;
      if (chunk.text) onChunk(chunk);
      offset = chunk.offset;
      if (task && isTerminalTask(task.state)) return;
    } catch {
      /* tried again at the next step */
    }
    if (!stopped) timer = setTimeout(() => void step(), pollMs);
  };
  void step();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

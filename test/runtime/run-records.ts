// A run record as a KFP Studio process leaves it while a step runs, written straight into a data folder, for tests of
// what a later process does with it (restart, terminate).
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { RunStore, type RunOwner, type RunRecord } from '../../electron/host/runtime/local/run-store';
import type { ExecutionInfo } from '../../shared/runtime/runtime';

export async function writeRunningRecord(
  dataDir: string,
  runId: string,
  options: { owner: Omit<RunOwner, 'hostname'>; processes: RunRecord['processes']; execution?: ExecutionInfo },
): Promise<void> {
  const store = new RunStore(dataDir);
  await store.init();
  await store.createRunDir(runId);
  const now = new Date().toISOString();
  await store.writeRecord({
    version: 1,
    run: {
      id: runId,
      experimentId: 'default',
      displayName: runId,
      pipelineName: 'sleepy',
      state: 'running',
      createdAt: now,
      startedAt: now,
      parameters: {},
      execution: options.execution ?? { mode: 'host', reason: 'test' },
      tasks: Object.keys(options.processes).map((id) => ({ id, name: id, displayName: id, kind: 'container' as const, state: 'running' as const, startedAt: now, attempts: 1, hasLog: false })),
      revision: 1,
    },
    owner: { ...options.owner, hostname: hostname() },
    enableCaching: false,
    processes: options.processes,
  });
}

/** An unrelated program (a `sleep` leading its own process group, as shells and daemons do) a stale record may name. */
export function unrelatedProcess(): ChildProcess & { pid: number } {
  const child = spawn('sleep', ['300'], { stdio: 'ignore', detached: true });
  if (child.pid === undefined) throw new Error('could not start sleep');
  return child as ChildProcess & { pid: number };
}

/** A pid that no process has now (a process that ran and ended). */
export async function endedPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

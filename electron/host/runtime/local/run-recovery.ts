// Runs a KFP Studio process left unfinished (it crashed, or was killed): its owner and its steps' processes are
// identified by pid and start (process-identity.ts) before anything is signalled, so a pid reused by an unrelated
// program is never killed, and a run whose owner is gone is marked interrupted with what was and was not stopped.
import { hostname } from 'node:os';
import { isTerminalTask } from '../../../../shared/runtime/runtime';
import { findOnPath, removeRunContainers } from './container-engine';
import { identifyProcess, matchProcess, type ProcessIdentity } from './process-identity';
import type { RunOwner, RunRecord, RunStore } from './run-store';
import { stopGroup } from './task-process';

let self: RunOwner | undefined;

/** This process as the owner of the runs it starts. */
export function thisOwner(): RunOwner {
  self ??= { ...identifyProcess(process.pid), hostname: hostname() };
  return { ...self };
}

/** Is the run's owner a KFP Studio process running now (this one or another), identified by pid and start? */
export function ownerRunning(record: RunRecord): boolean {
  const owner = record.owner;
  return !!owner && owner.hostname === hostname() && matchProcess(owner) === 'same';
}

function pidOf(entry: ProcessIdentity | number): number {
  return typeof entry === 'number' ? entry : entry.pid;
}

/**
 * Marks a run whose owner is gone as interrupted: stops the step processes that are still the ones recorded, leaves
 * alone any pid that now belongs to another program (and says so), removes the run's leftover containers.
 */
export async function interruptOrphan(store: RunStore, record: RunRecord): Promise<void> {
  const notes: string[] = [];
  for (const [taskId, entry] of Object.entries(record.processes)) {
    const match = matchProcess(entry);
    if (match === 'same') await stopGroup(pidOf(entry), 500);
    else if (match !== 'gone') {
      const why = match === 'other' ? 'that pid now belongs to another program' : 'it could not be identified as that step';
      notes.push(`process ${pidOf(entry)} recorded for step "${taskId}" was left running: ${why}`);
    }
  }
  const mode = record.run.execution.mode;
  if (mode === 'docker' || mode === 'podman') {
    const binary = findOnPath(mode);
    const removed = binary ? await removeRunContainers({ mode, binary, reason: '' }, record.run.id).catch(() => 0) : 0;
    if (removed) notes.push(`${removed} leftover container(s) of the run were removed`);
  }
  const owner = record.owner;
  const ownerNote = owner && owner.hostname === hostname() && matchProcess(owner) !== 'gone' ? ` (the pid it had, ${owner.pid}, now belongs to another program)` : '';
  const time = new Date().toISOString();
  for (const task of record.run.tasks) {
    if (!isTerminalTask(task.state)) {
      task.state = 'cancelled';
      task.finishedAt = time;
      if (task.startedAt) task.error = { message: 'The app stopped while this task was running.' };
    }
  }
  record.run.state = 'interrupted';
  record.run.finishedAt = time;
  record.run.error = `The app stopped while this run was running${ownerNote}; retry it to run what did not finish.${notes.length ? ` Note: ${notes.join('; ')}.` : ''}`;
  record.run.revision += 1;
  record.processes = {};
  delete record.owner;
  await store.writeRecord(record);
}

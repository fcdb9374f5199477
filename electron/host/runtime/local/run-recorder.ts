// The live state of one run: task snapshots updated by the engine, delivered to watchers (coalesced per tick) and
// written to run.json (at most every `persistMs`, and at once when the run ends).
import type { RunSnapshot, TaskSnapshot } from '../../../../shared/runtime/runtime';
import type { ProcessIdentity } from './process-identity';
import type { RunRecord, RunStore } from './run-store';

export class RunRecorder {
  private readonly index = new Map<string, TaskSnapshot>();
  private readonly listeners = new Set<(snapshot: RunSnapshot) => void>();
  private emitScheduled = false;
  private persistTimer: NodeJS.Timeout | undefined;
  private persisting: Promise<void> = Promise.resolve();

  constructor(
    readonly record: RunRecord,
    private readonly store: RunStore,
    private readonly persistMs = 100,
  ) {
    for (const task of record.run.tasks) this.index.set(task.id, task);
  }

  get run(): RunSnapshot {
    return this.record.run;
  }

  task(id: string): TaskSnapshot | undefined {
    return this.index.get(id);
  }

  /** Adds a task (or returns the one with that id, kept from an earlier attempt of the run). */
  ensureTask(task: Omit<TaskSnapshot, 'state' | 'attempts' | 'hasLog'>): TaskSnapshot {
    const existing = this.index.get(task.id);
    if (existing) return existing;
    const created: TaskSnapshot = { ...task, state: 'pending', attempts: 0, hasLog: false };
    this.run.tasks.push(created);
    this.index.set(created.id, created);
    this.changed();
    return created;
  }

  updateTask(id: string, patch: Partial<TaskSnapshot>): void {
    const task = this.index.get(id);
    if (!task) return;
    Object.assign(task, patch);
    for (const key of Object.keys(patch) as (keyof TaskSnapshot)[]) if (patch[key] === undefined) delete task[key];
    this.changed();
  }

  updateRun(patch: Partial<RunSnapshot>): void {
    Object.assign(this.run, patch);
    this.changed();
  }

  setProcess(taskId: string, process: ProcessIdentity | undefined): void {
    if (process === undefined) delete this.record.processes[taskId];
    else this.record.processes[taskId] = process;
    this.schedulePersist();
  }

  subscribe(listener: (snapshot: RunSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.copy());
    return () => this.listeners.delete(listener);
  }

  copy(): RunSnapshot {
    return structuredClone(this.run);
  }

  private changed(): void {
    this.run.revision += 1;
    if (!this.emitScheduled && this.listeners.size > 0) {
      this.emitScheduled = true;
      setImmediate(() => {
        this.emitScheduled = false;
        const snapshot = this.copy();
        for (const listener of this.listeners) listener(snapshot);
      });
    }
    this.schedulePersist();
  }

  private schedulePersist(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      void this.persist();
    }, this.persistMs);
  }

  private persist(): Promise<void> {
    this.persisting = this.persisting.then(() => this.store.writeRecord(this.record)).catch(() => undefined);
    return this.persisting;
  }

  /** Writes now and delivers the final snapshot; watchers are dropped. */
  async finish(): Promise<void> {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    await this.persist();
    const snapshot = this.copy();
    for (const listener of this.listeners) listener(snapshot);
    this.listeners.clear();
  }

  async flush(): Promise<void> {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    await this.persist();
  }
}

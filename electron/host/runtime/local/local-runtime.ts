// The embedded runtime: executes compiled KFP pipelines on this machine under a data folder (layout in
// run-store.ts), in containers when Docker or Podman answers, otherwise on the host. Runs outlive the instance on
// disk: a new instance lists them again, and marks runs left running by a dead process as interrupted.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { KfsError } from '../../../../shared/errors/codes';
import { resolveRunParameters } from '../../../../shared/runtime/parameter-value';
import { parsePipelineIr, type PipelineIr } from '../../../../shared/runtime/pipeline-ir.parse';
import {
  isTerminalRun,
  isTerminalTask,
  queryRuns,
  type ArtifactEntry,
  type Experiment,
  type LogChunk,
  type RunPage,
  type RunPageQuery,
  type RunQuery,
  type RunSnapshot,
  type Runtime,
  type SubmitRequest,
  type Unsubscribe,
} from '../../../../shared/runtime/runtime';
import { pageOfRuns } from '../../../../shared/runtime/run-page';
import { detectExecution, removeRunContainers, type DetectedExecution, type ExecutionChoice } from './container-engine';
import { runNetwork } from './run-network';
import { describeArtifact, fileInsideArtifact, readArtifactFile } from './artifact-files';
import { declareTasks, runDag } from './dag-runner';
import type { EngineContext } from './engine-context';
import { RunRecorder } from './run-recorder';
import { RunStore, newRunId, type RunRecord } from './run-store';
import { Semaphore } from './semaphore';
import { readLogChunk } from './log-reader';
import { interruptOrphan, ownerRunning, thisOwner } from './run-recovery';
import type { StartedStep } from './task-process';

export interface LocalRuntimeOptions {
  dataDir: string;
  /** Steps running at once per run; default: the number of CPUs, at least 2. */
  concurrency?: number;
  execution?: ExecutionChoice;
  /** Decided execution (tests and callers that detected already); skips detection. */
  detected?: DetectedExecution;
}

interface ActiveRun {
  recorder: RunRecorder;
  abort: AbortController;
  running: Map<string, StartedStep>;
  done: Promise<void>;
}

export const DEFAULT_EXPERIMENT: Experiment = { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' };

function notFound(what: string): KfsError {
  return new KfsError('KFS802', what);
}

export class LocalRuntime implements Runtime {
  readonly kind = 'local' as const;
  private readonly active = new Map<string, ActiveRun>();
  private kfpCheck: Promise<boolean> | undefined;
  private closed = false;

  private constructor(
    readonly store: RunStore,
    readonly execution: DetectedExecution,
    private readonly concurrency: number,
  ) {}

  /** Opens the data folder: detects how steps run and marks runs left running by a dead process as interrupted. */
  static async open(options: LocalRuntimeOptions): Promise<LocalRuntime> {
    const store = new RunStore(path.resolve(options.dataDir));
    await store.init();
    const execution = options.detected ?? (await detectExecution(options.execution ?? 'auto'));
    const cpus = (await import('node:os')).availableParallelism?.() ?? 2;
    const runtime = new LocalRuntime(store, execution, Math.max(1, options.concurrency ?? Math.max(2, cpus)));
    await runtime.recoverInterrupted();
    return runtime;
  }

  private async recoverInterrupted(): Promise<void> {
    for (const id of await this.store.listRunIds()) {
      const record = await this.store.readRecord(id);
      if (!record || isTerminalRun(record.run.state) || ownerRunning(record)) continue;
      await interruptOrphan(this.store, record);
    }
  }

  private kfpAvailable(): Promise<boolean> {
    this.kfpCheck ??= new Promise((resolve) => {
      const child = spawn('python3', ['-c', 'import kfp'], { stdio: 'ignore' });
      child.on('error', () => resolve(false));
      child.on('close', (code) => resolve(code === 0));
    });
    return this.kfpCheck;
  }

  async submit(request: SubmitRequest): Promise<string> {
    if (this.closed) throw new KfsError('KFS804', 'The local runtime was closed.');
    const ir = parsePipelineIr(request.pipeline);
    const parameters = resolveRunParameters(ir.root.inputs.parameters, request.parameters ?? {});
    const required = Object.entries(ir.root.inputs.artifacts).filter(([, def]) => !def.isOptional);
    if (required.length) {
      throw new KfsError('KFS801', `The pipeline needs input artifacts (${required.map(([n]) => n).join(', ')}); the local runtime cannot take them yet.`);
    }
    const experimentId = request.experimentId ?? DEFAULT_EXPERIMENT.id;
    if (experimentId !== DEFAULT_EXPERIMENT.id && !(await this.store.readExperiments()).some((e) => e.id === experimentId)) {
      throw notFound(`There is no experiment "${experimentId}".`);
    }
    const created = new Date();
    const runId = newRunId(created);
    await this.store.createRunDir(runId);
    await this.store.writeJson(path.join(this.store.runDir(runId), 'pipeline.json'), ir.spec);
    const run: RunSnapshot = {
      id: runId,
      experimentId,
      displayName: request.displayName ?? `${ir.name} ${created.toISOString().slice(0, 19).replace('T', ' ')}`,
      pipelineName: ir.name,
      state: 'pending',
      createdAt: created.toISOString(),
      parameters,
      execution: { mode: this.execution.mode, reason: this.execution.reason },
      tasks: [],
      revision: 0,
      ...(request.sourcePath !== undefined ? { sourcePath: request.sourcePath } : {}),
    };
    const record: RunRecord = { version: 1, run, owner: thisOwner(), enableCaching: request.enableCaching !== false, processes: {} };
    this.start(ir, record);
    await this.active.get(runId)?.recorder.flush();
    return runId;
  }

  private start(ir: PipelineIr, record: RunRecord): void {
    const recorder = new RunRecorder(record, this.store);
    const abort = new AbortController();
    const running = new Map<string, StartedStep>();
    const ctx: EngineContext = {
      ir,
      runId: record.run.id,
      store: this.store,
      recorder,
      execution: this.execution,
      slots: new Semaphore(this.concurrency),
      signal: abort.signal,
      enableCaching: record.enableCaching,
      job: {
        name: ir.name,
        id: record.run.id,
        resourceName: record.run.id,
        createTimeUtc: record.run.createdAt,
        pipelineRoot: this.store.runDir(record.run.id),
        workspacePath: this.store.workspaceDir(record.run.id),
      },
      kfpAvailable: () => this.kfpAvailable(),
      running,
      images: new Map(),
      network: runNetwork(this.execution, record.run.id),
      removals: new Set(),
    };
    declareTasks(ctx, ir.root.dag!, undefined);
    recorder.updateRun({ state: 'running', startedAt: record.run.startedAt ?? new Date().toISOString() });
    const done = (async () => {
      let state: RunSnapshot['state'];
      let error: string | undefined;
      try {
        const result = await runDag(ctx, ir.root.dag!, { parameters: record.run.parameters, artifacts: {} }, undefined);
        state = abort.signal.aborted ? 'cancelled' : result.state;
        recorder.updateRun({ outputs: result.outputs });
        error = result.error;
      } catch (caught) {
        state = 'failed';
        error = caught instanceof Error ? caught.message : String(caught);
      }
      // A finished run leaves no containers: the ones still being removed (off each step's path) are waited for.
      await Promise.all([...ctx.removals, ctx.network.dispose()]);
      // One sweep by the run's label for what a removal could not do at once (Podman still cleaning a container up).
      if (this.execution.mode !== 'host') await removeRunContainers(this.execution, record.run.id).catch(() => 0);
      record.processes = {};
      delete record.owner;
      recorder.updateRun({ state, finishedAt: new Date().toISOString(), ...(error && state !== 'succeeded' ? { error } : { error: undefined }) });
      if (record.run.error === undefined) delete record.run.error;
      await recorder.finish();
      this.active.delete(record.run.id);
    })();
    this.active.set(record.run.id, { recorder, abort, running, done });
  }

  /** Resolves when the run has ended (immediately for a finished run). */
  async waitForRun(runId: string): Promise<RunSnapshot> {
    await this.active.get(runId)?.done;
    return this.getRun(runId);
  }

  async getRun(runId: string): Promise<RunSnapshot> {
    const active = this.active.get(runId);
    if (active) return active.recorder.copy();
    const record = await this.store.readRecord(runId);
    if (!record) throw notFound(`There is no run "${runId}".`);
    return record.run;
  }

  async getPipeline(runId: string): Promise<{ [key: string]: unknown }> {
    await this.getRun(runId);
    const spec = await this.store.readJson<{ [key: string]: unknown }>(path.join(this.store.runDir(runId), 'pipeline.json'));
    if (!spec) throw notFound(`Run ${runId} has lost its pipeline file.`);
    return spec;
  }

  watch(runId: string, listener: (snapshot: RunSnapshot) => void): Unsubscribe {
    const active = this.active.get(runId);
    if (active) return active.recorder.subscribe(listener);
    let cancelled = false;
    void this.getRun(runId).then(
      (run) => {
        if (!cancelled) listener(run);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }

  private async taskOf(runId: string, taskId: string) {
    const run = await this.getRun(runId);
    const task = run.tasks.find((t) => t.id === taskId);
    if (!task) throw notFound(`Run ${runId} has no task "${taskId}".`);
    return { run, task };
  }

  async readLog(runId: string, taskId: string, from = 0): Promise<LogChunk> {
    await this.taskOf(runId, taskId);
    return readLogChunk(this.store.logFile(runId, taskId), from);
  }

  followLog(runId: string, taskId: string, onChunk: (chunk: LogChunk) => void): Unsubscribe {
    let offset = 0;
    let stopped = false;
    const tick = async (): Promise<void> => {
      while (!stopped) {
        let chunk: LogChunk;
        let task;
        try {
          ({ task } = await this.taskOf(runId, taskId));
          chunk = await this.readLog(runId, taskId, offset);
        } catch {
          return;
        }
        if (chunk.text) {
          offset = chunk.offset;
          onChunk(chunk);
          continue;
        }
        if (isTerminalTask(task.state) && task.state !== 'pending') return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    void tick();
    return () => {
      stopped = true;
    };
  }

  async listArtifacts(runId: string): Promise<ArtifactEntry[]> {
    const run = await this.getRun(runId);
    const entries: ArtifactEntry[] = [];
    for (const task of run.tasks) {
      if (task.kind !== 'container' && task.kind !== 'importer') continue;
      for (const [output, list] of Object.entries(task.outputs?.artifacts ?? {})) {
        for (const artifact of list) {
          entries.push({ taskId: task.id, output, artifact, ...(await describeArtifact(artifact.uri)) });
        }
      }
    }
    return entries;
  }

  async readArtifact(runId: string, taskId: string, output: string, options: { path?: string; maxBytes?: number } = {}): Promise<Uint8Array> {
    const { task } = await this.taskOf(runId, taskId);
    const artifact = task.outputs?.artifacts[output]?.[0];
    if (!artifact) throw notFound(`Task ${taskId} has no output artifact "${output}".`);
    const file = options.path ? await fileInsideArtifact(artifact.uri, options.path) : artifact.uri;
    return (await readArtifactFile(file, options.path ?? output, options.maxBytes)).bytes;
  }

  /**
   * Stops a run of this instance. A run recorded as running by another KFP Studio process that is running now is
   * refused (KFS814: stop it there); one whose process is gone (or whose pid was reused) is marked interrupted.
   */
  async terminate(runId: string): Promise<void> {
    const active = this.active.get(runId);
    if (!active) {
      await this.getRun(runId);
      const record = await this.store.readRecord(runId);
      if (!record || isTerminalRun(record.run.state)) return;
      if (ownerRunning(record)) {
        throw new KfsError('KFS814', `Run ${runId} is run by another KFP Studio process (pid ${record.owner?.pid}); stop it from there, or quit that app.`);
      }
      await interruptOrphan(this.store, record);
      return;
    }
    active.abort.abort();
    await Promise.all([...active.running.values()].map((step) => step.stop()));
    await active.done;
    if (this.execution.mode !== 'host') await removeRunContainers(this.execution, runId).catch(() => 0);
  }

  async retry(runId: string): Promise<void> {
    if (this.active.has(runId)) throw new KfsError('KFS804', `Run ${runId} is still running.`);
    const record = await this.store.readRecord(runId);
    if (!record) throw notFound(`There is no run "${runId}".`);
    if (record.run.state === 'succeeded') throw new KfsError('KFS804', `Run ${runId} succeeded: there is nothing to retry.`);
    const ir = parsePipelineIr(await this.getPipeline(runId));
    for (const task of record.run.tasks) {
      const keep = (task.kind === 'container' || task.kind === 'importer') && (task.state === 'succeeded' || task.state === 'cached');
      if (keep) continue;
      task.state = 'pending';
      delete task.finishedAt;
      delete task.startedAt;
      delete task.error;
      delete task.skipReason;
    }
    record.run.state = 'pending';
    delete record.run.finishedAt;
    delete record.run.error;
    record.owner = thisOwner();
    record.processes = {};
    this.start(ir, record);
    await this.active.get(runId)?.recorder.flush();
  }

  async listRunsPage(query: RunPageQuery): Promise<RunPage> {
    return pageOfRuns(await this.listRuns(), query);
  }

  async listRuns(query: RunQuery = {}): Promise<RunSnapshot[]> {
    const runs: RunSnapshot[] = [];
    for (const id of await this.store.listRunIds()) {
      const active = this.active.get(id);
      if (active) runs.push(active.recorder.copy());
      else {
        const record = await this.store.readRecord(id);
        if (record) runs.push(record.run);
      }
    }
    return queryRuns(runs, query);
  }

  async listExperiments(): Promise<Experiment[]> {
    return [DEFAULT_EXPERIMENT, ...(await this.store.readExperiments())];
  }

  async createExperiment(name: string, description?: string): Promise<Experiment> {
    const trimmed = name.trim();
    if (!trimmed) throw new KfsError('KFS701', 'An experiment needs a name.');
    const experiments = await this.store.readExperiments();
    if ([DEFAULT_EXPERIMENT, ...experiments].some((e) => e.name === trimmed)) {
      throw new KfsError('KFS302', `There is already an experiment named "${trimmed}".`);
    }
    const experiment: Experiment = { id: randomUUID(), name: trimmed, ...(description ? { description } : {}), createdAt: new Date().toISOString() };
    await this.store.writeExperiments([...experiments, experiment]);
    return experiment;
  }

  /** Stops every run this instance is running (marked cancelled) and waits for them to be written. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.active.keys()].map((id) => this.terminate(id)));
  }
}

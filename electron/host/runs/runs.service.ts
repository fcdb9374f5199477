// The runs host service over the embedded local runtime: submit a document (compiled here) or compiled IR, list,
// read, watch (subscriptions delivered by the binding), logs, artifact previews, terminate, retry, experiments.
// The runtime is opened on first use, so creating the host services stays cheap and side-effect free.
import { lstat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import { DEFAULT_ARTIFACT_PREVIEW_BYTES, type RunEvent } from '../../../shared/host-api/run.calls';
import { importIrObjects } from '../../../shared/import/ir.import';
import type { PipelineDocument } from '../../../shared/model/document';
import { parseDocument } from '../../../shared/model/document.parse';
import { isTerminalRun, isTerminalTask, type RunPage, type RunPageQuery, type RunQuery, type RunSnapshot } from '../../../shared/runtime/runtime';
import type { RuntimeTuning } from '../clusters/profile-runtime';
import type { ProfileStore } from '../clusters/profile-store';
import type { DetectedExecution, ExecutionChoice } from '../runtime/local/container-engine';
import { LocalRuntime } from '../runtime/local/local-runtime';
import { ClusterRuns } from './cluster-runs.service';
import { RunEventHub, type Emit } from './run-event-hub';
import { buildOrRefuse, decodePreview, type ArtifactPreview, type SubmitInput } from './run-input';
import { RunTargets } from './run-targets';

export { decodePreview, type ArtifactPreview, type SubmitInput };

export interface RunsServiceOptions {
  /** The app's data folder; runs live under it (layout in electron/host/runtime/local/run-store.ts). */
  dataDir: string;
  execution?: ExecutionChoice;
  /** Decided execution (tests); skips detection. */
  detected?: DetectedExecution;
  concurrency?: number;
  /** How often a followed log is read again while its task runs. */
  logPollMs?: number;
  /** Cluster runtimes' retries and poll pauses (tests make them short). */
  clusterTuning?: RuntimeTuning;
}

const DOCUMENT_FILE = 'document.json';

export class RunsService {
  readonly events = new RunEventHub();
  private opened: Promise<LocalRuntime> | undefined;
  private clusterSide: { targets: RunTargets; runs: ClusterRuns } | undefined;

  constructor(private readonly options: RunsServiceOptions) {}

  /**
   * Lets run calls name a cluster profile of `store` as their target. Answers the store to give every other user of
   * the profiles (the cluster calls): removing a profile or replacing its secret through it retires the kept runtime.
   */
  connectProfiles(store: ProfileStore): ProfileStore {
    const previous = this.clusterSide;
    if (previous) void previous.targets.close();
    const targets = new RunTargets(store, this.options.clusterTuning);
    this.clusterSide = { targets, runs: new ClusterRuns(targets, this.events, this.options.dataDir, this.options.clusterTuning) };
    return targets.tracking(store);
  }

  /** The runs of cluster targets; KFS913 when no profiles were connected (a host without cluster profiles). */
  get clusters(): ClusterRuns {
    if (!this.clusterSide) throw new KfsError('KFS913', 'This host has no cluster profiles: runs go to this computer only (leave the target empty).', { field: 'target' });
    return this.clusterSide.runs;
  }

  runtime(): Promise<LocalRuntime> {
    this.opened ??= LocalRuntime.open({
      dataDir: this.options.dataDir,
      ...(this.options.execution ? { execution: this.options.execution } : {}),
      ...(this.options.detected ? { detected: this.options.detected } : {}),
      ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
    });
    return this.opened;
  }

  async info(): Promise<{ kind: string; execution: { mode: LocalRuntime['execution']['mode']; reason: string } }> {
    const runtime = await this.runtime();
    return { kind: runtime.kind, execution: { mode: runtime.execution.mode, reason: runtime.execution.reason } };
  }

  async submit(input: SubmitInput): Promise<string> {
    const runtime = await this.runtime();
    let pipeline: string | { [key: string]: unknown };
    if (input.document) {
      pipeline = buildOrRefuse(input.document, 'ir').pipelineSpec;
    } else if (input.pipelineText) pipeline = input.pipelineText;
    else if (input.pipelineVersion) {
      throw new KfsError('KFS914', 'An uploaded pipeline version runs only on the KFP cluster it was uploaded to: choose that cluster profile as the target, or run the document on this computer.', { field: 'pipelineVersion' });
    } else throw new KfsError('KFS701', 'Give a pipeline document or compiled pipeline text to run.');
    const runId = await runtime.submit({
      pipeline,
      ...(input.parameters ? { parameters: input.parameters } : {}),
      ...(input.experimentId ? { experimentId: input.experimentId } : {}),
      ...(input.displayName ? { displayName: input.displayName } : {}),
      ...(input.enableCaching !== undefined ? { enableCaching: input.enableCaching } : {}),
      ...(input.sourcePath ? { sourcePath: input.sourcePath } : {}),
    });
    if (input.document) await writeFile(path.join(runtime.store.runDir(runId), DOCUMENT_FILE), JSON.stringify(input.document));
    return runId;
  }

  async list(query: RunQuery): Promise<RunSnapshot[]> {
    return (await this.runtime()).listRuns(query);
  }

  async page(query: RunPageQuery): Promise<RunPage> {
    return (await this.runtime()).listRunsPage(query);
  }

  /** The run and the document to draw it with: the one submitted, else one imported from its compiled pipeline. */
  async get(runId: string): Promise<{ run: RunSnapshot; document?: PipelineDocument }> {
    const runtime = await this.runtime();
    const run = await runtime.getRun(runId);
    const file = path.join(runtime.store.runDir(runId), DOCUMENT_FILE);
    const saved = await readFile(file, 'utf8').catch(() => undefined);
    if (saved !== undefined) {
      try {
        return { run, document: parseDocument(saved, { file: `${runId}/${DOCUMENT_FILE}` }) };
      } catch {
        // An unreadable copy falls through to importing the compiled pipeline.
      }
    }
    try {
      return { run, document: importIrObjects([await runtime.getPipeline(runId)]) };
    } catch {
      return { run };
    }
  }

  /** Snapshots of a run until it ends (then `end`). */
  watch(runId: string): string {
    return this.events.create((emit) => {
      let stop: (() => void) | undefined;
      let stopped = false;
      void this.runtime().then(
        (runtime) => {
          if (stopped) return;
          let sent = -1;
          stop = runtime.watch(runId, (snapshot) => {
            if (snapshot.revision <= sent && !isTerminalRun(snapshot.state)) return;
            sent = snapshot.revision;
            emit({ type: 'snapshot', snapshot });
            if (isTerminalRun(snapshot.state)) emit({ type: 'end', reason: `The run ${snapshot.state}.` });
          });
          // A run that does not exist never calls back: say so.
          runtime.getRun(runId).catch((error: unknown) => emit({ type: 'end', reason: (error as Error).message }));
        },
        (error: unknown) => emit({ type: 'end', reason: (error as Error).message }),
      );
      return () => {
        stopped = true;
        stop?.();
      };
    });
  }

  /** A task's log from `from` as it grows; `end` once the task has finished and everything was sent. */
  followLog(runId: string, taskId: string, from = 0): string {
    return this.events.create((emit) => {
      let stopped = false;
      void this.pumpLog(runId, taskId, from, emit, () => stopped);
      return () => {
        stopped = true;
      };
    });
  }

  private async pumpLog(runId: string, taskId: string, from: number, emit: Emit, stopped: () => boolean): Promise<void> {
    const poll = this.options.logPollMs ?? 150;
    let offset = from;
    try {
      const runtime = await this.runtime();
      while (!stopped()) {
        const run = await runtime.getRun(runId);
        const task = run.tasks.find((t) => t.id === taskId);
        if (!task) throw new KfsError('KFS802', `Run ${runId} has no task "${taskId}".`);
        const chunk = await runtime.readLog(runId, taskId, offset);
        if (chunk.text) {
          offset = chunk.offset;
          emit({ type: 'log', chunk });
          continue;
        }
        if ((isTerminalTask(task.state) && task.state !== 'pending') || isTerminalRun(run.state)) {
          emit({ type: 'end', reason: `The task ${task.state}.` });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, poll));
      }
    } catch (error) {
      emit({ type: 'end', reason: (error as Error).message });
    }
  }

  async readArtifact(request: { runId: string; taskId: string; output: string; path?: string; maxBytes?: number }): Promise<ArtifactPreview> {
    const runtime = await this.runtime();
    const max = request.maxBytes ?? DEFAULT_ARTIFACT_PREVIEW_BYTES;
    const bytes = await runtime.readArtifact(request.runId, request.taskId, request.output, { ...(request.path ? { path: request.path } : {}), maxBytes: max + 1 });
    const truncated = bytes.length > max;
    const shown = truncated ? bytes.subarray(0, max) : bytes;
    const { text, binary } = decodePreview(shown);
    const run = await runtime.getRun(request.runId);
    const uri = run.tasks.find((t) => t.id === request.taskId)?.outputs?.artifacts[request.output]?.[0]?.uri;
    const size = uri ? await lstat(request.path ? path.resolve(uri, request.path) : uri).then((s) => s.size, () => undefined) : undefined;
    return { text, bytes: shown.length, truncated, binary, ...(size !== undefined ? { size } : {}) };
  }

  async close(): Promise<void> {
    this.events.closeAll();
    await this.clusterSide?.targets.close();
    if (this.opened) await (await this.opened).close();
  }
}

export type { RunEvent };

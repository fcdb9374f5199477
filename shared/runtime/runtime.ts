// The contract every runtime (local, KFP, Argo) implements and the UI uses: submit a compiled pipeline, watch its
// runs, read logs and artifacts, terminate, retry, list runs and experiments. Types and small pure helpers only.
import type { JsonValue } from '../model/document';

export type RunState = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type TaskState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cached' | 'cancelled';

/** What a task is in the IR: an executor (container or importer), a nested DAG, a loop, or one loop iteration. */
export type TaskKind = 'container' | 'importer' | 'dag' | 'loop' | 'iteration';

/** Where a runtime runs the steps. `host` ignores the image and runs the step's command on this machine. */
export type ExecutionMode = 'host' | 'docker' | 'podman' | 'cluster';

export interface ExecutionInfo {
  mode: ExecutionMode;
  /** Why this mode: shown to people as is ("Docker is installed but its engine does not answer: ..."). */
  reason: string;
}

/** One artifact as a task saw or produced it. `uri` is a local absolute path for the local runtime. */
export interface ArtifactValue {
  name: string;
  uri: string;
  schemaTitle: string;
  schemaVersion?: string;
  metadata: { [key: string]: JsonValue };
}

export interface TaskIo {
  parameters: { [name: string]: JsonValue };
  /** Each artifact input or output is a list (one element unless it is a list of artifacts). */
  artifacts: { [name: string]: ArtifactValue[] };
}

export interface TaskError {
  message: string;
  /** A KFS code when the runtime refused something (e.g. KFS803 for a placeholder); absent for a step's own failure. */
  code?: string;
  exitCode?: number;
}

export interface TaskSnapshot {
  /** Unique in the run: the path of task names, loop iterations as their index (`for-loop-1/0/print-text`). */
  id: string;
  /** The task's key in its DAG (`root.dag.tasks` or a nested component's), as the canvas names it. */
  name: string;
  /** `taskInfo.name`. */
  displayName: string;
  /** The id of the DAG, loop or iteration task holding this one; absent at the root. */
  parentId?: string;
  kind: TaskKind;
  /** `components` key. */
  componentRef?: string;
  /** For an iteration: its index in the loop. */
  iteration?: number;
  state: TaskState;
  startedAt?: string;
  finishedAt?: string;
  /** Attempts made (retries included); 0 before the first start. */
  attempts: number;
  inputs?: TaskIo;
  outputs?: TaskIo;
  error?: TaskError;
  /** Why the task was skipped (condition false, upstream failed, ...). */
  skipReason?: string;
  /** When cached: the run and task whose outputs were reused. */
  cachedFrom?: { runId: string; taskId: string };
  /** Whether the task has a log (containers have one once started). */
  hasLog: boolean;
}

export interface RunSnapshot {
  id: string;
  experimentId: string;
  /** A person's label for the run; defaults to the pipeline name and the start time. */
  displayName: string;
  pipelineName: string;
  state: RunState;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  parameters: { [name: string]: JsonValue };
  execution: ExecutionInfo;
  /** In creation order: parents before their children. */
  tasks: TaskSnapshot[];
  /** The pipeline's outputs (root `dag.outputs`) once known. */
  outputs?: TaskIo;
  /** Where the pipeline came from (a document path), as given at submit: for "clone into the editor". */
  sourcePath?: string;
  error?: string;
  /** Increases with every change; a watcher may drop a snapshot whose revision is not newer than one it has. */
  revision: number;
}

export interface Experiment {
  id: string;
  name: string;
  description?: string;
  createdAt: string;
}

export interface SubmitRequest {
  /** The compiled pipeline: IR YAML/JSON text, or the parsed PipelineSpec object. */
  pipeline: string | { [key: string]: unknown };
  parameters?: { [name: string]: JsonValue };
  /** Defaults to the runtime's default experiment. */
  experimentId?: string;
  displayName?: string;
  /** false disables caching for every task of the run (KFP's `enable_caching=False`). */
  enableCaching?: boolean;
  /** Kept with the run (RunSnapshot.sourcePath). */
  sourcePath?: string;
}

export interface RunFilter {
  experimentId?: string;
  states?: readonly RunState[];
  /** Matches the display name, pipeline name or run id, case-insensitively. */
  text?: string;
  /** The pipeline's name, exactly. */
  pipelineName?: string;
  /** Created at or after this time (ISO 8601). */
  createdAfter?: string;
  /** Created before this time (ISO 8601). */
  createdBefore?: string;
}

export type RunSortKey = 'createdAt' | 'duration' | 'displayName' | 'state';

export interface RunQuery extends RunFilter {
  sortBy?: RunSortKey;
  descending?: boolean;
}

export interface RunPageQuery extends RunQuery {
  /** Runs per page (default 50). */
  pageSize?: number;
  /** The nextPageToken of the page before; it carries that page's query (filter and order). */
  pageToken?: string;
}

export interface RunPage {
  runs: RunSnapshot[];
  nextPageToken?: string;
  /** How many runs match, when the runtime knows. */
  totalSize?: number;
}

export interface LogChunk {
  text: string;
  /** The byte offset after this chunk: pass it back as `from` to continue. */
  offset: number;
}

/** At most this many files of a folder artifact are listed in `ArtifactEntry.files`. */
export const MAX_ARTIFACT_FOLDER_FILES = 200;

/** A file inside a folder artifact: its path relative to the folder, `/`-separated, and its bytes. */
export interface ArtifactFile {
  path: string;
  size: number;
}

export interface ArtifactEntry {
  taskId: string;
  /** `outputs` artifact key. */
  output: string;
  artifact: ArtifactValue;
  /** Bytes of the file, or of every file under it when the artifact is a folder; absent when it is not local. */
  size?: number;
  isDirectory?: boolean;
  /**
   * For a folder: the files under it in path order, at most MAX_ARTIFACT_FOLDER_FILES (symbolic links are left out);
   * each can be read with `readArtifact(..., { path })`. Absent when the runtime cannot list them.
   */
  files?: ArtifactFile[];
  /** The folder holds more files than `files` lists. */
  filesTruncated?: boolean;
  /** Why the artifact (KFS813: it is a symbolic link) or part of its folder (links inside) is not shown. */
  refused?: { code: string; message: string };
}

export type Unsubscribe = () => void;

export interface Runtime {
  readonly kind: 'local' | 'kfp' | 'argo';
  /** Starts a run; resolves with its id once it is recorded (before it finishes). Refuses bad parameters (KFS801). */
  submit(request: SubmitRequest): Promise<string>;
  getRun(runId: string): Promise<RunSnapshot>;
  /** The compiled pipeline (PipelineSpec) the run executes, as submitted. */
  getPipeline(runId: string): Promise<{ [key: string]: unknown }>;
  /** Calls `listener` with the current snapshot at once, then on every change, until unsubscribed or the run ends. */
  watch(runId: string, listener: (snapshot: RunSnapshot) => void): Unsubscribe;
  /** A task's log from byte `from` (default 0). */
  readLog(runId: string, taskId: string, from?: number): Promise<LogChunk>;
  /** Streams a task's log as it grows; ends when the task has finished and everything was delivered. */
  followLog(runId: string, taskId: string, onChunk: (chunk: LogChunk) => void): Unsubscribe;
  listArtifacts(runId: string): Promise<ArtifactEntry[]>;
  /** Bytes of an artifact (a file; for a folder, `path` names a file inside it), at most `maxBytes`. */
  readArtifact(runId: string, taskId: string, output: string, options?: { path?: string; maxBytes?: number }): Promise<Uint8Array>;
  terminate(runId: string): Promise<void>;
  /** Runs failed, cancelled and skipped-because-of-failure tasks again, reusing the outputs of those that succeeded. */
  retry(runId: string): Promise<void>;
  listRuns(query?: RunQuery): Promise<RunSnapshot[]>;
  /** One page of runs (filtered and sorted as listRuns), and the token of the next page while there is one. */
  listRunsPage(query: RunPageQuery): Promise<RunPage>;
  listExperiments(): Promise<Experiment[]>;
  createExperiment(name: string, description?: string): Promise<Experiment>;
  /** Stops watching and releases resources; running runs keep running only if the runtime is remote. */
  close(): Promise<void>;
}

export const TERMINAL_RUN_STATES: readonly RunState[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];
export const TERMINAL_TASK_STATES: readonly TaskState[] = ['succeeded', 'failed', 'skipped', 'cached', 'cancelled'];

export function isTerminalRun(state: RunState): boolean {
  return TERMINAL_RUN_STATES.includes(state);
}

/**
 * Tasks of an ended run that a cluster still reports as waiting or running never will: shown as cancelled when the
 * run was cancelled, else as skipped (they never ran). The local runtime closes its tasks itself.
 */
export function settleUnfinishedTasks(tasks: TaskSnapshot[], run: RunState): TaskSnapshot[] {
  if (!isTerminalRun(run)) return tasks;
  return tasks.map((task) => {
    if (task.state === 'pending') return { ...task, state: run === 'cancelled' ? 'cancelled' : 'skipped' };
    if (task.state === 'running') return { ...task, state: 'cancelled' };
    return task;
  });
}

export function isTerminalTask(state: TaskState): boolean {
  return TERMINAL_TASK_STATES.includes(state);
}

/** A task whose outputs downstream tasks may use. */
export function taskProducedOutputs(state: TaskState): boolean {
  return state === 'succeeded' || state === 'cached';
}

/** Milliseconds between start and end (or `now` while running); undefined before the start. */
export function durationMs(item: { startedAt?: string; finishedAt?: string }, now: number = Date.now()): number | undefined {
  if (!item.startedAt) return undefined;
  const end = item.finishedAt ? Date.parse(item.finishedAt) : now;
  return Math.max(0, end - Date.parse(item.startedAt));
}

export function matchesRunFilter(run: RunSnapshot, filter: RunFilter): boolean {
  if (filter.experimentId !== undefined && run.experimentId !== filter.experimentId) return false;
  if (filter.states && filter.states.length > 0 && !filter.states.includes(run.state)) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    if (![run.displayName, run.pipelineName, run.id].some((field) => field.toLowerCase().includes(needle))) return false;
  }
  if (filter.pipelineName !== undefined && run.pipelineName !== filter.pipelineName) return false;
  const created = Date.parse(run.createdAt);
  if (filter.createdAfter !== undefined && !(created >= Date.parse(filter.createdAfter))) return false;
  if (filter.createdBefore !== undefined && !(created < Date.parse(filter.createdBefore))) return false;
  return true;
}

/** The value runs are ordered by (ties broken by id). */
export function runSortKey(run: RunSnapshot, sortBy: RunSortKey, now: number = Date.now()): string | number {
  switch (sortBy) {
    case 'createdAt':
      return run.createdAt;
    case 'duration':
      return durationMs(run, now) ?? -1;
    case 'displayName':
      return run.displayName.toLowerCase();
    case 'state':
      return run.state;
  }
}

/** Ascending order of (key, id) pairs. */
export function compareRunKeys(a: { key: string | number; id: string }, b: { key: string | number; id: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Filters and sorts runs; newest first unless asked otherwise. */
export function queryRuns(runs: readonly RunSnapshot[], query: RunQuery = {}, now: number = Date.now()): RunSnapshot[] {
  const sortBy = query.sortBy ?? 'createdAt';
  const descending = query.descending ?? sortBy === 'createdAt';
  const keyed = runs.filter((run) => matchesRunFilter(run, query)).map((run) => ({ run, key: runSortKey(run, sortBy, now), id: run.id }));
  keyed.sort((a, b) => (descending ? -compareRunKeys(a, b) : compareRunKeys(a, b)));
  return keyed.map((item) => item.run);
}

/** Counts of tasks per state, for a run's summary line. Loops and DAGs are left out: they repeat their children. */
export function countTaskStates(run: RunSnapshot): Partial<Record<TaskState, number>> {
  const counts: Partial<Record<TaskState, number>> = {};
  for (const task of run.tasks) {
    if (task.kind !== 'container' && task.kind !== 'importer') continue;
    counts[task.state] = (counts[task.state] ?? 0) + 1;
  }
  return counts;
}

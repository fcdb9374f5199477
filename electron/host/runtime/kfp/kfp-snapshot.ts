// KFP v2beta1 Run messages as RunSnapshots: states mapped, task_details turned into TaskSnapshots whose ids are the
// path of task names under the root DAG (as the canvas and the local runtime name them), tasks not started yet
// declared from the PipelineSpec so every node of the canvas has a state.
import type { JsonValue } from '../../../../shared/model/document';
import { parsePipelineIr, topologicalOrder } from '../../../../shared/runtime/pipeline-ir.parse';
import { own } from '../../../../shared/names/names';
import type { IrDag, PipelineIr } from '../../../../shared/runtime/pipeline-ir.parse';
import { matchTaskDetails, realTime } from './kfp-task-map';
import { settleUnfinishedTasks, type RunSnapshot, type RunState, type TaskKind, type TaskSnapshot, type TaskState } from '../../../../shared/runtime/runtime';

type Obj = { [key: string]: unknown };

export interface KfpTaskDetail {
  task_id?: string;
  display_name?: string;
  parent_task_id?: string;
  state?: string;
  start_time?: string;
  end_time?: string;
  create_time?: string;
  pod_name?: string;
  error?: { message?: string; code?: number };
  state_history?: { state?: string; update_time?: string }[];
  child_tasks?: { task_id?: string; pod_name?: string }[];
}

export interface KfpRun {
  run_id: string;
  display_name?: string;
  description?: string;
  experiment_id?: string;
  state?: string;
  storage_state?: string;
  created_at?: string;
  scheduled_at?: string;
  finished_at?: string;
  error?: { message?: string };
  pipeline_spec?: Obj;
  pipeline_version_reference?: { pipeline_id?: string; pipeline_version_id?: string };
  pipeline_version_id?: string;
  runtime_config?: { parameters?: { [name: string]: JsonValue }; pipeline_root?: string };
  run_details?: { task_details?: KfpTaskDetail[] };
  recurring_run_id?: string;
  state_history?: { state?: string; update_time?: string }[];
}

const RUN_STATES: Record<string, RunState> = {
  PENDING: 'pending',
  RUNNING: 'running',
  CANCELING: 'running',
  PAUSED: 'running',
  SUCCEEDED: 'succeeded',
  SKIPPED: 'succeeded',
  FAILED: 'failed',
  CANCELED: 'cancelled',
};

const TASK_STATES: Record<string, TaskState> = {
  PENDING: 'pending',
  RUNNING: 'running',
  CANCELING: 'running',
  PAUSED: 'running',
  SUCCEEDED: 'succeeded',
  SKIPPED: 'skipped',
  FAILED: 'failed',
  CANCELED: 'cancelled',
  CACHED: 'cached',
};

export function runStateOf(state: string | undefined): RunState {
  return own(RUN_STATES, state ?? '') ?? 'pending';
}

/** KFP state names for a RunState filter (the inverse of runStateOf). */
export function kfpStatesOf(state: RunState): string[] {
  return Object.entries(RUN_STATES)
    .filter(([, mapped]) => mapped === state)
    .map(([name]) => name);
}

interface Declared {
  name: string;
  displayName: string;
  kind: TaskKind;
  componentRef?: string;
  parentId?: string;
}

/** Every task of the spec by id, parents before children. */
export function declaredTasks(ir: PipelineIr): Map<string, Declared> {
  const out = new Map<string, Declared>();
  const walk = (dag: IrDag, parentId: string | undefined, seen: Set<string>): void => {
    for (const name of topologicalOrder(dag)) {
      const task = dag.tasks[name];
      if (!task) continue;
      const id = parentId ? `${parentId}/${name}` : name;
      const component = ir.components[task.componentRef];
      const executor = component?.executorLabel ? ir.executors[component.executorLabel] : undefined;
      const kind: TaskKind = task.iterator ? 'loop' : component?.dag ? 'dag' : executor?.kind === 'importer' ? 'importer' : 'container';
      out.set(id, { name, displayName: task.displayName || name, kind, componentRef: task.componentRef, ...(parentId ? { parentId } : {}) });
      if (component?.dag && !seen.has(task.componentRef)) walk(component.dag, id, new Set([...seen, task.componentRef]));
    }
  };
  if (ir.root.dag) walk(ir.root.dag, undefined, new Set());
  return out;
}

export function tryParseIr(spec: Obj | undefined): PipelineIr | undefined {
  if (!spec) return undefined;
  const inner = spec.pipeline_spec && typeof spec.pipeline_spec === 'object' ? (spec.pipeline_spec as Obj) : spec;
  try {
    return parsePipelineIr(inner);
  } catch {
    return undefined;
  }
}

export interface MappedTasks {
  tasks: TaskSnapshot[];
  /** The node id of each step's executor (its pod name where Argo names pods by node id), for the log endpoints. */
  pods: Map<string, string>;
}

export function mapTasks(details: readonly KfpTaskDetail[], ir: PipelineIr | undefined): MappedTasks {
  const declared = ir ? declaredTasks(ir) : new Map<string, Declared>();
  const tasks = new Map<string, TaskSnapshot>();
  const pods = new Map<string, string>();
  for (const [id, item] of declared) {
    tasks.set(id, { id, name: item.name, displayName: item.displayName, kind: item.kind, state: 'pending', attempts: 0, hasLog: false, ...(item.componentRef ? { componentRef: item.componentRef } : {}), ...(item.parentId ? { parentId: item.parentId } : {}) });
  }
  const names = [...declared].map(([id, item]) => ({ id, name: item.name, kind: item.kind }));
  for (const { id, detail, logNode } of matchTaskDetails(details, names)) {
    const known = tasks.get(id);
    const parentId = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined;
    const state = own(TASK_STATES, detail.state ?? '') ?? 'pending';
    const runs = (detail.state_history ?? []).filter((item) => item.state === 'RUNNING').length;
    const startedAt = realTime(detail.start_time);
    const finishedAt = state === 'running' || state === 'pending' ? undefined : realTime(detail.end_time);
    const snapshot: TaskSnapshot = {
      id,
      name: known?.name ?? detail.display_name ?? id,
      displayName: known?.displayName ?? detail.display_name ?? id,
      kind: known?.kind ?? (logNode ? 'container' : 'dag'),
      state,
      attempts: Math.max(runs, state === 'pending' ? 0 : 1),
      hasLog: Boolean(logNode) && state !== 'pending',
      ...(known?.componentRef ? { componentRef: known.componentRef } : {}),
      ...(parentId ? { parentId } : {}),
      ...(startedAt ? { startedAt } : {}),
      ...(finishedAt ? { finishedAt } : {}),
      ...(state === 'failed' && detail.error?.message ? { error: { message: detail.error.message } } : {}),
    };
    tasks.set(id, snapshot);
    if (logNode) pods.set(id, logNode);
  }
  return { tasks: [...tasks.values()], pods };
}

export function snapshotOfRun(run: KfpRun, ir: PipelineIr | undefined, pipelineName: string | undefined, revision: number): { snapshot: RunSnapshot; pods: Map<string, string> } {
  const { tasks, pods } = mapTasks(run.run_details?.task_details ?? [], ir);
  const state = runStateOf(run.state);
  // A run that ended between two reports of the persistence agent has no RUNNING entry; the KFP UI then counts from
  // its creation (finished_at - created_at), and so does this.
  const started =
    run.state_history?.find((item) => item.state === 'RUNNING')?.update_time ??
    tasks.find((task) => task.startedAt)?.startedAt ??
    (state !== 'pending' ? realTime(run.created_at) : undefined);
  const snapshot: RunSnapshot = {
    id: run.run_id,
    experimentId: run.experiment_id ?? '',
    displayName: run.display_name ?? run.run_id,
    pipelineName: pipelineName ?? ir?.name ?? run.display_name ?? '',
    state,
    createdAt: run.created_at ?? new Date(0).toISOString(),
    parameters: { ...(run.runtime_config?.parameters ?? {}) },
    execution: { mode: 'cluster', reason: 'Runs on the Kubeflow Pipelines cluster of the profile.' },
    tasks: settleUnfinishedTasks(tasks, state),
    revision,
    ...(started ? { startedAt: started } : {}),
    ...(run.finished_at && state !== 'pending' && state !== 'running' && !run.finished_at.startsWith('1970') ? { finishedAt: run.finished_at } : {}),
    ...(run.error?.message ? { error: run.error.message } : {}),
  };
  return { snapshot, pods };
}

// run_details.task_details as KFP 2.x writes them. The persistence agent reports the run's Argo Workflow and the
// server stores one task per Workflow node (toModelTasks over NodeStatuses, backend/src/apiserver/server/
// api_converter.go; CreateOrUpdateTasks, storage/task_store.go), then answers them through toApiPipelineTaskDetail:
// run_id, task_id (a random UUID), display_name (the node's), create/start/end times (Unix seconds; an unset
// Argo time is Go's zero time, year 1), state (Argo's phase, upper-cased; `Omitted` has no v2 state, so none is
// written) and child_tasks, each `{pod_name: <child node id>}` (Argo's children: the nodes that follow). There is
// no parent_task_id, no pod_name of the task itself, no execution_id and no inputs/outputs: those live in ML
// Metadata. The nodes are those of the Workflow the v2 compiler makes: `<workflow>`, `root-driver`, `root`, and
// per task `<task>-driver` and `<task>` (for a step, a DAG holding one `executor` pod).
import { randomUUID } from 'node:crypto';
import { isoSeconds } from './clock';
import type { SimTask } from './dag-sim';
import type { RunRecord } from './state';

type Obj = { [key: string]: unknown };

/** An Argo time that was never set (FinishedAt of a running node), as protojson writes Go's zero time. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

const PHASE: Record<SimTask['state'], string | undefined> = {
  pending: 'PENDING',
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  // Argo's `Omitted` (an upstream task failed) maps to no v2 state.
  skipped: undefined,
  // A terminated Workflow's pods and DAGs end `Failed`.
  canceled: 'FAILED',
};

interface Node {
  key: string;
  displayName: string;
  state?: string;
  startAt?: number;
  endAt?: number;
  children: string[];
}

/** The node id of a key (`<task id>#driver|#task|#executor`, `#workflow`): the pod name for pod nodes. */
export function nodeIdOf(run: RunRecord, key: string): string {
  let id = run.nodeIds.get(key);
  if (!id) {
    id = `${run.workflowName}-${String(1_000_000_000 + ((run.nodeIds.size + 1) * 2_654_435_761) % 8_999_999_999).slice(0, 10)}`;
    run.nodeIds.set(key, id);
  }
  return id;
}

function nodesOf(run: RunRecord): Node[] {
  const tasks = run.sim.tasks;
  const started = (task: SimTask): boolean => task.state !== 'pending';
  const entry = (task: SimTask): string => (task.state === 'skipped' ? `${task.id}#task` : `${task.id}#driver`);
  const firstOf = (parent: SimTask): string[] => tasks.filter((kid) => kid.parentId === parent.id && !kid.deps.length && started(kid)).map(entry);
  const followersOf = (task: SimTask): string[] => tasks.filter((kid) => kid.parentId === task.parentId && kid.deps.includes(task.id) && started(kid)).map(entry);
  const nodes: Node[] = [];
  for (const task of tasks) {
    if (!started(task)) continue;
    const times = { ...(task.startAt !== undefined ? { startAt: task.startAt } : {}), ...(task.endAt !== undefined && task.state !== 'running' ? { endAt: task.endAt } : {}) };
    const state = PHASE[task.state];
    if (task.parentId === undefined) {
      nodes.push({ key: '#workflow', displayName: run.workflowName, ...(state ? { state } : {}), ...times, children: [`${task.id}#driver`] });
      nodes.push({ key: `${task.id}#driver`, displayName: 'root-driver', state: 'SUCCEEDED', ...(task.startAt !== undefined ? { startAt: task.startAt, endAt: task.startAt } : {}), children: [`${task.id}#task`] });
      nodes.push({ key: `${task.id}#task`, displayName: 'root', ...(state ? { state } : {}), ...times, children: firstOf(task) });
      continue;
    }
    if (task.state === 'skipped') {
      nodes.push({ key: `${task.id}#task`, displayName: task.name, children: [] });
      continue;
    }
    nodes.push({ key: `${task.id}#driver`, displayName: `${task.name}-driver`, state: 'SUCCEEDED', ...(task.startAt !== undefined ? { startAt: task.startAt, endAt: task.startAt } : {}), children: [`${task.id}#task`] });
    if (task.kind === 'pod') {
      nodes.push({ key: `${task.id}#task`, displayName: task.name, ...(state ? { state } : {}), ...times, children: [`${task.id}#executor`] });
      nodes.push({ key: `${task.id}#executor`, displayName: 'executor', ...(state ? { state } : {}), ...times, children: followersOf(task) });
    } else {
      nodes.push({ key: `${task.id}#task`, displayName: task.name, ...(state ? { state } : {}), ...times, children: [...firstOf(task), ...followersOf(task)] });
    }
  }
  return nodes;
}

export function taskDetailsOf(run: RunRecord): Obj[] {
  return nodesOf(run).map((node) => {
    let taskId = run.taskIds.get(node.key);
    if (!taskId) {
      taskId = randomUUID();
      run.taskIds.set(node.key, taskId);
    }
    const start = node.startAt !== undefined ? isoSeconds(node.startAt) : GO_ZERO_TIME;
    return {
      run_id: run.run_id,
      task_id: taskId,
      display_name: node.displayName,
      create_time: start,
      start_time: start,
      end_time: node.endAt !== undefined ? isoSeconds(node.endAt) : GO_ZERO_TIME,
      ...(node.state ? { state: node.state } : {}),
      ...(node.children.length ? { child_tasks: node.children.map((key) => ({ pod_name: nodeIdOf(run, key) })) } : {}),
    };
  });
}

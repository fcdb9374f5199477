// Keeps an Argo Workflow object's `status` in step with its simulated run: phase, start and end, progress, and a
// node per template invocation (the root DAG or Steps node, then a Pod or DAG node per task), as Argo writes them.
import type { SimTask } from './dag-sim';
import { isoSeconds } from './clock';
import type { EmulatorState, WorkflowRecord } from './state';
import { workflowNodeIo } from './workflow-node-io';

type Obj = { [key: string]: unknown };

const NODE_PHASE: Record<SimTask['state'], string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Omitted',
  canceled: 'Failed',
};

export function workflowPhase(record: WorkflowRecord): string {
  switch (record.sim.state) {
    case 'pending':
      return 'Pending';
    case 'running':
    case 'canceling':
      return 'Running';
    case 'succeeded':
      return 'Succeeded';
    default:
      return 'Failed';
  }
}

export function buildWorkflowStatus(record: WorkflowRecord): Obj {
  const sim = record.sim;
  const nodes: Obj = {};
  const pods = sim.tasks.filter((task) => task.kind === 'pod');
  const io = workflowNodeIo(record);
  for (const task of sim.tasks) {
    if (task.state === 'pending') continue;
    const id = record.nodeIds.get(task.id) ?? task.id;
    const children = sim.tasks.filter((kid) => kid.parentId === task.id && kid.state !== 'pending').map((kid) => record.nodeIds.get(kid.id) ?? kid.id);
    const parent = task.parentId !== undefined ? record.nodeIds.get(task.parentId) : undefined;
    nodes[id] = {
      id,
      name: task.id,
      displayName: task.name,
      type: task.kind === 'pod' ? 'Pod' : 'DAG',
      templateName: task.template ?? task.name,
      phase: NODE_PHASE[task.state],
      ...(parent ? { boundaryID: parent } : {}),
      ...(task.startAt !== undefined ? { startedAt: isoSeconds(task.startAt) } : {}),
      ...(task.endAt !== undefined && task.state !== 'running' ? { finishedAt: isoSeconds(task.endAt) } : {}),
      ...(task.message ? { message: task.message } : {}),
      ...(children.length ? { children } : {}),
      ...(task.kind === 'pod' ? { progress: task.state === 'succeeded' ? '1/1' : '0/1' } : {}),
      ...io.get(task.id),
    };
  }
  const done = pods.filter((task) => task.state === 'succeeded').length;
  const status: Obj = {
    phase: workflowPhase(record),
    progress: `${done}/${pods.length}`,
    nodes,
  };
  if (sim.startAt !== undefined) status.startedAt = isoSeconds(sim.startAt);
  if (sim.endAt !== undefined) status.finishedAt = isoSeconds(sim.endAt);
  if (sim.state === 'failed') status.message = 'child failed';
  if (sim.state === 'canceled' || sim.state === 'canceling') status.message = "Stopped with strategy 'Terminate'";
  return status;
}

/** Rewrites the status; when `emit`, bumps the resourceVersion and records a MODIFIED watch event. */
export function refreshWorkflowStatus(state: EmulatorState, record: WorkflowRecord, emit: boolean): void {
  record.object.status = buildWorkflowStatus(record);
  const metadata = (record.object.metadata ?? {}) as Obj;
  const labels = { ...((metadata.labels as Obj | undefined) ?? {}) };
  labels['workflows.argoproj.io/phase'] = workflowPhase(record);
  if (record.sim.endAt !== undefined && record.sim.state !== 'canceling') labels['workflows.argoproj.io/completed'] = 'true';
  metadata.labels = labels;
  if (emit) {
    metadata.resourceVersion = String(state.nextResourceVersion());
    record.object.metadata = metadata;
    state.recordWorkflowEvent('MODIFIED', record.object);
  } else {
    record.object.metadata = metadata;
  }
}

// An Argo Workflow object as a RunSnapshot: the workflow phase as the run state, and each node under the root as a
// TaskSnapshot whose id is the path of task names (through `boundaryID`, the DAG or Steps node holding it).
// A Retry node stands for its task; its attempts are its child pods.
import type { JsonValue } from '../../../../shared/model/document';
import { nameRecord } from '../../../../shared/names/names';
import { taskIoOf, type ArgoNodeIo } from './argo-node-io';
import { settleUnfinishedTasks, type RunSnapshot, type RunState, type TaskKind, type TaskSnapshot, type TaskState } from '../../../../shared/runtime/runtime';

type Obj = { [key: string]: unknown };

export interface ArgoNode {
  id: string;
  name?: string;
  displayName?: string;
  type?: string;
  templateName?: string;
  phase?: string;
  boundaryID?: string;
  children?: string[];
  startedAt?: string;
  finishedAt?: string;
  message?: string;
  podName?: string;
  inputs?: ArgoNodeIo;
  outputs?: ArgoNodeIo;
}

export interface ArgoWorkflow {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; generateName?: string; namespace?: string; resourceVersion?: string; creationTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string };
  spec?: Obj & { shutdown?: string; arguments?: { parameters?: { name: string; value?: string }[] } };
  status?: { phase?: string; startedAt?: string; finishedAt?: string; message?: string; nodes?: Record<string, ArgoNode> };
}

const NODE_STATES: Record<string, TaskState> = {
  Pending: 'pending',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Error: 'failed',
  Skipped: 'skipped',
  Omitted: 'skipped',
};

export function runStateOfWorkflow(workflow: ArgoWorkflow): RunState {
  const phase = workflow.status?.phase ?? '';
  const shutdown = Boolean(workflow.spec?.shutdown);
  switch (phase) {
    case 'Succeeded':
      return 'succeeded';
    case 'Failed':
    case 'Error':
      return shutdown ? 'cancelled' : 'failed';
    case 'Running':
      return 'running';
    default:
      return 'pending';
  }
}

export const ATTEMPT_NAME = /\(\d+\)$/;

export interface MappedWorkflow {
  snapshot: RunSnapshot;
  /** The pod of each task (its last attempt), by task id. */
  pods: Map<string, ArgoNode>;
}

export function snapshotOfWorkflow(workflow: ArgoWorkflow, revision: number): MappedWorkflow {
  const name = workflow.metadata.name ?? '';
  const nodes = workflow.status?.nodes ?? {};
  const byId = new Map(Object.values(nodes).map((node) => [node.id, node]));
  const retryParent = new Map<string, ArgoNode>();
  for (const node of byId.values()) if (node.type === 'Retry') for (const child of node.children ?? []) retryParent.set(child, node);
  const root = byId.get(name) ?? [...byId.values()].find((node) => !node.boundaryID);
  const pathCache = new Map<string, string | undefined>();
  const pathOf = (node: ArgoNode, depth = 0): string | undefined => {
    if (node === root || depth > 50) return undefined;
    if (pathCache.has(node.id)) return pathCache.get(node.id);
    const parent = node.boundaryID ? byId.get(node.boundaryID) : undefined;
    const parentPath = parent ? pathOf(parent, depth + 1) : undefined;
    const own = node.displayName ?? node.name ?? node.id;
    const result = parentPath ? `${parentPath}/${own}` : own;
    pathCache.set(node.id, result);
    return result;
  };
  const tasks: TaskSnapshot[] = [];
  const pods = new Map<string, ArgoNode>();
  const ordered = [...byId.values()].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.id.localeCompare(b.id));
  for (const node of ordered) {
    if (node === root || retryParent.has(node.id)) continue;
    const id = pathOf(node);
    if (!id) continue;
    const attempts = node.type === 'Retry' ? (node.children ?? []).map((child) => byId.get(child)).filter((child): child is ArgoNode => Boolean(child)) : [];
    const pod = node.type === 'Pod' ? node : attempts[attempts.length - 1];
    const kind: TaskKind = node.type === 'Pod' || node.type === 'Retry' ? 'container' : 'dag';
    const state = NODE_STATES[node.phase ?? ''] ?? 'pending';
    const parentPath = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined;
    // A Retry node holds its attempts; the last attempt's pod says what the step took and made.
    const inputs = taskIoOf(node.inputs ?? pod?.inputs);
    const outputs = taskIoOf(node.outputs ?? pod?.outputs);
    tasks.push({
      id,
      name: node.displayName ?? id,
      displayName: node.displayName ?? id,
      kind,
      state,
      attempts: node.type === 'Retry' ? attempts.length : state === 'pending' ? 0 : 1,
      hasLog: kind === 'container' && Boolean(pod?.startedAt),
      ...(node.templateName ? { componentRef: node.templateName } : {}),
      ...(parentPath ? { parentId: parentPath } : {}),
      ...(node.startedAt ? { startedAt: node.startedAt } : {}),
      ...(node.finishedAt ? { finishedAt: node.finishedAt } : {}),
      ...(state === 'failed' && node.message ? { error: { message: node.message } } : {}),
      ...(inputs ? { inputs } : {}),
      ...(outputs ? { outputs } : {}),
    });
    if (pod && kind === 'container') pods.set(id, pod);
  }
  const parameters = nameRecord<JsonValue>();
  for (const parameter of workflow.spec?.arguments?.parameters ?? []) parameters[parameter.name] = parameter.value ?? null;
  const state = runStateOfWorkflow(workflow);
  const snapshot: RunSnapshot = {
    id: name,
    experimentId: workflow.metadata.namespace ?? '',
    displayName: workflow.metadata.annotations?.['kfp-studio/display-name'] ?? name,
    pipelineName: workflow.metadata.labels?.['kfp-studio/pipeline'] ?? workflow.metadata.generateName?.replace(/-$/, '') ?? name,
    state,
    createdAt: workflow.metadata.creationTimestamp ?? new Date(0).toISOString(),
    parameters,
    execution: { mode: 'cluster', reason: `Runs as an Argo Workflow in namespace ${workflow.metadata.namespace ?? ''}.` },
    tasks: settleUnfinishedTasks(tasks, state),
    revision,
    ...(workflow.status?.startedAt ? { startedAt: workflow.status.startedAt } : {}),
    ...(workflow.status?.finishedAt && state !== 'running' && state !== 'pending' ? { finishedAt: workflow.status.finishedAt } : {}),
    ...(state === 'failed' || state === 'cancelled' ? { error: workflow.status?.message ?? '' } : {}),
  };
  return { snapshot, pods };
}

/** The pod of a Pod node: its `podName` when Argo gives it, else the node id (Argo's v1 pod names). */
export function podNameCandidates(workflowName: string, node: ArgoNode): string[] {
  const names = [node.podName, node.id].filter((name): name is string => Boolean(name));
  // Argo 3.4+ (POD_NAMES=v2): <workflow>-<template>-<hash of the node id, the node id's numeric suffix>.
  const suffix = node.id.slice(node.id.lastIndexOf('-') + 1);
  if (node.templateName && suffix && suffix !== node.id) names.push(`${workflowName}-${node.templateName}-${suffix}`);
  return [...new Set(names)];
}

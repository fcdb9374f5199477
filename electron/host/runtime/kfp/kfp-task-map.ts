// KFP 2.x task_details to the canvas's tasks. The server keeps one task per node of the run's Argo Workflow and
// answers them without a parent id or a pod name (api_converter.go toApiPipelineTaskDetail; the tasks come from
// NodeStatuses in toModelTasks): `display_name` is the node's — `<workflow>`, `root-driver`, `root`, and per task
// `<task>-driver` and `<task>`, a step's `<task>` being a DAG whose child is its `executor` pod — and `child_tasks`
// name the following nodes by node id. So a canvas task is found by its name among the nodes that are not the
// compiler's own, and a step's log is that of the node its `<task>` node leads to (the run log endpoint takes a
// node id). When a server does send `parent_task_id`, the tree it gives is used instead.
import type { KfpTaskDetail } from './kfp-snapshot';

export interface MatchedTask {
  /** The declared task id (path of names) this detail stands for. */
  id: string;
  detail: KfpTaskDetail;
  /** The node whose log is the step's: the executor's node id. */
  logNode?: string;
}

export interface DeclaredName {
  id: string;
  name: string;
  kind: string;
}

/** A time the server wrote for "never": Go's zero time (year 1) or the Unix epoch. */
export function realTime(time: string | undefined): string | undefined {
  if (!time || time.startsWith('0001-') || time.startsWith('1970-01-01T00:00:00')) return undefined;
  return time;
}

function byStart(a: KfpTaskDetail, b: KfpTaskDetail): number {
  return (realTime(a.start_time) ?? '~').localeCompare(realTime(b.start_time) ?? '~');
}

/** Details matched to declared tasks by the tree of parent ids (a server that sends them). */
function matchByParents(details: readonly KfpTaskDetail[]): Map<string, KfpTaskDetail> {
  const byKfpId = new Map<string, KfpTaskDetail>();
  for (const detail of details) if (detail.task_id) byKfpId.set(detail.task_id, detail);
  const pathOf = (detail: KfpTaskDetail, depth = 0): string | undefined => {
    if (!detail.parent_task_id || depth > 50) return undefined;
    const parent = byKfpId.get(detail.parent_task_id);
    const parentPath = parent ? pathOf(parent, depth + 1) : undefined;
    const name = detail.display_name ?? detail.task_id ?? '?';
    return parentPath ? `${parentPath}/${name}` : name;
  };
  const out = new Map<string, KfpTaskDetail>();
  for (const detail of details) {
    const path = pathOf(detail);
    if (path) out.set(path, detail);
  }
  return out;
}

/**
 * Each declared task with the detail of its node. Without parent ids, a name declared in several DAGs is given its
 * nodes in start order, the DAGs' order of declaration: the server says nothing more.
 */
export function matchTaskDetails(details: readonly KfpTaskDetail[], declared: readonly DeclaredName[]): MatchedTask[] {
  const withLog = (id: string, detail: KfpTaskDetail, kind: string): MatchedTask => {
    const children = (detail.child_tasks ?? []).map((child) => child.pod_name ?? '').filter(Boolean);
    const logNode = detail.pod_name ?? (kind === 'container' || kind === 'importer' ? children[children.length - 1] : undefined);
    return { id, detail, ...(logNode ? { logNode } : {}) };
  };
  if (details.some((detail) => detail.parent_task_id)) {
    const byPath = matchByParents(details);
    const kinds = new Map(declared.map((item) => [item.id, item.kind]));
    return [...byPath].map(([id, detail]) => withLog(id, detail, kinds.get(id) ?? (detail.pod_name ? 'container' : 'dag')));
  }
  const byName = new Map<string, KfpTaskDetail[]>();
  for (const detail of [...details].sort(byStart)) {
    const name = detail.display_name ?? '';
    byName.set(name, [...(byName.get(name) ?? []), detail]);
  }
  const out: MatchedTask[] = [];
  for (const item of declared) {
    const candidates = byName.get(item.name);
    if (!candidates?.length) continue;
    // A step's own node leads to its executor; a pod of the compiler's named like the task (`executor`) does not.
    const index = item.kind === 'container' ? Math.max(0, candidates.findIndex((detail) => (detail.child_tasks?.length ?? 0) > 0)) : 0;
    const [detail] = candidates.splice(index, 1);
    if (detail) out.push(withLog(item.id, detail, item.kind));
  }
  return out;
}

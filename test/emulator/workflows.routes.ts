// Argo `Workflow` custom objects through the Kubernetes API: create, list (label and field selectors), get,
// merge-patch (spec.shutdown stops a running Workflow), delete, and `?watch=true` streaming ADDED / MODIFIED /
// DELETED events as newline-delimited JSON from a resourceVersion.
import { randomUUID } from 'node:crypto';
import { isoSeconds } from './clock';
import { createSimRun, terminateSimRun } from './dag-sim';
import type { EmulatorEnv } from './env';
import { K8sError, sendJson } from './http-util';
import { planFromWorkflow } from './pipeline-plan';
import type { RouteContext, Router } from './router';
import type { WatchEvent, WorkflowRecord } from './state';
import { refreshWorkflowStatus } from './workflow-status';

type Obj = { [key: string]: unknown };

const GROUP = 'argoproj.io';
const API_VERSION = 'argoproj.io/v1alpha1';

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function meta(object: Obj): Obj {
  return isObj(object.metadata) ? object.metadata : {};
}

function notFoundError(name: string): K8sError {
  return new K8sError(404, `workflows.${GROUP} "${name}" not found`, { name, group: GROUP, kind: 'workflows' });
}

function checkNamespace(env: EmulatorEnv, namespace: string): void {
  if (!env.state.namespaces.includes(namespace)) throw new K8sError(404, `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
}

/** `a=b,c!=d,e` label selectors and `metadata.name=x` field selectors. */
export function selectorMatches(object: Obj, labelSelector: string | null, fieldSelector: string | null): boolean {
  const labels = (meta(object).labels ?? {}) as Record<string, string>;
  for (const term of (labelSelector ?? '').split(',').map((t) => t.trim()).filter(Boolean)) {
    const neq = /^([^!=]+)!=(.*)$/.exec(term);
    const eq = /^([^!=]+)==?(.*)$/.exec(term);
    if (neq?.[1] !== undefined) {
      if (labels[neq[1]] === neq[2]) return false;
    } else if (eq?.[1] !== undefined) {
      if (labels[eq[1]] !== eq[2]) return false;
    } else if (term.startsWith('!')) {
      if (term.slice(1) in labels) return false;
    } else if (!(term in labels)) return false;
  }
  for (const term of (fieldSelector ?? '').split(',').map((t) => t.trim()).filter(Boolean)) {
    const match = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!match) continue;
    const actual = match[1] === 'metadata.name' ? meta(object).name : match[1] === 'metadata.namespace' ? meta(object).namespace : undefined;
    const equal = String(actual ?? '') === match[3];
    if ((match[2] === '!=') === equal) return false;
  }
  return true;
}

function randomSuffix(): string {
  const chars = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}

function createWorkflow(env: EmulatorEnv, namespace: string, body: Obj): WorkflowRecord {
  checkNamespace(env, namespace);
  if (body.kind !== 'Workflow' || body.apiVersion !== API_VERSION) {
    throw new K8sError(400, `the object is not a ${API_VERSION} Workflow (kind ${JSON.stringify(body.kind)}, apiVersion ${JSON.stringify(body.apiVersion)})`);
  }
  const metadata = meta(body);
  const name = typeof metadata.name === 'string' && metadata.name ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}${randomSuffix()}` : '';
  if (!name) throw new K8sError(422, 'Workflow.argoproj.io "" is invalid: metadata.name: Required value: name or generateName is required', { kind: 'Workflow', group: GROUP }, 'Invalid');
  if (env.state.workflows.has(`${namespace}/${name}`)) {
    throw new K8sError(409, `workflows.${GROUP} "${name}" already exists`, { name, group: GROUP, kind: 'workflows' });
  }
  const spec = isObj(body.spec) ? body.spec : {};
  const templates = Array.isArray(spec.templates) ? spec.templates : [];
  if (!templates.some((t) => isObj(t) && t.name === spec.entrypoint)) {
    throw new K8sError(422, `Workflow.argoproj.io "${name}" is invalid: spec.entrypoint: Invalid value: ${JSON.stringify(spec.entrypoint ?? '')}: no template of that name`, { name, group: GROUP, kind: 'Workflow' }, 'Invalid');
  }
  const now = env.clock.now();
  const object: Obj = structuredClone(body);
  object.metadata = {
    ...metadata,
    name,
    namespace,
    uid: randomUUID(),
    resourceVersion: String(env.state.nextResourceVersion()),
    generation: 1,
    creationTimestamp: isoSeconds(now),
  };
  delete (object.metadata as Obj).generateName;
  if (typeof metadata.generateName === 'string') (object.metadata as Obj).generateName = metadata.generateName;
  const plan = planFromWorkflow(object, name);
  const nodeIds = new Map<string, string>();
  for (const task of plan) nodeIds.set(task.id, task.parentId === undefined ? name : env.state.newPodName(name));
  const record: WorkflowRecord = { namespace, name, object, sim: createSimRun(plan, now, env.engine.timings), nodeIds };
  refreshWorkflowStatus(env.state, record, false);
  env.state.workflows.set(`${namespace}/${name}`, record);
  env.state.recordWorkflowEvent('ADDED', record.object);
  return record;
}

function getWorkflow(env: EmulatorEnv, namespace: string, name: string): WorkflowRecord {
  const record = env.state.workflows.get(`${namespace}/${name}`);
  if (!record) throw notFoundError(name);
  return record;
}

function watch(ctx: RouteContext, env: EmulatorEnv, namespace: string | undefined): void {
  const { res, query } = ctx;
  const labelSelector = query.get('labelSelector');
  const fieldSelector = query.get('fieldSelector');
  const matches = (object: Obj): boolean =>
    (namespace === undefined || meta(object).namespace === namespace) && selectorMatches(object, labelSelector, fieldSelector);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders(); // a watch with nothing to send yet still answers at once
  const send = (event: Pick<WatchEvent, 'type' | 'object'> | { type: 'ERROR'; object: Obj }): void => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
  };
  const rvText = query.get('resourceVersion');
  const since = rvText && rvText !== '0' ? Number(rvText) : undefined;
  if (since === undefined) {
    for (const record of env.state.workflows.values()) if (matches(record.object)) send({ type: 'ADDED', object: record.object });
  } else {
    const oldest = env.state.workflowEvents[0]?.resourceVersion;
    if (oldest !== undefined && since < oldest - 1) {
      send({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${since} (${oldest - 1})`, reason: 'Expired', code: 410 } });
      res.end();
      return;
    }
    for (const event of env.state.workflowEvents) if (event.resourceVersion > since && matches(event.object)) send(event);
  }
  const onEvent = (event: WatchEvent): void => {
    if (matches(event.object)) send(event);
  };
  const finish = (): void => {
    env.state.events.off('workflow', onEvent);
    env.state.events.off('close', finish);
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const seconds = Number(query.get('timeoutSeconds') ?? '');
  const timer = seconds > 0 ? setTimeout(finish, seconds * 1000) : undefined;
  env.state.events.on('workflow', onEvent);
  env.state.events.on('close', finish);
  ctx.req.on('close', finish);
}

function list(ctx: RouteContext, env: EmulatorEnv, namespace: string | undefined): void {
  if (namespace !== undefined) checkNamespace(env, namespace);
  if (ctx.query.get('watch') === 'true' || ctx.query.get('watch') === '1') return watch(ctx, env, namespace);
  const items = [...env.state.workflows.values()]
    .filter((r) => namespace === undefined || r.namespace === namespace)
    .map((r) => r.object)
    .filter((o) => selectorMatches(o, ctx.query.get('labelSelector'), ctx.query.get('fieldSelector')));
  sendJson(ctx.res, 200, { apiVersion: API_VERSION, kind: 'WorkflowList', metadata: { resourceVersion: String(env.state.currentResourceVersion()) }, items });
}

export function registerWorkflowRoutes(router: Router, env: EmulatorEnv): void {
  const base = '/apis/argoproj.io/v1alpha1/namespaces/{namespace}/workflows';
  router.add('GET', '/apis/argoproj.io/v1alpha1/workflows', (ctx) => list(ctx, env, undefined));
  router.add('GET', base, (ctx) => list(ctx, env, ctx.params.namespace ?? ''));
  router.add('POST', base, ({ res, params, body, raw }) => {
    // Custom objects keep their field names: use the raw JSON, not the snake_cased body.
    let object: unknown;
    try {
      object = JSON.parse(raw.toString('utf8') || '{}');
    } catch {
      throw new K8sError(400, 'the request body is not valid JSON');
    }
    void body;
    const record = createWorkflow(env, params.namespace ?? '', isObj(object) ? object : {});
    sendJson(res, 201, record.object);
  });
  router.add('GET', `${base}/{name}`, ({ res, params }) => {
    sendJson(res, 200, getWorkflow(env, params.namespace ?? '', params.name ?? '').object);
  });
  router.add('PATCH', `${base}/{name}`, ({ res, params, raw }) => {
    const record = getWorkflow(env, params.namespace ?? '', params.name ?? '');
    let patch: unknown;
    try {
      patch = JSON.parse(raw.toString('utf8') || '{}');
    } catch {
      throw new K8sError(400, 'the patch is not valid JSON');
    }
    const spec = isObj(patch) && isObj(patch.spec) ? patch.spec : {};
    const labels = isObj(patch) && isObj(patch.metadata) && isObj(patch.metadata.labels) ? patch.metadata.labels : undefined;
    if (labels) meta(record.object).labels = { ...((meta(record.object).labels as Obj | undefined) ?? {}), ...labels };
    if (typeof spec.shutdown === 'string') {
      record.object.spec = { ...(isObj(record.object.spec) ? record.object.spec : {}), shutdown: spec.shutdown };
      terminateSimRun(record.sim, env.clock.now());
    }
    refreshWorkflowStatus(env.state, record, true);
    sendJson(res, 200, record.object);
  });
  router.add('DELETE', `${base}/{name}`, ({ res, params }) => {
    const record = getWorkflow(env, params.namespace ?? '', params.name ?? '');
    env.state.workflows.delete(`${record.namespace}/${record.name}`);
    meta(record.object).resourceVersion = String(env.state.nextResourceVersion());
    env.state.recordWorkflowEvent('DELETED', record.object);
    sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: record.name, group: GROUP, kind: 'workflows', uid: meta(record.object).uid } });
  });
}

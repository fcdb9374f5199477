// Step logs, two ways: KFP's run log endpoint (GET /apis/v1alpha1/runs/{run_id}/nodes/{node_id}/log, text/plain)
// and the Kubernetes pod log (GET /api/v1/namespaces/{ns}/pods/{pod}/log with follow, tailLines, timestamps),
// for pods of KFP runs and of Workflows. With follow, lines arrive as the emulator clock moves, and the stream
// ends when the step has ended.
import type { ServerResponse } from 'node:http';
import type { SimRun, SimTask } from './dag-sim';
import { taskLogLines } from './dag-sim';
import type { LogLine } from './dag-sim';
import type { EmulatorEnv } from './env';
import { K8sError, sendJson, sendPlainHttpError } from './http-util';
import type { RouteContext, Router } from './router';

export interface PodRef {
  namespace: string;
  sim: SimRun;
  task: SimTask;
}

/** Every pod the emulator knows of, by name. */
export function findPod(env: EmulatorEnv, name: string): PodRef | undefined {
  for (const run of env.state.runs.values()) {
    for (const [taskId, pod] of run.pods) {
      const task = run.sim.tasks.find((item) => item.id === taskId);
      if (pod === name && task) return { namespace: run.namespace || env.kfpNamespace, sim: run.sim, task };
    }
  }
  for (const workflow of env.state.workflows.values()) {
    for (const [taskId, node] of workflow.nodeIds) {
      const task = workflow.sim.tasks.find((item) => item.id === taskId);
      if (node === name && task?.kind === 'pod') return { namespace: workflow.namespace, sim: workflow.sim, task };
    }
  }
  return undefined;
}

function podDone(ref: PodRef): boolean {
  return ref.task.state !== 'running' && ref.task.state !== 'pending';
}

function format(line: LogLine, timestamps: boolean): string {
  return `${timestamps ? `${new Date(line.at).toISOString()} ` : ''}${line.text}\n`;
}

/** Writes the log; with `follow`, keeps writing on every tick until the step ends or the client leaves. */
function streamLog(ctx: RouteContext, env: EmulatorEnv, ref: PodRef, follow: boolean, options: { timestamps: boolean; tail?: number }): void {
  const res: ServerResponse = ctx.res;
  const lines = (): LogLine[] => taskLogLines(ref.task, env.clock.now(), ref.sim.timings.taskDurationMs);
  let initial = lines();
  const skipped = options.tail !== undefined ? Math.max(0, initial.length - options.tail) : 0;
  initial = initial.slice(skipped);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(follow ? { 'Transfer-Encoding': 'chunked' } : {}) });
  if (follow) res.flushHeaders();
  for (const line of initial) res.write(format(line, options.timestamps));
  let written = skipped + initial.length;
  if (!follow || podDone(ref)) {
    res.end();
    return;
  }
  const onTick = (): void => {
    const all = lines();
    for (const line of all.slice(written)) res.write(format(line, options.timestamps));
    written = Math.max(written, all.length);
    if (podDone(ref)) finish();
  };
  const finish = (): void => {
    env.state.events.off('tick', onTick);
    env.state.events.off('close', finish);
    if (!res.writableEnded) res.end();
  };
  env.state.events.on('tick', onTick);
  env.state.events.on('close', finish);
  ctx.req.on('close', finish);
}

const POD_PHASE: Record<SimTask['state'], string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Pending',
  canceled: 'Failed',
};

/** A minimal Pod object: enough for a client to tell whether the step's container has started or ended. */
function podObject(name: string, ref: PodRef): Record<string, unknown> {
  const task = ref.task;
  const state =
    task.startAt === undefined
      ? { waiting: { reason: 'ContainerCreating' } }
      : task.state === 'running'
        ? { running: { startedAt: new Date(task.startAt).toISOString() } }
        : {
            terminated: {
              exitCode: task.state === 'succeeded' ? 0 : task.state === 'canceled' ? 143 : 1,
              reason: task.state === 'succeeded' ? 'Completed' : 'Error',
              startedAt: new Date(task.startAt).toISOString(),
              finishedAt: new Date(task.endAt ?? task.startAt).toISOString(),
            },
          };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ref.namespace },
    spec: { containers: [{ name: 'main', image: task.image ?? '' }] },
    status: { phase: POD_PHASE[task.state], containerStatuses: [{ name: 'main', image: task.image ?? '', ready: task.state === 'running', state }] },
  };
}

export function registerLogRoutes(router: Router, env: EmulatorEnv): void {
  router.add('GET', '/api/v1/namespaces/{namespace}/pods/{pod}', ({ res, params }) => {
    const name = params.pod ?? '';
    const ref = findPod(env, name);
    if (!ref || ref.namespace !== params.namespace) throw new K8sError(404, `pods "${name}" not found`, { name, kind: 'pods' });
    sendJson(res, 200, podObject(name, ref));
  });
  router.add('GET', '/apis/v1alpha1/runs/{run_id}/nodes/{node_id}/log', (ctx) => {
    const run = env.state.runs.get(ctx.params.run_id ?? '');
    if (!run) return sendPlainHttpError(ctx.res, 500, `Run ${ctx.params.run_id} not found.`, `ResourceNotFoundError: Run ${ctx.params.run_id} not found.`);
    const ref = findPod(env, ctx.params.node_id ?? '');
    if (!ref || ref.sim !== run.sim) {
      return sendPlainHttpError(ctx.res, 500, `Node ${ctx.params.node_id} not found in run ${run.run_id}.`);
    }
    streamLog(ctx, env, ref, ctx.query.get('follow') === 'true', { timestamps: false });
  });
  router.add('GET', '/api/v1/namespaces/{namespace}/pods/{pod}/log', (ctx) => {
    const name = ctx.params.pod ?? '';
    const ref = findPod(env, name);
    if (!ref || ref.namespace !== ctx.params.namespace) throw new K8sError(404, `pods "${name}" not found`, { name, kind: 'pods' });
    if (ref.task.startAt === undefined) {
      throw new K8sError(400, `container "main" in pod "${name}" is waiting to start: ContainerCreating`);
    }
    const tail = ctx.query.get('tailLines');
    streamLog(ctx, env, ref, ctx.query.get('follow') === 'true', {
      timestamps: ctx.query.get('timestamps') === 'true',
      ...(tail !== null && /^\d+$/.test(tail) ? { tail: Number(tail) } : {}),
    });
  });
}

// The emulator's own control endpoints under /__emulator (no auth, no faults), for UI end-to-end tests that drive
// the emulator from outside the process: faults, the clock, the request log, the kubeconfig.
import type { EmulatorEnv } from './env';
import type { FaultInjector, FaultKind, FaultSpec } from './faults';
import { sendJson } from './http-util';
import type { Router } from './router';

export interface ControlDeps {
  env: EmulatorEnv;
  faults: FaultInjector;
  kubeconfig: () => string;
}

function faultJson(fault: ReturnType<FaultInjector['list']>[number]): Record<string, unknown> {
  return { ...fault, ...(fault.path ? { path: fault.path.source } : {}) };
}

export function registerControlRoutes(router: Router, { env, faults, kubeconfig }: ControlDeps): void {
  router.add('GET', '/__emulator/faults', ({ res }) => sendJson(res, 200, { faults: faults.list().map(faultJson) }));
  router.add('POST', '/__emulator/faults', ({ res, raw }) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: 'The body must be JSON: {kind, path?, method?, times?, status?, delayMs?, when?}.' });
    }
    try {
      const spec: FaultSpec = {
        kind: String(body.kind) as FaultKind,
        ...(typeof body.path === 'string' ? { path: new RegExp(body.path) } : {}),
        ...(typeof body.method === 'string' ? { method: body.method } : {}),
        ...(typeof body.times === 'number' ? { times: body.times } : {}),
        ...(typeof body.status === 'number' ? { status: body.status } : {}),
        ...(typeof body.delayMs === 'number' ? { delayMs: body.delayMs } : {}),
        ...(body.when === 'after' || body.when === 'before' ? { when: body.when } : {}),
      };
      sendJson(res, 201, faultJson(faults.add(spec)));
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  });
  router.add('DELETE', '/__emulator/faults', ({ res }) => {
    faults.clear();
    sendJson(res, 200, {});
  });
  router.add('DELETE', '/__emulator/faults/{id}', ({ res, params }) => {
    sendJson(res, faults.remove(Number(params.id)) ? 200 : 404, {});
  });
  router.add('GET', '/__emulator/clock', ({ res }) => sendJson(res, 200, { now: new Date(env.clock.now()).toISOString(), mode: env.clock.mode }));
  router.add('POST', '/__emulator/clock', ({ res, raw }) => {
    let body: { advanceMs?: unknown } = {};
    try {
      body = JSON.parse(raw.toString('utf8') || '{}') as { advanceMs?: unknown };
    } catch {
      // fall through to the check below
    }
    const ms = Number(body.advanceMs);
    if (!(ms >= 0)) return sendJson(res, 400, { error: 'Send {"advanceMs": <milliseconds>} to move the clock forward.' });
    env.clock.advance(ms);
    sendJson(res, 200, { now: new Date(env.clock.now()).toISOString(), mode: env.clock.mode });
  });
  router.add('GET', '/__emulator/requests', ({ res }) => sendJson(res, 200, { requests: env.state.requests }));
  router.add('GET', '/__emulator/kubeconfig', ({ res }) => {
    const text = kubeconfig();
    res.writeHead(200, { 'Content-Type': 'application/yaml' });
    res.end(text);
  });
  router.add('GET', '/__emulator/state', ({ res }) =>
    sendJson(res, 200, {
      pipelines: env.state.pipelines.size,
      versions: env.state.versions.size,
      experiments: env.state.experiments.size,
      runs: env.state.runs.size,
      recurringRuns: env.state.recurringRuns.size,
      workflows: env.state.workflows.size,
    }),
  );
}

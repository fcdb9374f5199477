// An emulator of the Kubeflow Pipelines v2beta1 REST API and of the Kubernetes API paths the app uses, served on
// loopback: `startEmulator()` in tests, `tsx test/emulator/main.ts` from a shell. See README.md for conventions.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { ServerResponse, createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmulatorClock } from './clock';
import type { ClockMode } from './clock';
import { registerControlRoutes } from './control.routes';
import type { SimTimings } from './dag-sim';
import { Engine } from './engine';
import type { EmulatorEnv } from './env';
import { addExperiment, registerExperimentRoutes } from './experiments.routes';
import { FaultInjector, LOGIN_PAGE } from './faults';
import type { Fault } from './faults';
import {
  ApiError,
  GRPC,
  K8sError,
  grpcCodeOfHttp,
  k8sStatus,
  parseJsonBody,
  readBody,
  sendGrpcError,
  sendJson,
  sendK8sError,
  sendPlainHttpError,
  snakeKeys,
} from './http-util';
import { registerK8sRoutes } from './k8s.routes';
import { kubeconfigYaml } from './kubeconfig';
import { registerLogRoutes } from './logs.routes';
import { registerPipelineRoutes } from './pipelines.routes';
import { registerRecurringRunRoutes } from './recurring-runs.routes';
import { Router } from './router';
import type { RouteContext } from './router';
import { registerRunRoutes } from './runs.routes';
import { EmulatorState } from './state';
import { SwaggerValidator } from './swagger-validator';
import { registerUploadRoutes } from './upload.routes';
import { registerUiRoutes, sendArtifactError } from './ui.routes';
import { registerWorkflowRoutes } from './workflows.routes';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** `fake` (default): time moves only with clock.advance(). `real`: wall time, ticking every 100 ms. */
  clock?: ClockMode;
  /** The fake clock's start (ms since the epoch); defaults to now. */
  startTime?: number;
  /** The bearer token the Kubernetes paths require (written into the kubeconfig); random by default. */
  token?: string;
  /** When set, the direct KFP paths (/apis/v2beta1/...) require this bearer token too (401 otherwise). */
  kfpToken?: string;
  /** When set (`name=value`), the direct KFP paths require this cookie, answering a login page without it. */
  kfpCookie?: string;
  /** The KFP swagger folder to check request bodies against; `false` turns checking off. */
  swaggerDir?: string | false;
  timings?: Partial<SimTimings>;
  multiUser?: boolean;
  namespaces?: string[];
  /** Where the ml-pipeline service and KFP's pods live (default `kubeflow`). */
  kfpNamespace?: string;
  /** Also write the kubeconfig to this file. */
  kubeconfigPath?: string;
  /** Add grpc-gateway v1's `error` field to KFP error bodies (KFP before 2.1). */
  legacyErrorField?: boolean;
  /**
   * The KFP UI server's routes (ML Metadata over gRPC-web, /artifacts/get) at the direct URL and through the
   * ml-pipeline-ui service proxy (default true); false: the URL is the API server's, and the UI service is absent.
   */
  ui?: boolean;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`: the Kubernetes API server, and KFP's API directly (`${url}/apis/v2beta1/...`). */
  url: string;
  /** KFP through the API server's service proxy. */
  proxyUrl: string;
  token: string;
  kubeconfigYaml: string;
  kubeconfigPath?: string;
  faults: FaultInjector;
  state: EmulatorState;
  clock: EmulatorClock;
  /** Undefined when the swagger folder is absent or checking is off. */
  swagger?: SwaggerValidator;
  close(): Promise<void>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SWAGGER_DIR = path.resolve(repoRoot, '../shared/kfp/swagger');
const PROXY = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/;

type Api = 'kfp' | 'upload' | 'k8s' | 'control' | 'ui';

function apiOf(pathname: string): Api {
  if (pathname.startsWith('/__emulator/')) return 'control';
  if (pathname === '/artifacts/get' || pathname.startsWith('/ml_metadata.')) return 'ui';
  if (pathname === '/apis/v2beta1/pipelines/upload' || pathname === '/apis/v2beta1/pipelines/upload_version' || pathname.startsWith('/apis/v1alpha1/runs/')) return 'upload';
  if (pathname.startsWith('/apis/v2beta1/') || pathname === '/apis/v2beta1') return 'kfp';
  return 'k8s';
}

function sendFaultStatus(res: ServerResponse, api: Api, status: number): void {
  const message = `Injected fault: HTTP ${status}`;
  if (api === 'k8s') return sendJson(res, status, k8sStatus(status, message));
  if (api === 'upload') return sendPlainHttpError(res, status, message);
  if (api === 'ui') return sendArtifactError(res, status, message);
  sendGrpcError(res, new ApiError(grpcCodeOfHttp(status), message));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const timings: SimTimings = { startDelayMs: 500, taskDurationMs: 2000, cancelDelayMs: 500, ...options.timings };
  const clock = new EmulatorClock(options.clock ?? 'fake', options.startTime ?? Date.now());
  const kfpNamespace = options.kfpNamespace ?? 'kubeflow';
  const state = new EmulatorState(options.namespaces ?? ['default', kfpNamespace]);
  if (!state.namespaces.includes(kfpNamespace)) state.namespaces.push(kfpNamespace);
  const engine = new Engine(state, clock, timings);
  const env: EmulatorEnv = { state, engine, clock, multiUser: options.multiUser ?? false, kfpNamespace };
  if (!env.multiUser) {
    env.defaultExperimentId = addExperiment(env, { display_name: 'Default', description: 'All runs created without specifying an experiment will be grouped here.' }).experiment_id;
  }
  const swaggerDir = options.swaggerDir === false ? undefined : (options.swaggerDir ?? DEFAULT_SWAGGER_DIR);
  const swagger = swaggerDir && existsSync(swaggerDir) ? new SwaggerValidator(swaggerDir) : undefined;
  const token = options.token ?? `emulator-${randomUUID()}`;
  const faults = new FaultInjector();
  let kubeconfig = '';

  const kfp = new Router();
  kfp.add('GET', '/apis/v2beta1/healthz', ({ res }) =>
    sendJson(res, 200, { commit_sha: 'emulator', tag_name: '2.5.0-emulator', multi_user: env.multiUser, pipeline_store: 'database' }),
  );
  registerPipelineRoutes(kfp, env);
  registerUploadRoutes(kfp, env);
  registerExperimentRoutes(kfp, env);
  registerRunRoutes(kfp, env);
  registerRecurringRunRoutes(kfp, env);
  registerLogRoutes(kfp, env);
  const ui = new Router();
  registerUiRoutes(ui, env);
  const k8s = new Router();
  registerK8sRoutes(k8s, env);
  registerWorkflowRoutes(k8s, env);
  registerLogRoutes(k8s, env);
  const control = new Router();
  registerControlRoutes(control, { env, faults, kubeconfig: () => kubeconfig });

  const fail = (res: ServerResponse, api: Api, error: unknown): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof K8sError) return sendK8sError(res, error);
    if (api === 'ui') return sendArtifactError(res, 500, `Emulator error: ${(error as Error)?.message ?? String(error)}`);
    if (error instanceof ApiError) {
      if (api === 'upload') return sendPlainHttpError(res, 400, error.externalMessage, error.message);
      return sendGrpcError(res, error, options.legacyErrorField);
    }
    const message = `Emulator error: ${(error as Error)?.stack ?? String(error)}`;
    if (api === 'k8s') return sendJson(res, 500, k8sStatus(500, message));
    sendGrpcError(res, new ApiError(GRPC.INTERNAL, message), options.legacyErrorField);
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, api: Api, pathname: string, query: URLSearchParams, raw: Buffer): Promise<void> => {
    const router = api === 'control' ? control : api === 'k8s' ? k8s : api === 'ui' ? ui : kfp;
    const found = router.match(req.method ?? 'GET', pathname);
    if (found === undefined || found === 'method') {
      if (api === 'k8s') {
        const status = found === 'method' ? 405 : 404;
        return sendJson(res, status, k8sStatus(status, found === 'method' ? `the server does not allow this method on the requested resource` : 'the server could not find the requested resource'));
      }
      if (api === 'control') return sendJson(res, 404, { error: `No emulator control endpoint ${req.method} ${pathname}` });
      if (api === 'ui') return sendArtifactError(res, 404, 'Not Found');
      return sendGrpcError(res, found === 'method' ? new ApiError(GRPC.UNIMPLEMENTED, 'Method Not Allowed') : new ApiError(GRPC.NOT_FOUND, 'Not Found'), options.legacyErrorField);
    }
    let body: Record<string, unknown> = {};
    if (api === 'kfp' && ['POST', 'PATCH', 'PUT'].includes(req.method ?? '')) {
      const parsed = parseJsonBody(raw);
      const issues = swagger?.validateRequest(req.method ?? 'GET', pathname, query, parsed) ?? [];
      if (issues.length) {
        const message = `proto: ${issues.map((issue) => `(${issue.at}) ${issue.message}`).join('; ')}`;
        throw new ApiError(GRPC.INVALID_ARGUMENT, message, issues[0]?.message ?? message);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError(GRPC.INVALID_ARGUMENT, 'proto: the request body must be a JSON object');
      body = snakeKeys(parsed) as Record<string, unknown>;
    } else if (api === 'kfp') {
      const issues = swagger?.validateRequest(req.method ?? 'GET', pathname, query, undefined) ?? [];
      if (issues.length) throw new ApiError(GRPC.INVALID_ARGUMENT, issues.map((issue) => issue.message).join('; '));
    }
    const ctx: RouteContext = { req, res, params: found.params, query, path: pathname, raw, body };
    await found.handler(ctx);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    let pathname = url.pathname;
    let api = apiOf(pathname);
    const record = { method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, status: 0, at: clock.now() } as (typeof state.requests)[number];
    state.requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    try {
      const raw = ['POST', 'PUT', 'PATCH'].includes(req.method ?? '') ? await readBody(req) : Buffer.alloc(0);
      let fault: Fault | undefined;
      if (api !== 'control') fault = faults.take(record.method, record.path);
      if (fault) record.fault = fault.kind;
      if (fault?.kind === 'latency') await sleep(fault.delayMs ?? 1000);
      if (fault?.kind === 'html-login') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(LOGIN_PAGE);
        return;
      }
      const after = fault && (fault.kind === 'reset' || fault.kind === 'status') && fault.when === 'after';
      if (fault && !after && fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault && !after && fault.kind === 'status') return sendFaultStatus(res, api, fault.status ?? 500);
      let target = res;
      if (after) target = new ServerResponse(req); // the handler's answer is computed, then lost

      const proxied = PROXY.exec(pathname);
      if (api === 'k8s' || proxied) {
        if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, k8sStatus(401, 'Unauthorized'));
      } else if (api === 'kfp' || api === 'upload' || api === 'ui') {
        if (options.kfpToken && req.headers.authorization !== `Bearer ${options.kfpToken}`) {
          return sendGrpcError(res, new ApiError(GRPC.UNAUTHENTICATED, 'Request is not authenticated: missing or wrong bearer token'), options.legacyErrorField);
        }
        if (options.kfpCookie && !(req.headers.cookie ?? '').split(/;\s*/).includes(options.kfpCookie)) {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end(LOGIN_PAGE);
          return;
        }
      }
      if (proxied) {
        const [, namespace = '', service = '', rest = '/'] = proxied;
        const uiService = /^(https?:)?ml-pipeline-ui(:(80|http))?$/.test(service) && options.ui !== false;
        if (namespace !== kfpNamespace || (!uiService && !/^(https?:)?ml-pipeline(:(8888|http))?$/.test(service))) {
          const name = service.replace(/^https?:/, '').split(':')[0] ?? service;
          return sendJson(res, 404, k8sStatus(404, `services "${name}" not found`, { name, kind: 'services' }));
        }
        pathname = rest;
        api = apiOf(pathname);
        if (api === 'k8s' || api === 'control' || (api === 'ui' && !uiService)) return sendJson(res, 404, { code: GRPC.NOT_FOUND, message: 'Not Found' });
      } else if (api === 'ui' && options.ui === false) {
        // A URL that reaches the API server itself: its gateway knows no UI route.
        return sendJson(res, 404, { code: GRPC.NOT_FOUND, message: 'Not Found' });
      }
      try {
        await dispatch(req, target, api, pathname, url.searchParams, raw);
      } catch (error) {
        fail(target, api, error);
      }
      if (after && fault) {
        if (fault.kind === 'reset') req.socket.destroy();
        else sendFaultStatus(res, api, fault.status ?? 500);
      }
    } catch (error) {
      fail(res, api, error);
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  kubeconfig = kubeconfigYaml({ server: url, token, namespace: kfpNamespace });
  if (options.kubeconfigPath) {
    mkdirSync(path.dirname(options.kubeconfigPath), { recursive: true });
    writeFileSync(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  return {
    url,
    proxyUrl: `${url}/api/v1/namespaces/${kfpNamespace}/services/ml-pipeline:8888/proxy`,
    token,
    kubeconfigYaml: kubeconfig,
    ...(options.kubeconfigPath ? { kubeconfigPath: options.kubeconfigPath } : {}),
    faults,
    state,
    clock,
    ...(swagger ? { swagger } : {}),
    close: async () => {
      state.events.emit('close');
      engine.stop();
      clock.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// client-node calls for the Argo runtime with the project's error handling: reads retried with backoff after a 5xx
// or a dropped connection, and every failure turned into a KfsError (401, 403, unreachable, ...).
import type { KubeConfig } from '@kubernetes/client-node';
import { KfsError } from '../../../../shared/errors/codes';
import { DEFAULT_RETRY, NetworkError, answerProblem, backoffDelay, networkProblem } from '../../clusters/cluster-http';
import type { Endpoint, ProblemContext, RetryPolicy } from '../../clusters/cluster-http';
import { kubeEndpoint } from '../../clusters/cluster-endpoint';
import { authPluginError } from '../../clusters/kubeconfig.load';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

interface ApiLike {
  code?: number;
  statusCode?: number;
  body?: unknown;
  errno?: string;
  type?: string;
  cause?: unknown;
}

function networkCodeOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 3) return undefined;
  const e = error as ApiLike & { code?: unknown; message?: string };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (typeof e.errno === 'string' && NETWORK_CODES.has(e.errno)) return e.errno;
  if (e.type === 'request-timeout') return 'ETIMEDOUT';
  if (/socket hang up|ECONNRESET|Premature close/i.test(e.message ?? '')) return 'ECONNRESET';
  if (/ECONNREFUSED/.test(e.message ?? '')) return 'ECONNREFUSED';
  return networkCodeOf(e.cause, depth + 1);
}

export function statusOf(error: unknown): number | undefined {
  const e = error as ApiLike;
  return typeof e?.code === 'number' ? e.code : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
}

export class KubeCalls {
  readonly endpoint: Endpoint;

  constructor(
    readonly kc: KubeConfig,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.endpoint = kubeEndpoint(kc);
  }

  /** The KfsError a person sees for a client-node failure. */
  problem(error: unknown, context: Omit<ProblemContext, 'endpoint'>): KfsError {
    if (error instanceof KfsError) return error;
    const plugin = authPluginError(this.kc, error);
    if (plugin && (error as NodeJS.ErrnoException).code === 'ENOENT') return plugin;
    const status = statusOf(error);
    if (status !== undefined) {
      const body = (error as ApiLike).body;
      const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
      return answerProblem({ status, headers: { 'content-type': 'application/json' }, text }, { endpoint: this.endpoint, ...context });
    }
    const code = networkCodeOf(error);
    if (code) return networkProblem(new NetworkError(code, String((error as Error).message), true), { endpoint: this.endpoint, doing: context.doing });
    return new KfsError('KFS908', `${context.doing} failed: ${String((error as Error)?.message ?? error)}`);
  }

  isNetwork(error: unknown): boolean {
    return networkCodeOf(error) !== undefined;
  }

  /** A read: retried after a 5xx or a dropped connection. */
  async read<T>(call: () => Promise<T>, context: Omit<ProblemContext, 'endpoint'>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const status = statusOf(error);
        const retriable = (status !== undefined && status >= 500) || (status === undefined && this.isNetwork(error));
        if (!retriable || attempt + 1 >= this.retry.attempts) throw this.problem(error, context);
      }
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(this.retry, attempt)));
    }
  }
}

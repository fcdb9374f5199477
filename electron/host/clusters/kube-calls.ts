// Kubernetes API calls (the Argo runtime, KFP's pod-log fallback) made with the project's bounded HTTP client
// and the kubeconfig's credentials (client-node turns the context into TLS material and headers, exec plugins
// included): reads retried with backoff after a 5xx or a dropped connection, every answer size-capped and every call
// under a deadline, watches with a heartbeat deadline, and every failure a KfsError (401, 403, unreachable, TLS, ...).
import type { KubeConfig } from '@kubernetes/client-node';
import type { KfsError } from '../../../shared/errors/codes';
import { ClusterError, DEFAULT_RETRY, NetworkError, sendRequest } from './cluster-http';
import type { AnswerKind, Endpoint, HttpRequest, RetryPolicy } from './cluster-http';
import { answerProblem, networkProblem, requestJson } from './cluster-calls';
import type { ProblemContext } from './cluster-calls';
import { kubeEndpoint } from './cluster-endpoint';
import { streamLines } from './cluster-stream';
import type { LineStream, StreamLimits } from './cluster-stream';

type Context = Omit<ProblemContext, 'endpoint'>;

export class KubeCalls {
  readonly endpoint: Endpoint;

  constructor(
    readonly kc: KubeConfig,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** Each call's deadline (default 30 s). */
    readonly timeoutMs?: number,
  ) {
    this.endpoint = kubeEndpoint(kc);
  }

  private bounded<R extends { timeoutMs?: number }>(request: R): R {
    return request.timeoutMs === undefined && this.timeoutMs !== undefined ? { ...request, timeoutMs: this.timeoutMs } : request;
  }

  /** A read (retried), decoded. */
  read<T>(path: string, query: HttpRequest['query'], answer: AnswerKind, context: Context): Promise<T> {
    return requestJson<T>(this.endpoint, this.bounded<HttpRequest>({ method: 'GET', path, ...(query ? { query } : {}), idempotent: true, answer }), context, this.retry);
  }

  /** A change: sent again after a lost answer only when `idempotent`; a NetworkError of a non-idempotent one reaches the caller. */
  async change<T>(request: Omit<HttpRequest, 'body'> & { body?: unknown; contentType?: string }, context: Context): Promise<T> {
    const { body, contentType, ...rest } = request;
    const sent: HttpRequest = this.bounded({
      ...rest,
      answer: rest.answer ?? 'spec',
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': contentType ?? 'application/json' } } : {}),
    });
    if (sent.idempotent) return requestJson<T>(this.endpoint, sent, context, this.retry);
    const answer = await sendRequest(this.endpoint, sent, this.retry);
    if (answer.status < 200 || answer.status >= 300) throw answerProblem(answer, { endpoint: this.endpoint, ...context });
    try {
      return JSON.parse(answer.text) as T;
    } catch {
      throw new ClusterError('KFS905', `${this.endpoint.label} answered ${context.doing} with something that is not JSON.`, { field: this.endpoint.label }, answer.status);
    }
  }

  /** The KfsError of a NetworkError a caller kept. */
  lost(error: NetworkError, doing: string): KfsError {
    return networkProblem(error, { endpoint: this.endpoint, doing });
  }

  /** A container's log; `absent` says why there is none: no such pod (404), or not started yet (400). */
  async podLog(namespace: string, pod: string, container = 'main'): Promise<{ text: string } | { absent: 'pod' | 'not-started' }> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    const doing = `reading the log of pod ${pod}`;
    let answer;
    try {
      answer = await sendRequest(this.endpoint, this.bounded<HttpRequest>({ method: 'GET', path, query: { container }, idempotent: true, answer: 'log', headers: { Accept: 'text/plain' } }), this.retry);
    } catch (error) {
      if (error instanceof NetworkError) throw networkProblem(error, { endpoint: this.endpoint, doing, answer: 'log' });
      throw error;
    }
    if (answer.status === 404 && !/text\/html/.test(String(answer.headers['content-type'] ?? ''))) return { absent: 'pod' };
    if (answer.status === 400) return { absent: 'not-started' };
    if (answer.status !== 200) throw answerProblem(answer, { endpoint: this.endpoint, doing, namespace });
    return { text: answer.text };
  }

  /** A watch: one decoded event per line; non-JSON lines are skipped. */
  watch(path: string, query: HttpRequest['query'], onEvent: (event: { type: string; object: Record<string, unknown> }) => void, limits: StreamLimits, context: Context): Promise<LineStream> {
    return streamLines(
      this.endpoint,
      { path, query: { ...query, watch: 'true' } },
      (line) => {
        let event: unknown;
        try {
          event = JSON.parse(line);
        } catch {
          return;
        }
        const { type, object } = (event ?? {}) as { type?: unknown; object?: unknown };
        if (typeof type === 'string' && object && typeof object === 'object') onEvent({ type, object: object as Record<string, unknown> });
      },
      limits,
      (answer) => answerProblem(answer, { endpoint: this.endpoint, ...context }),
    );
  }

  /** The KfsError for whatever ended a watch. */
  problem(error: unknown, doing: string): unknown {
    return error instanceof NetworkError ? networkProblem(error, { endpoint: this.endpoint, doing }) : error;
  }
}

// HTTP to a cluster (KFP directly, or the Kubernetes API server) with node:http(s): one attempt, or with retries for
// requests that are safe to repeat. Every failure becomes a KfsError a person can act on; credentials never appear
// in a message (the endpoint label has none).
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestOptions } from 'node:https';
import { KfsError } from '../../../shared/errors/codes';
import type { ErrorCode, Location } from '../../../shared/errors/codes';

export interface Endpoint {
  /** No trailing slash: `https://host/pipeline` or `https://api-server/api/v1/namespaces/kubeflow/services/ml-pipeline:8888/proxy`. */
  baseUrl: string;
  /** Where requests go, for messages: the URL without credentials, or `context X (service proxy)`. */
  label: string;
  /** `url`: a KFP URL given by a person (token/cookie); `kubeconfig`: credentials from a kubeconfig. */
  via: 'url' | 'kubeconfig';
  /** Headers (credentials) and the agent; called before every attempt so expiring tokens refresh. */
  requestOptions(): Promise<RequestOptions>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Safe to send again when the answer is lost (GET, and POSTs that only change state, like terminate). */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 5000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A failure of the connection itself: no answer came. `sent` is true when the request may have been handled. */
export class NetworkError extends Error {
  readonly code: string;
  readonly sent: boolean;

  constructor(code: string, message: string, sent: boolean) {
    super(message);
    this.name = 'NetworkError';
    this.code = code;
    this.sent = sent;
  }
}

/** A KfsError with the HTTP status and the server's own words, when the server answered. */
export class ClusterError extends KfsError {
  readonly status?: number;
  readonly serverMessage?: string;

  constructor(code: ErrorCode, message: string, location: Location = {}, status?: number, serverMessage?: string) {
    super(code, message, location);
    this.name = 'ClusterError';
    if (status !== undefined) this.status = status;
    if (serverMessage !== undefined) this.serverMessage = serverMessage;
  }
}

export function urlLabel(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

function fullUrl(endpoint: Endpoint, request: HttpRequest): URL {
  const url = new URL(`${endpoint.baseUrl}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/** One attempt. Resolves with any HTTP answer; rejects with NetworkError when none came. */
export async function sendOnce(endpoint: Endpoint, request: HttpRequest): Promise<HttpAnswer> {
  const options = await endpoint.requestOptions();
  const url = fullUrl(endpoint, request);
  const transport = url.protocol === 'https:' ? https : http;
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string | number | string[]> = { Accept: 'application/json', ...(options.headers as Record<string, string>), ...request.headers };
  if (body) headers['Content-Length'] = body.length;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let sent = false;
    const req = transport.request(url, { ...options, method: request.method, headers, timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error: NodeJS.ErrnoException) => reject(new NetworkError(error.code ?? 'ECONNRESET', error.message, true)));
      res.on('aborted', () => reject(new NetworkError('ECONNRESET', 'the connection was reset while the answer arrived', true)));
    });
    req.on('timeout', () => {
      req.destroy(new NetworkError('ETIMEDOUT', `no answer within ${Math.round((request.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`, sent));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof NetworkError) return reject(error);
      const code = error.code ?? 'ECONNRESET';
      // A refused or unresolved connection never reached the server; anything later may have.
      const reached = sent && !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
      reject(new NetworkError(code, error.message, reached));
    });
    req.on('finish', () => {
      sent = true;
    });
    req.end(body);
  });
}

const RETRY_STATUSES = new Set([500, 502, 503, 504]);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Sends a request; an idempotent one is sent again (with backoff) after a 5xx, a reset or a timeout. A request that
 * is not idempotent is sent once: its NetworkError reaches the caller, who can look up whether it was handled.
 */
export async function sendRequest(endpoint: Endpoint, request: HttpRequest, policy: RetryPolicy = DEFAULT_RETRY): Promise<HttpAnswer> {
  const attempts = request.idempotent ? Math.max(1, policy.attempts) : 1;
  for (let attempt = 0; ; attempt++) {
    const last = attempt + 1 >= attempts;
    try {
      const answer = await sendOnce(endpoint, request);
      if (!RETRY_STATUSES.has(answer.status) || last) return answer;
    } catch (error) {
      if (!(error instanceof NetworkError) || last) throw error;
    }
    await sleep(backoffDelay(policy, attempt));
  }
}

/** KFP (`{message}` / `{error_message}`) and Kubernetes (`Status.message`) error text. */
export function serverMessageOf(answer: HttpAnswer): string {
  try {
    const json = JSON.parse(answer.text) as Record<string, unknown>;
    const details = Array.isArray(json.details) ? (json.details[0] as Record<string, unknown> | undefined) : undefined;
    const text = json.error_message ?? json.message ?? details?.error_message ?? json.error;
    if (typeof text === 'string' && text) return text;
  } catch {
    /* not JSON */
  }
  return answer.text.trim().slice(0, 300);
}

export function isHtml(answer: HttpAnswer): boolean {
  const type = String(answer.headers['content-type'] ?? '');
  return type.includes('text/html') || /^\s*<(!doctype|html)/i.test(answer.text);
}

export interface ProblemContext {
  endpoint: Endpoint;
  /** What was being done: `listing runs`. */
  doing: string;
  namespace?: string;
  /** A 404 for an object (not for the API root) becomes this instead of KFS905. */
  notFound?: (message: string) => KfsError;
  conflict?: (message: string) => KfsError;
}

/** The error for an answer that is not a success (or an HTML page in place of JSON). */
export function answerProblem(answer: HttpAnswer, context: ProblemContext): KfsError {
  const where = context.endpoint.label;
  const server = isHtml(answer) ? '' : serverMessageOf(answer);
  const said = server ? ` The server said: ${server}` : '';
  const make = (code: ErrorCode, message: string): ClusterError => new ClusterError(code, message, { field: where }, answer.status, server || undefined);
  if (isHtml(answer)) {
    return make('KFS904', `${where} answered with a web page (a sign-in page of an auth proxy?) instead of the API while ${context.doing}: sign in is needed. Use a session cookie copied from your browser, or a bearer token, or reach KFP through a kubeconfig.`);
  }
  switch (answer.status) {
    case 401:
      return make(
        'KFS902',
        context.endpoint.via === 'url'
          ? `${where} rejected the credentials (HTTP 401) while ${context.doing}: the token or cookie is missing, wrong or expired. Paste a new one in the profile.${said}`
          : `The API server rejected the kubeconfig's credentials (HTTP 401) while ${context.doing}: sign in again with your cloud tool or refresh the kubeconfig.${said}`,
      );
    case 403:
      return make('KFS903', `No permission (HTTP 403) while ${context.doing}${context.namespace ? ` in namespace "${context.namespace}"` : ''}: ask an administrator for access${context.namespace ? ` to "${context.namespace}"` : ''}, or choose a namespace you belong to.${said}`);
    case 404:
      if (context.notFound) return context.notFound(server);
      return make('KFS905', `${where} has no such path (HTTP 404) while ${context.doing}: is this the KFP API root (the URL before /apis/v2beta1)?${said}`);
    case 409:
      if (context.conflict) return context.conflict(server);
      return make('KFS908', `Conflict (HTTP 409) while ${context.doing}.${said}`);
    default:
      if (answer.status >= 500) return make('KFS908', `${where} failed (HTTP ${answer.status}) while ${context.doing}, even after retrying. Try again later.${said}`);
      return make('KFS908', `${where} refused the request (HTTP ${answer.status}) while ${context.doing}.${said}`);
  }
}

/** The error for a request that got no answer. */
export function networkProblem(error: NetworkError, context: Pick<ProblemContext, 'endpoint' | 'doing'>): KfsError {
  const where = context.endpoint.label;
  const what =
    error.code === 'ECONNREFUSED'
      ? 'the connection was refused'
      : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : error.code === 'ETIMEDOUT'
          ? 'it did not answer in time'
          : error.code === 'ECONNRESET' || error.code === 'EPIPE'
            ? 'the connection was dropped'
            : `the connection failed (${error.code})`;
  return new ClusterError('KFS901', `${where} cannot be reached while ${context.doing}: ${what}. Check the URL, your network or VPN, and that the cluster is up.`, { field: where });
}

/** Sends and decodes a JSON answer; any failure becomes a KfsError. */
export async function requestJson<T = Record<string, unknown>>(endpoint: Endpoint, request: HttpRequest, context: Omit<ProblemContext, 'endpoint'>, policy?: RetryPolicy): Promise<T> {
  let answer: HttpAnswer;
  try {
    answer = await sendRequest(endpoint, request, policy);
  } catch (error) {
    if (error instanceof NetworkError) throw Object.assign(networkProblem(error, { endpoint, doing: context.doing }), { cause: error });
    throw error;
  }
  if (answer.status < 200 || answer.status >= 300 || isHtml(answer)) throw answerProblem(answer, { endpoint, ...context });
  if (!answer.text.trim()) return {} as T;
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new ClusterError('KFS905', `${endpoint.label} answered ${context.doing} with something that is not JSON: is this the KFP API root?`, { field: endpoint.label }, answer.status);
  }
}

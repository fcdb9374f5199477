// HTTP to a cluster (KFP directly, or the Kubernetes API server) with node:http(s): one attempt, or with retries for
// requests that are safe to repeat. Every call is bounded: its answer may not pass the size cap of its kind (a list
// page, an object, a spec, a log) and the whole call, retries included, ends by its deadline, so an endpoint that
// streams without end or drips a byte at a time cannot grow memory or hold the caller. Failures become KfsErrors a
// person can act on (cluster-problems.ts); credentials never appear in a message (the endpoint label has none).
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

/** What an answer is, for its size cap. */
export type AnswerKind = 'health' | 'object' | 'list' | 'spec' | 'log' | 'artifact' | 'error';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest answer of each kind that is read; anything bigger is cut off (KFS920). */
export const ANSWER_LIMITS: Record<AnswerKind, number> = {
  health: 64 * KiB,
  object: 8 * MiB,
  list: 32 * MiB,
  spec: 32 * MiB,
  log: 16 * MiB,
  artifact: 256 * MiB,
  error: 256 * KiB,
};

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Safe to send again when the answer is lost (GET, and POSTs that only change state, like terminate). */
  idempotent?: boolean;
  /** The whole call's deadline, retries included (default 30 s). */
  timeoutMs?: number;
  /** An absolute deadline (ms since the epoch) shared by several calls; the earlier of both applies. */
  deadlineAt?: number;
  /** Sets the size cap (default `object`). */
  answer?: AnswerKind;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The answer as received, for answers that are not text (gRPC-web, artifacts). */
  bytes?: Buffer;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 5000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A failure of the connection itself: no (whole) answer came. `sent` is true when the request may have been handled.
 * Besides Node's codes: `EDEADLINE` (the call's deadline passed), `ETOOLARGE` (the answer passed its size cap),
 * `EHEARTBEAT` (a watch went silent mid-event).
 */
export class NetworkError extends Error {
  readonly code: string;
  readonly sent: boolean;
  /** Bytes of the answer that had arrived. */
  received = 0;
  /** The cap or deadline that was passed, for EDEADLINE / ETOOLARGE / EHEARTBEAT. */
  limit?: number;

  constructor(code: string, message: string, sent: boolean, details: { received?: number; limit?: number } = {}) {
    super(message);
    this.name = 'NetworkError';
    this.code = code;
    this.sent = sent;
    if (details.received !== undefined) this.received = details.received;
    if (details.limit !== undefined) this.limit = details.limit;
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

export function fullUrl(endpoint: Endpoint, request: Pick<HttpRequest, 'path' | 'query'>): URL {
  const url = new URL(`${endpoint.baseUrl}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/** The absolute deadline of a call. */
export function deadlineOf(request: Pick<HttpRequest, 'timeoutMs' | 'deadlineAt'>, now = Date.now()): number {
  const own = now + (request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return request.deadlineAt === undefined ? own : Math.min(own, request.deadlineAt);
}

const NOT_REACHED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** One attempt, ending by `deadline`. Resolves with any HTTP answer; rejects with NetworkError when none came whole. */
export async function sendOnce(endpoint: Endpoint, request: HttpRequest, deadline = deadlineOf(request)): Promise<HttpAnswer> {
  const options = await endpoint.requestOptions();
  const url = fullUrl(endpoint, request);
  const transport = url.protocol === 'https:' ? https : http;
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string | number | string[]> = { Accept: 'application/json', ...(options.headers as Record<string, string>), ...request.headers };
  if (body) headers['Content-Length'] = body.length;
  const limit = ANSWER_LIMITS[request.answer ?? 'object'];
  const budgetMs = Math.max(0, deadline - Date.now());
  return new Promise<HttpAnswer>((resolve, reject) => {
    let sent = false;
    let received = 0;
    const req = transport.request(url, { ...options, method: request.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      const cap = (res.statusCode ?? 0) >= 400 ? Math.min(limit, ANSWER_LIMITS.error) : limit;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > cap) {
          chunks.length = 0;
          req.destroy(new NetworkError('ETOOLARGE', `the answer passed ${cap} bytes`, true, { received, limit: cap }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: request.answer === 'artifact' && (res.statusCode ?? 0) < 400 ? '' : bytes.toString('utf8'), bytes });
      });
      res.on('error', (error: NodeJS.ErrnoException) => reject(error instanceof NetworkError ? error : new NetworkError(error.code ?? 'ECONNRESET', error.message, true, { received })));
      res.on('aborted', () => reject(new NetworkError('ECONNRESET', 'the connection was reset while the answer arrived', true, { received })));
    });
    const timer = setTimeout(() => req.destroy(new NetworkError('EDEADLINE', `no whole answer within ${budgetMs} ms`, sent, { received, limit: budgetMs })), budgetMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error instanceof NetworkError) return reject(error);
      const code = error.code ?? 'ECONNRESET';
      // A refused or unresolved connection, or a TLS handshake that failed, never reached the server's handler.
      const reached = sent && !NOT_REACHED.includes(code) && !isTlsCode(code);
      reject(new NetworkError(code, error.message, reached, { received }));
    });
    req.on('finish', () => {
      sent = true;
    });
    req.end(body);
  });
}

/** Node's codes for a certificate that does not verify (OpenSSL's names, and Node's for a host name mismatch). */
export function isTlsCode(code: string): boolean {
  return code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|_SIGNATURE/.test(code) || code.startsWith('ERR_SSL');
}

const RETRY_STATUSES = new Set([500, 502, 503, 504]);
/** Failures that sending again cannot mend. */
const FINAL_CODES = new Set(['ETOOLARGE', 'EDEADLINE']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Sends a request; an idempotent one is sent again (with backoff, within its deadline) after a 5xx, a reset or a
 * refused connection. A request that is not idempotent is sent once: its NetworkError reaches the caller, who can
 * look up whether it was handled.
 */
export async function sendRequest(endpoint: Endpoint, request: HttpRequest, policy: RetryPolicy = DEFAULT_RETRY): Promise<HttpAnswer> {
  const attempts = request.idempotent ? Math.max(1, policy.attempts) : 1;
  const deadline = deadlineOf(request);
  for (let attempt = 0; ; attempt++) {
    const delay = backoffDelay(policy, attempt);
    const last = attempt + 1 >= attempts || Date.now() + delay >= deadline;
    try {
      const answer = await sendOnce(endpoint, request, deadline);
      if (!RETRY_STATUSES.has(answer.status) || last) return answer;
    } catch (error) {
      if (!(error instanceof NetworkError) || last || FINAL_CODES.has(error.code) || isTlsCode(error.code)) throw error;
    }
    await sleep(delay);
  }
}


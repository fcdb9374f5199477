// A cluster call's outcome as a person sees it: the decoded JSON answer, or a KfsError telling 401, 403, a sign-in
// page, a wrong path, an unreachable host, a certificate that does not verify, an answer too large or too slow apart,
// each with what to do.
import { ClusterError, NetworkError, isTlsCode, sendRequest, ANSWER_LIMITS } from './cluster-http';
import type { AnswerKind, Endpoint, HttpAnswer, HttpRequest, RetryPolicy } from './cluster-http';
import type { ErrorCode, KfsError } from '../../../shared/errors/codes';

// The kinds of KFP's UserError (backend/src/common/util/error.go): each starts the part written for the user.
const USER_ERROR_KINDS = /(?:Invalid input error|Already exist error|ResourceNotFoundError|BadRequestError): /g;

/** The user's part of a KFP error chain ("Failed to create ...: Invalid input error: <this>"). */
function userPartOf(chain: string): string {
  const starts = [...chain.matchAll(USER_ERROR_KINDS)];
  const last = starts[starts.length - 1];
  return last?.index !== undefined ? chain.slice(last.index + last[0].length) || chain : chain;
}

/**
 * The server's words for a person. KFP's gRPC errors (util.ToGRPCError) put the chain of internal messages in
 * `message` and the user's message in `details[0]` (an api.Error: `error_message`); its upload and log handlers
 * answer a bare api.Error whose `error_message` is the chain; Kubernetes answers a Status with `message`.
 */
export function serverMessageOf(answer: HttpAnswer): string {
  try {
    const json = JSON.parse(answer.text) as Record<string, unknown>;
    const details = Array.isArray(json.details) ? (json.details[0] as Record<string, unknown> | undefined) : undefined;
    if (typeof details?.error_message === 'string' && details.error_message) return details.error_message;
    if (typeof json.error_message === 'string' && json.error_message) return userPartOf(json.error_message);
    const text = json.message ?? json.error;
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

/** What a certificate failure means, in words, by Node's code. */
function certificateProblem(code: string): string {
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') return 'its certificate is self-signed (no authority you trust signed it)';
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
  if (code === 'CERT_NOT_YET_VALID') return 'its certificate is not valid yet (check the clock)';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'its certificate is for another host name';
  if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' || code === 'UNABLE_TO_GET_ISSUER_CERT') return 'its certificate was signed by an authority you do not trust';
  if (code === 'CERT_REVOKED') return 'its certificate was revoked';
  return `its certificate does not verify (${code})`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The error for a request that got no (whole) answer. */
export function networkProblem(error: NetworkError, context: Pick<ProblemContext, 'endpoint' | 'doing'> & { answer?: AnswerKind }): KfsError {
  const where = context.endpoint.label;
  const make = (code: ErrorCode, message: string): ClusterError => new ClusterError(code, message, { field: where });
  if (error.code === 'ETOOLARGE') {
    const kind = context.answer ?? 'object';
    return make(
      'KFS920',
      `${where} sent more than ${sizeText(error.limit ?? ANSWER_LIMITS[kind])} while ${context.doing} (the most read for ${kind === 'list' ? 'a page of a list' : kind === 'log' ? 'a log' : kind === 'spec' ? 'a pipeline spec' : kind === 'health' ? 'a version check' : 'one object'}): the answer was cut off and none of it was used. A KFP API does not answer this much: check that the URL is the KFP API root and not another service or a proxy that streams.`,
    );
  }
  if (error.code === 'EDEADLINE' || error.code === 'EHEARTBEAT') {
    const seconds = Math.max(1, Math.round((error.limit ?? 0) / 1000));
    const how = error.received ? `only ${sizeText(error.received)} of an answer had arrived` : 'no answer had arrived';
    return make(
      'KFS921',
      error.code === 'EHEARTBEAT'
        ? `${where} went silent for ${seconds} s in the middle of an event while ${context.doing}: the watch was dropped and is opened again. If it keeps happening, check the API server and any proxy in between.`
        : `${where} did not finish answering within ${seconds} s while ${context.doing} (${how}): the server, or a proxy in between, is stalling. Try again later; if it keeps happening, check the cluster's API server and any proxy or VPN in between.`,
    );
  }
  if (isTlsCode(error.code)) {
    return make(
      'KFS924',
      `${where} was reached, but the secure connection was refused while ${context.doing}: ${certificateProblem(error.code)}. Check that the URL is the right host; if the cluster uses its own certificate authority, give its certificate in the kubeconfig (certificate-authority) rather than turning verification off.`,
    );
  }
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
  return make('KFS901', `${where} cannot be reached while ${context.doing}: ${what}. Check the URL, your network or VPN, and that the cluster is up.`);
}

/** Sends and decodes a JSON answer; any failure becomes a KfsError. */
export async function requestJson<T = Record<string, unknown>>(endpoint: Endpoint, request: HttpRequest, context: Omit<ProblemContext, 'endpoint'>, policy?: RetryPolicy): Promise<T> {
  let answer: HttpAnswer;
  try {
    answer = await sendRequest(endpoint, request, policy);
  } catch (error) {
    if (error instanceof NetworkError) throw Object.assign(networkProblem(error, { endpoint, doing: context.doing, ...(request.answer ? { answer: request.answer } : {}) }), { cause: error });
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

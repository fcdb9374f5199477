// One click, one object: a request that creates something (a run, an upload, a recurring run, a Workflow, a retry) is
// sent once and never again. When its answer is lost after sending (a deadline, a reset, a 5xx from a gateway), the
// cluster may or may not have done it, so the object is looked for (by a marker the request carried) with backoff for
// a bounded time, and the person is told the truth: done (here it is), not done (safe to try again), or unknown (what
// to search for before trying again).
import { KfsError } from '../../../shared/errors/codes';
import type { ClusterError } from './cluster-http';
import { NetworkError, backoffDelay } from './cluster-http';

export interface LookupPolicy {
  /** How long to keep looking after the answer was lost. */
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOOKUP: LookupPolicy = { windowMs: 45_000, baseDelayMs: 1000, maxDelayMs: 8000 };

/** Whether the server may have done a request that failed: sent and no whole answer, or a 5xx. */
export function mayHaveHappened(error: unknown): boolean {
  if (error instanceof NetworkError) return error.sent;
  const status = (error as Partial<ClusterError> | undefined)?.status;
  return error instanceof KfsError && typeof status === 'number' && status >= 500;
}

export interface CreateOnce<T> {
  /** Sends the request, once. */
  send(): Promise<T>;
  /** Looks for what the request made; `undefined` while it is not there. */
  find(): Promise<T | undefined>;
  /** `creating the run`. */
  doing: string;
  /** What to search for on the cluster when the outcome stays unknown: `a run whose description holds "…"`. */
  marker: string;
  /** The KfsError for a NetworkError of a request that never left (refused, unresolved, TLS). */
  unreachable(error: NetworkError): KfsError;
  policy?: LookupPolicy;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What happened, as said after the failure: `the answer did not come within 30 s` / `HTTP 504`. */
function failureText(error: unknown): string {
  if (error instanceof NetworkError) {
    return error.code === 'EDEADLINE' ? 'no answer came in time' : error.code === 'ETOOLARGE' ? 'the answer was too large to read' : 'the connection was lost before the answer came';
  }
  return `the cluster answered HTTP ${String((error as Partial<ClusterError>).status)}`;
}

/** The created object, `recovered` when it was found after a lost answer; else a KfsError saying what is known. */
export async function createOnce<T>(spec: CreateOnce<T>): Promise<{ value: T; recovered: boolean }> {
  let failure: unknown;
  try {
    return { value: await spec.send(), recovered: false };
  } catch (error) {
    if (error instanceof NetworkError && !error.sent) throw spec.unreachable(error);
    if (!mayHaveHappened(error)) throw error;
    failure = error;
  }
  const policy = spec.policy ?? DEFAULT_LOOKUP;
  const end = Date.now() + policy.windowMs;
  let lookError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      const found = await spec.find();
      if (found !== undefined) return { value: found, recovered: true };
      lookError = undefined;
    } catch (error) {
      lookError = error;
    }
    const delay = backoffDelay({ attempts: 0, baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs }, attempt);
    if (Date.now() + delay > end) break;
    await sleep(delay);
  }
  const seconds = Math.round(policy.windowMs / 1000);
  if (lookError === undefined) {
    throw new KfsError(
      'KFS922',
      `Not done: while ${spec.doing}, ${failureText(failure)}; the cluster was then searched for ${seconds} s and it holds nothing made by this request. It is safe to try again.`,
    );
  }
  const why = lookError instanceof Error ? lookError.message : String(lookError);
  throw new KfsError(
    'KFS912',
    `Unknown whether it was done: while ${spec.doing}, ${failureText(failure)}, and the cluster could not be searched afterwards (${why}). Before trying again, look on the cluster for ${spec.marker}: if it is there, it was done.`,
  );
}

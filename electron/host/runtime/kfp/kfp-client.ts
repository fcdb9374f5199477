// The KFP REST API v2beta1, one method per call used. GETs (and state changes that are safe to repeat) retry with
// backoff; creating POSTs (runs, uploads, experiments, recurring runs) are sent once and their NetworkError reaches
// the caller, which looks the object up before reporting.
import { randomBytes } from 'node:crypto';
import type { KfsError } from '../../../../shared/errors/codes';
import type { AnswerKind, Endpoint, HttpRequest, RetryPolicy } from '../../clusters/cluster-http';
import { ClusterError, DEFAULT_RETRY, sendRequest, NetworkError } from '../../clusters/cluster-http';
import { answerProblem, networkProblem, requestJson } from '../../clusters/cluster-calls';
import type { ProblemContext } from '../../clusters/cluster-calls';
import type { KfpRun } from './kfp-snapshot';

type Obj = { [key: string]: unknown };
const API = '/apis/v2beta1';

export interface KfpPipeline {
  pipeline_id: string;
  name?: string;
  display_name?: string;
  created_at?: string;
}

export interface KfpVersion {
  pipeline_id: string;
  pipeline_version_id: string;
  name?: string;
  display_name?: string;
  created_at?: string;
  pipeline_spec?: Obj;
}

export interface KfpExperiment {
  experiment_id: string;
  display_name?: string;
  description?: string;
  created_at?: string;
  storage_state?: string;
  namespace?: string;
}

export interface ListPage<T> {
  items: T[];
  nextPageToken?: string;
  totalSize?: number;
}

export interface ListQuery {
  pageSize?: number;
  pageToken?: string;
  /** `created_at desc` */
  sortBy?: string;
  /** A KFP Filter message (predicates AND-ed). */
  filter?: { predicates: Obj[] };
}

function listParams(query: ListQuery): Record<string, string | number | undefined> {
  return {
    page_size: query.pageSize,
    page_token: query.pageToken,
    sort_by: query.sortBy,
    // The server URL-decodes the filter once more after the query was decoded (parseAPIFilter): encode it twice, as
    // the KFP UI does, so that `%` and `+` in a value arrive as written.
    filter: query.filter && query.filter.predicates.length ? encodeURIComponent(JSON.stringify(query.filter)) : undefined,
  };
}

const notFoundRun = (what: string) => (said: string) => new ClusterError('KFS802', `${what} was not found on the cluster.${said ? ` The server said: ${said}` : ''}`, {}, 404, said);

export class KfpClient {
  constructor(
    readonly endpoint: Endpoint,
    /** The user namespace of a multi-user KFP. */
    readonly namespace: string | undefined,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** Each call's deadline when the call sets none (default 30 s). */
    readonly timeoutMs?: number,
  ) {}

  private bounded(request: HttpRequest): HttpRequest {
    return request.timeoutMs === undefined && this.timeoutMs !== undefined ? { ...request, timeoutMs: this.timeoutMs } : request;
  }

  private json<T>(request: HttpRequest, context: Omit<ProblemContext, 'endpoint'>): Promise<T> {
    return requestJson<T>(this.endpoint, this.bounded(request), { ...(this.namespace ? { namespace: this.namespace } : {}), ...context }, this.retry);
  }

  private get<T>(path: string, query: HttpRequest['query'], doing: string, notFound?: (said: string) => KfsError, answer: AnswerKind = 'object'): Promise<T> {
    return this.json<T>({ method: 'GET', path, query, idempotent: true, answer }, { doing, ...(notFound ? { notFound } : {}) });
  }

  /** POST that creates something: sent once; a lost answer surfaces as NetworkError (not yet a KfsError). */
  private async create<T>(request: HttpRequest, context: Omit<ProblemContext, 'endpoint'>): Promise<T> {
    const answer = await sendRequest(this.endpoint, this.bounded({ ...request, idempotent: false }), this.retry);
    if (answer.status < 200 || answer.status >= 300 || /text\/html/.test(String(answer.headers['content-type'] ?? ''))) {
      throw answerProblem(answer, { endpoint: this.endpoint, ...(this.namespace ? { namespace: this.namespace } : {}), ...context });
    }
    return (answer.text.trim() ? JSON.parse(answer.text) : {}) as T;
  }

  /** A NetworkError as the person sees it. */
  unreachable(error: NetworkError, doing: string, answer?: AnswerKind): KfsError {
    return networkProblem(error, { endpoint: this.endpoint, doing, ...(answer ? { answer } : {}) });
  }

  private postJson<T>(path: string, body: Obj | undefined, doing: string, notFound?: (said: string) => KfsError, conflict?: (said: string) => KfsError): Promise<T> {
    return this.json<T>(
      { method: 'POST', path, body: JSON.stringify(body ?? {}), headers: { 'Content-Type': 'application/json' }, idempotent: true },
      { doing, ...(notFound ? { notFound } : {}), ...(conflict ? { conflict } : {}) },
    );
  }

  healthz(): Promise<{ tag_name?: string; multi_user?: boolean; commit_sha?: string }> {
    return this.get(`${API}/healthz`, undefined, 'reading the KFP version', undefined, 'health');
  }

  // --- pipelines ---

  async upload(archive: Uint8Array, fileName: string, params: { name: string; displayName?: string; description?: string; versionOf?: string; versionName?: string }): Promise<Obj> {
    const boundary = `----kfp-studio-${randomBytes(12).toString('hex')}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="uploadfile"; filename="${fileName.replace(/["\r\n]/g, '_')}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
    const body = Buffer.concat([head, Buffer.from(archive), tail]);
    const path = params.versionOf ? `${API}/pipelines/upload_version` : `${API}/pipelines/upload`;
    const query = params.versionOf
      ? { pipelineid: params.versionOf, name: params.versionName ?? params.name, display_name: params.versionName ?? params.name }
      : { name: params.name, display_name: params.displayName ?? params.name, description: params.description, ...(this.namespace ? { namespace: this.namespace } : {}) };
    return this.create<Obj>(
      { method: 'POST', path, query, body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, timeoutMs: Math.max(120_000, this.timeoutMs ?? 0) },
      { doing: params.versionOf ? `uploading a new version of the pipeline` : `uploading the pipeline "${params.name}"` },
    );
  }

  /** The pipeline of that name, or undefined. */
  async pipelineByName(name: string): Promise<KfpPipeline | undefined> {
    try {
      return await this.get<KfpPipeline>(`${API}/pipelines/names/${encodeURIComponent(name)}`, this.namespace ? { namespace: this.namespace } : undefined, `looking up the pipeline "${name}"`, notFoundRun(`The pipeline "${name}"`));
    } catch (error) {
      if (error instanceof ClusterError && error.code === 'KFS802') return undefined;
      throw error;
    }
  }

  getPipeline(id: string): Promise<KfpPipeline> {
    return this.get(`${API}/pipelines/${encodeURIComponent(id)}`, undefined, 'reading a pipeline', notFoundRun(`Pipeline ${id}`));
  }

  async listVersions(pipelineId: string, query: ListQuery = {}): Promise<ListPage<KfpVersion>> {
    const page = await this.get<{ pipeline_versions?: KfpVersion[]; next_page_token?: string; total_size?: number }>(
      `${API}/pipelines/${encodeURIComponent(pipelineId)}/versions`,
      listParams(query),
      'listing pipeline versions',
      notFoundRun(`Pipeline ${pipelineId}`),
      'list',
    );
    return { items: page.pipeline_versions ?? [], ...(page.next_page_token ? { nextPageToken: page.next_page_token } : {}), ...(page.total_size !== undefined ? { totalSize: Number(page.total_size) } : {}) };
  }

  getVersion(pipelineId: string, versionId: string): Promise<KfpVersion> {
    return this.get(`${API}/pipelines/${encodeURIComponent(pipelineId)}/versions/${encodeURIComponent(versionId)}`, undefined, 'reading a pipeline version', notFoundRun(`Pipeline version ${versionId}`), 'spec');
  }

  // --- experiments ---

  createExperiment(name: string, description?: string): Promise<KfpExperiment> {
    return this.create<KfpExperiment>(
      {
        method: 'POST',
        path: `${API}/experiments`,
        body: JSON.stringify({ display_name: name, ...(description ? { description } : {}), ...(this.namespace ? { namespace: this.namespace } : {}) }),
        headers: { 'Content-Type': 'application/json' },
      },
      { doing: `creating the experiment "${name}"`, conflict: (said) => new ClusterError('KFS909', `An experiment named "${name}" exists already.${said ? ` ${said}` : ''}`, { field: 'experiment' }, 409, said) },
    );
  }

  async listExperiments(query: ListQuery = {}): Promise<ListPage<KfpExperiment>> {
    const page = await this.get<{ experiments?: KfpExperiment[]; next_page_token?: string; total_size?: number }>(
      `${API}/experiments`,
      { ...listParams(query), ...(this.namespace ? { namespace: this.namespace } : {}) },
      'listing experiments',
      undefined,
      'list',
    );
    return { items: page.experiments ?? [], ...(page.next_page_token ? { nextPageToken: page.next_page_token } : {}), ...(page.total_size !== undefined ? { totalSize: Number(page.total_size) } : {}) };
  }

  archiveExperiment(id: string): Promise<Obj> {
    return this.postJson(`${API}/experiments/${encodeURIComponent(id)}:archive`, undefined, 'archiving the experiment', notFoundRun(`Experiment ${id}`));
  }

  // --- runs ---

  createRun(body: Obj): Promise<KfpRun> {
    return this.create<KfpRun>({ method: 'POST', path: `${API}/runs`, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }, { doing: 'creating the run' });
  }

  getRun(id: string): Promise<KfpRun> {
    return this.get(`${API}/runs/${encodeURIComponent(id)}`, undefined, 'reading the run', notFoundRun(`Run ${id}`), 'spec');
  }

  async listRuns(query: ListQuery & { experimentId?: string } = {}): Promise<ListPage<KfpRun>> {
    const page = await this.get<{ runs?: KfpRun[]; next_page_token?: string; total_size?: number }>(
      `${API}/runs`,
      { ...listParams(query), experiment_id: query.experimentId, ...(this.namespace && !query.experimentId ? { namespace: this.namespace } : {}) },
      'listing runs',
      undefined,
      'list',
    );
    return { items: page.runs ?? [], ...(page.next_page_token ? { nextPageToken: page.next_page_token } : {}), ...(page.total_size !== undefined ? { totalSize: Number(page.total_size) } : {}) };
  }

  /** Retrying is not idempotent (a second one is refused once the first worked): sent once, a lost answer reaches the caller. */
  retryRun(id: string): Promise<Obj> {
    return this.create<Obj>(
      { method: 'POST', path: `${API}/runs/${encodeURIComponent(id)}:retry`, body: '{}', headers: { 'Content-Type': 'application/json' } },
      {
        doing: 'retrying the run',
        notFound: notFoundRun(`Run ${id}`),
        conflict: (said) => new ClusterError('KFS804', `The run cannot be retried in its current state.${said ? ` The server said: ${said}` : ''}`, {}, 409, said),
      },
    );
  }

  runAction(id: string, action: 'terminate' | 'archive' | 'unarchive'): Promise<Obj> {
    const doing = `${action === 'terminate' ? 'terminating' : `${action.replace(/e$/, '')}ing`} the run`;
    return this.postJson(`${API}/runs/${encodeURIComponent(id)}:${action}`, undefined, doing, notFoundRun(`Run ${id}`), (said) =>
      new ClusterError('KFS804', `The run cannot be ${action}d in its current state.${said ? ` The server said: ${said}` : ''}`, {}, 409, said),
    );
  }

  // --- recurring runs ---

  createRecurringRun(body: Obj): Promise<Obj> {
    return this.create<Obj>({ method: 'POST', path: `${API}/recurringruns`, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }, { doing: 'creating the recurring run' });
  }

  async listRecurringRuns(query: ListQuery & { experimentId?: string } = {}): Promise<ListPage<Obj>> {
    const page = await this.get<{ recurringRuns?: Obj[]; recurring_runs?: Obj[]; next_page_token?: string; total_size?: number }>(
      `${API}/recurringruns`,
      { ...listParams(query), experiment_id: query.experimentId, ...(this.namespace ? { namespace: this.namespace } : {}) },
      'listing recurring runs',
      undefined,
      'list',
    );
    return { items: page.recurringRuns ?? page.recurring_runs ?? [], ...(page.next_page_token ? { nextPageToken: page.next_page_token } : {}) };
  }

  recurringRunAction(id: string, action: 'enable' | 'disable'): Promise<Obj> {
    return this.postJson(`${API}/recurringruns/${encodeURIComponent(id)}:${action}`, undefined, `${action === 'enable' ? 'enabling' : 'disabling'} the recurring run`, notFoundRun(`Recurring run ${id}`));
  }

  deleteRecurringRun(id: string): Promise<Obj> {
    return this.json({ method: 'DELETE', path: `${API}/recurringruns/${encodeURIComponent(id)}`, idempotent: true }, { doing: 'deleting the recurring run', notFound: notFoundRun(`Recurring run ${id}`) });
  }

  /** KFP's run log endpoint (the pod's main container log), as text. */
  async runLog(runId: string, podName: string): Promise<string> {
    const path = `/apis/v1alpha1/runs/${encodeURIComponent(runId)}/nodes/${encodeURIComponent(podName)}/log`;
    let answer;
    try {
      answer = await sendRequest(this.endpoint, { method: 'GET', path, idempotent: true, answer: 'log', headers: { Accept: 'text/plain' } }, this.retry);
    } catch (error) {
      if (error instanceof NetworkError) throw this.unreachable(error, 'reading the log', 'log');
      throw error;
    }
    if (answer.status !== 200 || /text\/html/.test(String(answer.headers['content-type'] ?? ''))) throw answerProblem(answer, { endpoint: this.endpoint, doing: 'reading the log', notFound: notFoundRun(`The log of ${podName}`) });
    return answer.text;
  }
}

// The Argo runtime: a run is an Argo `Workflow` custom object (argoproj.io/v1alpha1) created, watched and stopped
// through @kubernetes/client-node. The watch resumes from the last resourceVersion after a dropped connection
// (starting over from a fresh read when that version has expired); logs are the pods' `main` container logs.
import { randomUUID } from 'node:crypto';
import { load } from 'js-yaml';
import type { KubeConfig } from '@kubernetes/client-node';
import { KfsError } from '../../../../shared/errors/codes';
import type { JsonValue } from '../../../../shared/model/document';
import { isTerminalRun, queryRuns } from '../../../../shared/runtime/runtime';
import type { ArtifactEntry, Experiment, LogChunk, RunPage, RunPageQuery, RunQuery, RunSnapshot, Runtime, SubmitRequest, Unsubscribe } from '../../../../shared/runtime/runtime';
import { pageOfRuns } from '../../../../shared/runtime/run-page';
import { ANSWER_LIMITS } from '../../clusters/cluster-http';
import type { RetryPolicy } from '../../clusters/cluster-http';
import { createOnce } from '../../clusters/create-once';
import type { LookupPolicy } from '../../clusters/create-once';
import { KubeCalls } from '../../clusters/kube-calls';
import { podNameCandidates, snapshotOfWorkflow } from './argo-snapshot';
import type { ArgoWorkflow, MappedWorkflow } from './argo-snapshot';
import { followLogByPolling } from '../follow-log.polling';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';
const PLURAL = 'workflows';
const REQUEST_LABEL = 'kfp-studio/request';

export interface ArgoRuntimeOptions {
  kc: KubeConfig;
  namespace: string;
  serviceAccount?: string;
  retry?: RetryPolicy;
  /** How long one watch request stays open before it is renewed (default 300 s). */
  watchTimeoutSeconds?: number;
  /** Longest wait for the next watch event before the watch is renewed (default 120 s). */
  watchHeartbeatMs?: number;
  /** First pause before reconnecting a dropped watch, and the longest (default 500 ms, 30 s). */
  reconnectMs?: number;
  maxBackoffMs?: number;
  /** Pause between log reads when following a log (default 2000 ms). */
  pollMs?: number;
  onWatchProblem?: (runId: string, error: unknown | undefined) => void;
  /** How long a lost create answer is followed by looking for the Workflow. */
  lookup?: LookupPolicy;
  /** Each call's deadline (default 30 s). */
  timeoutMs?: number;
}

export interface WorkflowSubmitOptions {
  parameters?: { [name: string]: JsonValue };
  displayName?: string;
  pipelineName?: string;
}

type Obj = { [key: string]: unknown };

function isWorkflow(value: unknown): value is ArgoWorkflow {
  return typeof value === 'object' && value !== null && (value as Obj).kind === 'Workflow' && String((value as Obj).apiVersion ?? '').startsWith('argoproj.io/');
}

/** A Workflow object from an object or YAML/JSON text; KFS610 for anything else (such as a KFP IR). */
export function workflowOf(pipeline: SubmitRequest['pipeline']): ArgoWorkflow {
  let value: unknown = pipeline;
  if (typeof pipeline === 'string') {
    try {
      value = load(pipeline);
    } catch (error) {
      throw new KfsError('KFS610', `The pipeline text is not YAML: ${(error as Error).message}`);
    }
  }
  if (!isWorkflow(value)) {
    throw new KfsError('KFS610', 'An Argo profile runs Argo Workflows (apiVersion argoproj.io/v1alpha1, kind Workflow): compile the pipeline for the Argo target, not to KFP IR.');
  }
  return structuredClone(value);
}

export class ArgoRuntime implements Runtime {
  readonly kind = 'argo' as const;
  private readonly calls: KubeCalls;
  private readonly revisions = new Map<string, { revision: number; key: string }>();
  private readonly watches = new Set<Unsubscribe>();

  constructor(private readonly options: ArgoRuntimeOptions) {
    this.calls = new KubeCalls(options.kc, options.retry, options.timeoutMs);
  }

  private get ns(): string {
    return this.options.namespace;
  }

  private get workflowsPath(): string {
    return `/apis/${GROUP}/${VERSION}/namespaces/${encodeURIComponent(this.ns)}/${PLURAL}`;
  }

  private mapped(workflow: ArgoWorkflow): MappedWorkflow {
    const result = snapshotOfWorkflow(workflow, 0);
    const key = JSON.stringify(result.snapshot);
    const name = result.snapshot.id;
    const previous = this.revisions.get(name);
    const revision = previous && previous.key === key ? previous.revision : (previous?.revision ?? 0) + 1;
    this.revisions.set(name, { revision, key });
    result.snapshot.revision = revision;
    return result;
  }

  submit(request: SubmitRequest): Promise<string> {
    return this.submitWorkflow(workflowOf(request.pipeline), {
      ...(request.parameters ? { parameters: request.parameters } : {}),
      ...(request.displayName ? { displayName: request.displayName } : {}),
    });
  }

  /** Creates the Workflow (sent once); resolves with its name, the run id. */
  async submitWorkflow(input: ArgoWorkflow, options: WorkflowSubmitOptions = {}): Promise<string> {
    const workflow = structuredClone(input);
    const request = randomUUID();
    const pipelineName = options.pipelineName ?? workflow.metadata?.generateName?.replace(/-$/, '') ?? workflow.metadata?.name ?? 'pipeline';
    workflow.metadata = { ...workflow.metadata, namespace: this.ns, labels: { ...workflow.metadata?.labels, [REQUEST_LABEL]: request, 'kfp-studio/pipeline': pipelineName.slice(0, 63).replace(/[^A-Za-z0-9_.-]/g, '-') } };
    if (options.displayName) workflow.metadata.annotations = { ...workflow.metadata.annotations, 'kfp-studio/display-name': options.displayName };
    if (!workflow.metadata.name && !workflow.metadata.generateName) workflow.metadata.generateName = `${pipelineName}-`;
    const spec = (workflow.spec ?? {}) as NonNullable<ArgoWorkflow['spec']>;
    if (this.options.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = this.options.serviceAccount;
    const given = Object.entries(options.parameters ?? {});
    if (given.length) {
      const declared = spec.arguments?.parameters ?? [];
      for (const [name, value] of given) {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        const found = declared.find((item) => item.name === name);
        if (!found) throw new KfsError('KFS801', `The workflow has no parameter "${name}"${declared.length ? ` (it has ${declared.map((d) => d.name).join(', ')})` : ''}.`, { parameter: name });
        found.value = text;
      }
      spec.arguments = { ...spec.arguments, parameters: declared };
    }
    workflow.spec = spec;
    const doing = 'creating the Workflow';
    const { value } = await createOnce<string>({
      send: async () => (await this.calls.change<ArgoWorkflow>({ method: 'POST', path: this.workflowsPath, body: workflow }, { doing, namespace: this.ns })).metadata.name ?? '',
      find: async () => (await this.list(`${REQUEST_LABEL}=${request}`))[0]?.metadata.name,
      doing,
      marker: `a Workflow in namespace "${this.ns}" labelled ${REQUEST_LABEL}=${request} (kubectl get workflows -n ${this.ns} -l ${REQUEST_LABEL}=${request})`,
      unreachable: (error) => this.calls.lost(error, doing),
      ...(this.options.lookup ? { policy: this.options.lookup } : {}),
    });
    return value;
  }

  private async getWorkflow(name: string): Promise<ArgoWorkflow> {
    return this.calls.read<ArgoWorkflow>(`${this.workflowsPath}/${encodeURIComponent(name)}`, undefined, 'spec', {
      doing: `reading the Workflow "${name}"`,
      namespace: this.ns,
      notFound: () => new KfsError('KFS802', `There is no Workflow "${name}" in namespace "${this.ns}".`),
    });
  }

  private async list(labelSelector?: string): Promise<ArgoWorkflow[]> {
    const answer = await this.calls.read<{ items?: ArgoWorkflow[] }>(this.workflowsPath, labelSelector ? { labelSelector } : undefined, 'list', {
      doing: `listing Workflows in namespace "${this.ns}"`,
      namespace: this.ns,
    });
    return answer.items ?? [];
  }

  async getRun(runId: string): Promise<RunSnapshot> {
    return this.mapped(await this.getWorkflow(runId)).snapshot;
  }

  async getPipeline(runId: string): Promise<{ [key: string]: unknown }> {
    const workflow = await this.getWorkflow(runId);
    return { apiVersion: workflow.apiVersion, kind: workflow.kind, metadata: { name: workflow.metadata.name }, spec: workflow.spec };
  }

  /** Follows the Workflow; `onProblem` hears of each failure (the watch goes on) and of recovery (`undefined`). */
  watch(runId: string, listener: (snapshot: RunSnapshot) => void, onProblem?: (error: unknown | undefined) => void): Unsubscribe {
    let stopped = false;
    let resourceVersion: string | undefined;
    let abort: (() => void) | undefined;
    const report = (error: unknown | undefined): void => {
      this.options.onWatchProblem?.(runId, error);
      onProblem?.(error);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let lastKey = '';
    const base = this.options.reconnectMs ?? 500;
    const emit = (workflow: ArgoWorkflow): void => {
      const { snapshot } = this.mapped(workflow);
      const key = JSON.stringify({ ...snapshot, revision: 0 });
      if (key !== lastKey) {
        lastKey = key;
        listener(snapshot);
      }
      if (isTerminalRun(snapshot.state)) stop();
    };
    const retryLater = (error: unknown | undefined): void => {
      if (stopped) return;
      if (error !== undefined) {
        failures += 1;
        report(error);
      }
      const delay = error === undefined ? 0 : Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** Math.min(failures - 1, 10));
      timer = setTimeout(() => void start(), delay);
    };
    const start = async (): Promise<void> => {
      if (stopped) return;
      try {
        if (resourceVersion === undefined) {
          const workflow = await this.getWorkflow(runId);
          if (stopped) return;
          resourceVersion = workflow.metadata.resourceVersion;
          emit(workflow);
          if (stopped) return;
        }
        let gotEvent = false;
        const timeoutSeconds = this.options.watchTimeoutSeconds ?? 300;
        const heartbeatMs = this.options.watchHeartbeatMs ?? 120_000;
        const doing = `watching the Workflow "${runId}"`;
        const stream = await this.calls.watch(
          this.workflowsPath,
          { fieldSelector: `metadata.name=${runId}`, resourceVersion, timeoutSeconds, allowWatchBookmarks: 'true' },
          ({ type, object: raw }) => {
            const object = raw as unknown as ArgoWorkflow & { code?: number };
            if (stopped) return;
            if (!gotEvent && failures > 0) report(undefined);
            gotEvent = true;
            failures = 0;
            if (type === 'ERROR') {
              if (object.code === 410) resourceVersion = undefined; // expired: read afresh, then watch from there
              return;
            }
            if (object.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion;
            if (type === 'BOOKMARK') return;
            if (type === 'DELETED') {
              emit({ ...object, status: { ...object.status, phase: object.status?.phase === 'Succeeded' ? 'Succeeded' : 'Failed', message: object.status?.message ?? 'The Workflow was deleted.' } });
              stop();
              return;
            }
            emit(object);
          },
          { heartbeatMs, deadlineMs: timeoutSeconds * 1000 + heartbeatMs, maxLineBytes: ANSWER_LIMITS.spec },
          { doing, namespace: this.ns },
        );
        abort = stream.abort;
        stream.done.then(
          () => retryLater(undefined),
          (error: unknown) => retryLater(this.calls.problem(error, doing)),
        );
      } catch (error) {
        retryLater(error);
      }
    };
    const stop = (): void => {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort?.();
      this.watches.delete(stop);
    };
    this.watches.add(stop);
    void start();
    return stop;
  }

  async readLog(runId: string, taskId: string, from = 0): Promise<LogChunk> {
    const workflow = await this.getWorkflow(runId);
    const { pods } = this.mapped(workflow);
    const node = pods.get(taskId);
    if (!node) {
      if (!this.mapped(workflow).snapshot.tasks.some((task) => task.id === taskId)) throw new KfsError('KFS802', `The run ${runId} has no task "${taskId}".`, { task: taskId });
      return { text: '', offset: from };
    }
    let text: string | undefined;
    for (const pod of podNameCandidates(workflow.metadata.name ?? runId, node)) {
      const log = await this.calls.podLog(this.ns, pod);
      if ('text' in log) {
        text = log.text;
        break;
      }
      if (log.absent === 'not-started') return { text: '', offset: from };
    }
    if (text === undefined) throw new KfsError('KFS802', `The pod of task "${taskId}" was not found (it may have been deleted).`, { task: taskId });
    const bytes = Buffer.from(text, 'utf8');
    return { text: bytes.subarray(Math.min(from, bytes.length)).toString('utf8'), offset: bytes.length };
  }

  followLog(runId: string, taskId: string, onChunk: (chunk: LogChunk) => void): Unsubscribe {
    return followLogByPolling(this, runId, taskId, onChunk, this.options.pollMs);
  }

  async listArtifacts(): Promise<ArtifactEntry[]> {
    return [];
  }

  async readArtifact(): Promise<Uint8Array> {
    throw new KfsError('KFS612', "Reading artifacts of Argo runs is not supported yet: open them from the cluster's artifact repository.");
  }

  /** Stops the Workflow (spec.shutdown = Terminate); with `remove`, deletes it instead. */
  async terminate(runId: string, remove = false): Promise<void> {
    const context = { doing: `stopping the Workflow "${runId}"`, namespace: this.ns, notFound: () => new KfsError('KFS802', `There is no Workflow "${runId}" in namespace "${this.ns}".`) };
    const path = `${this.workflowsPath}/${encodeURIComponent(runId)}`;
    if (remove) await this.calls.change({ method: 'DELETE', path, idempotent: true }, context);
    else await this.calls.change({ method: 'PATCH', path, idempotent: true, body: { spec: { shutdown: 'Terminate' } }, contentType: 'application/merge-patch+json' }, context);
  }

  async retry(runId: string): Promise<void> {
    throw new KfsError('KFS804', `Retrying Workflow "${runId}" needs the Argo server; submit the pipeline again instead.`);
  }

  async listRunsPage(query: RunPageQuery): Promise<RunPage> {
    return pageOfRuns(await this.listRuns(), query);
  }

  async listRuns(query: RunQuery = {}): Promise<RunSnapshot[]> {
    const items = await this.list();
    return queryRuns(items.map((item) => this.mapped(item).snapshot), query);
  }

  async listExperiments(): Promise<Experiment[]> {
    return [{ id: this.ns, name: this.ns, createdAt: new Date(0).toISOString(), description: 'Argo has no experiments: the namespace groups the runs.' }];
  }

  async createExperiment(): Promise<Experiment> {
    throw new KfsError('KFS612', 'Argo Workflows has no experiments: runs are grouped by namespace.');
  }

  async close(): Promise<void> {
    for (const stop of [...this.watches]) stop();
  }
}

// The Argo runtime: a run is an Argo `Workflow` custom object (argoproj.io/v1alpha1) created, watched and stopped
// through @kubernetes/client-node. The watch resumes from the last resourceVersion after a dropped connection
// (starting over from a fresh read when that version has expired); logs are the pods' `main` container logs.
import { randomUUID } from 'node:crypto';
import { load } from 'js-yaml';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, Watch, setHeaderOptions } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { KfsError } from '../../../../shared/errors/codes';
import type { JsonValue } from '../../../../shared/model/document';
import { isTerminalRun, queryRuns } from '../../../../shared/runtime/runtime';
import type { ArtifactEntry, Experiment, LogChunk, RunQuery, RunSnapshot, Runtime, SubmitRequest, Unsubscribe } from '../../../../shared/runtime/runtime';
import type { RetryPolicy } from '../../clusters/cluster-http';
import { KubeCalls, statusOf } from './argo-kube';
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
  /** First pause before reconnecting a dropped watch, and the longest (default 500 ms, 30 s). */
  reconnectMs?: number;
  maxBackoffMs?: number;
  /** Pause between log reads when following a log (default 2000 ms). */
  pollMs?: number;
  onWatchProblem?: (runId: string, error: unknown | undefined) => void;
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
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly revisions = new Map<string, { revision: number; key: string }>();
  private readonly watches = new Set<Unsubscribe>();

  constructor(private readonly options: ArgoRuntimeOptions) {
    this.calls = new KubeCalls(options.kc, options.retry);
    this.custom = options.kc.makeApiClient(CustomObjectsApi);
    this.core = options.kc.makeApiClient(CoreV1Api);
  }

  private get ns(): string {
    return this.options.namespace;
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
    try {
      const created = (await this.custom.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: this.ns, plural: PLURAL, body: workflow })) as ArgoWorkflow;
      return created.metadata.name ?? '';
    } catch (error) {
      if (!this.calls.isNetwork(error)) throw this.calls.problem(error, { doing: 'creating the Workflow', namespace: this.ns });
      const found = await this.list(`${REQUEST_LABEL}=${request}`);
      const name = found[0]?.metadata.name;
      if (!name) throw new KfsError('KFS912', 'The connection was lost while creating the Workflow and it was not found afterwards: check the cluster before submitting again.');
      return name;
    }
  }

  private async getWorkflow(name: string): Promise<ArgoWorkflow> {
    return this.calls.read(
      () => this.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: this.ns, plural: PLURAL, name }) as Promise<ArgoWorkflow>,
      { doing: `reading the Workflow "${name}"`, namespace: this.ns, notFound: () => new KfsError('KFS802', `There is no Workflow "${name}" in namespace "${this.ns}".`) },
    );
  }

  private async list(labelSelector?: string): Promise<ArgoWorkflow[]> {
    const answer = await this.calls.read(
      () => this.custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: this.ns, plural: PLURAL, ...(labelSelector ? { labelSelector } : {}) }) as Promise<{ items?: ArgoWorkflow[] }>,
      { doing: `listing Workflows in namespace "${this.ns}"`, namespace: this.ns },
    );
    return answer.items ?? [];
  }

  async getRun(runId: string): Promise<RunSnapshot> {
    return this.mapped(await this.getWorkflow(runId)).snapshot;
  }

  async getPipeline(runId: string): Promise<{ [key: string]: unknown }> {
    const workflow = await this.getWorkflow(runId);
    return { apiVersion: workflow.apiVersion, kind: workflow.kind, metadata: { name: workflow.metadata.name }, spec: workflow.spec };
  }

  watch(runId: string, listener: (snapshot: RunSnapshot) => void): Unsubscribe {
    let stopped = false;
    let resourceVersion: string | undefined;
    let controller: AbortController | undefined;
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
        this.options.onWatchProblem?.(runId, error);
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
        const path = `/apis/${GROUP}/${VERSION}/namespaces/${encodeURIComponent(this.ns)}/${PLURAL}`;
        let gotEvent = false;
        controller = await new Watch(this.options.kc).watch(
          path,
          { fieldSelector: `metadata.name=${runId}`, resourceVersion, timeoutSeconds: this.options.watchTimeoutSeconds ?? 300, allowWatchBookmarks: true },
          (type, object: ArgoWorkflow & { code?: number }) => {
            if (stopped) return;
            if (!gotEvent && failures > 0) this.options.onWatchProblem?.(runId, undefined);
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
          (error: unknown) => retryLater(error ?? undefined),
        );
      } catch (error) {
        retryLater(error);
      }
    };
    const stop = (): void => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
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
    let lastError: unknown;
    for (const pod of podNameCandidates(workflow.metadata.name ?? runId, node)) {
      try {
        text = String(await this.calls.read(() => this.core.readNamespacedPodLog({ name: pod, namespace: this.ns, container: 'main' }), { doing: `reading the log of pod ${pod}`, namespace: this.ns }));
        break;
      } catch (error) {
        lastError = error;
        const status = error instanceof KfsError && 'status' in error ? (error as { status?: number }).status : statusOf(error);
        if (status === 400) return { text: '', offset: from }; // the container has not started yet
        if (status !== 404 && !(error instanceof KfsError && error.code === 'KFS905')) throw error;
      }
    }
    if (text === undefined) throw lastError instanceof KfsError ? lastError : new KfsError('KFS802', `The pod of task "${taskId}" was not found (it may have been deleted).`, { task: taskId });
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
    try {
      if (remove) await this.custom.deleteNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: this.ns, plural: PLURAL, name: runId });
      else {
        await this.custom.patchNamespacedCustomObject(
          { group: GROUP, version: VERSION, namespace: this.ns, plural: PLURAL, name: runId, body: { spec: { shutdown: 'Terminate' } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
      }
    } catch (error) {
      throw this.calls.problem(error, context);
    }
  }

  async retry(runId: string): Promise<void> {
    throw new KfsError('KFS804', `Retrying Workflow "${runId}" needs the Argo server; submit the pipeline again instead.`);
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

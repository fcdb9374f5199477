// The KFP runtime: the Runtime contract over the REST API v2beta1, plus what only KFP has (uploads and versions,
// experiments, archiving, recurring runs). A run or an upload is never sent twice: when its answer is lost, the
// object is looked up (by the request marker in the run's description, or by name) before anything is reported.
import { randomUUID } from 'node:crypto';
import { KfsError } from '../../../../shared/errors/codes';
import type { PipelineIr } from '../../../../shared/runtime/pipeline-ir.parse';
import { matchesRunFilter, queryRuns } from '../../../../shared/runtime/runtime';
import type { ArtifactEntry, Experiment, LogChunk, RunPage, RunPageQuery, RunQuery, RunSnapshot, Runtime, SubmitRequest, Unsubscribe } from '../../../../shared/runtime/runtime';
import { ClusterError } from '../../clusters/cluster-http';
import { createOnce } from '../../clusters/create-once';
import type { CreateOnce } from '../../clusters/create-once';
import { KfpClient } from './kfp-client';
import type { KfpExperiment, KfpPipeline, KfpVersion } from './kfp-client';
import { createRecurringRun, listRecurringRuns } from './kfp-recurring';
import type { RecurringRunRequest, RecurringRunSummary } from './kfp-recurring';
import { snapshotOfRun, tryParseIr } from './kfp-snapshot';
import { kfpRunListQuery, serverSorts } from './kfp-run-query';
import type { KfpRun } from './kfp-snapshot';
import { pollRun } from './run-poller';
import { inlineSpecOf, pipelineNameOf } from './kfp-spec';
import { followLogByPolling } from '../follow-log.polling';
import { KubeCalls } from '../../clusters/kube-calls';
import { DEFAULT_RETRY } from '../../clusters/cluster-http';
import { KfpMetadata, addStepIo, ioVersion, uiEndpointOf } from './kfp-metadata';
import { PipelineExistsError, type KfpRuntimeOptions, type PipelineRef, type RunRequest } from './kfp-runtime.types';

type Obj = { [key: string]: unknown };

export * from './kfp-runtime.types';

function experimentOf(item: KfpExperiment): Experiment {
  return { id: item.experiment_id, name: item.display_name ?? item.experiment_id, createdAt: item.created_at ?? '', ...(item.description ? { description: item.description } : {}) };
}

export class KfpRuntime implements Runtime {
  readonly kind = 'kfp' as const;
  readonly client: KfpClient;
  private readonly specs = new Map<string, { ir?: PipelineIr; spec?: Obj }>();
  private readonly revisions = new Map<string, { revision: number; key: string }>();
  private readonly watches = new Set<Unsubscribe>();
  /** ML Metadata and the object store, through the KFP UI's server. */
  private readonly metadata: KfpMetadata;
  /** Set once the deployment showed it has no ML Metadata route (KFS950): steps are then read without their I/O. */
  private metadataMissing?: unknown;

  constructor(private readonly options: KfpRuntimeOptions) {
    this.client = new KfpClient(options.endpoint, options.namespace, options.retry, options.timeoutMs);
    this.metadata = new KfpMetadata(uiEndpointOf(options.endpoint), options.retry ?? DEFAULT_RETRY, options.namespace, options.timeoutMs);
  }

  // --- pipelines ---

  /** Uploads a compiled archive as a new pipeline; PipelineExistsError (KFS909) on a name clash. */
  async uploadPipeline(archive: Uint8Array, options: { name: string; fileName?: string; description?: string }): Promise<PipelineRef> {
    const fileName = options.fileName ?? `${options.name}.tar.gz`;
    const doing = `uploading the pipeline "${options.name}"`;
    try {
      const { value, recovered } = await this.once<KfpPipeline>({
        send: async () => (await this.client.upload(archive, fileName, { name: options.name, ...(options.description ? { description: options.description } : {}) })) as unknown as KfpPipeline,
        find: () => this.client.pipelineByName(options.name),
        doing,
        marker: `a pipeline named "${options.name}"`,
      });
      return { ...(await this.latestVersion(String(value.pipeline_id))), ...(recovered ? { recovered } : {}) };
    } catch (error) {
      if (error instanceof ClusterError && error.status === 409) {
        const existing = await this.client.pipelineByName(options.name);
        throw new PipelineExistsError(options.name, existing?.pipeline_id ?? '', error.serverMessage);
      }
      throw error;
    }
  }

  /** Uploads a compiled archive as a new version of an existing pipeline (by id or name). */
  async uploadVersion(pipelineIdOrName: string, archive: Uint8Array, options: { versionName?: string; fileName?: string } = {}): Promise<PipelineRef> {
    const pipelineId = await this.pipelineIdOf(pipelineIdOrName);
    const versionName = options.versionName ?? `v-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}-${randomUUID().slice(0, 4)}`;
    try {
      const { value, recovered } = await this.once<KfpVersion>({
        send: async () => (await this.client.upload(archive, options.fileName ?? `${versionName}.tar.gz`, { name: versionName, versionOf: pipelineId, versionName })) as unknown as KfpVersion,
        find: async () => {
          const page = await this.client.listVersions(pipelineId, { filter: { predicates: [{ key: 'name', operation: 'EQUALS', string_value: versionName }] } });
          return page.items.find((item) => item.name === versionName || item.display_name === versionName);
        },
        doing: 'uploading the pipeline version',
        marker: `a version named "${versionName}" of pipeline ${pipelineId}`,
      });
      return { pipelineId, versionId: String(value.pipeline_version_id), ...(recovered ? { recovered } : {}) };
    } catch (error) {
      if (error instanceof ClusterError && error.status === 409) {
        throw new ClusterError('KFS909', `The pipeline has a version named "${versionName}" already: choose another version name.`, { field: 'versionName' }, 409, error.serverMessage);
      }
      throw error;
    }
  }

  private async pipelineIdOf(idOrName: string): Promise<string> {
    const byName = await this.client.pipelineByName(idOrName);
    if (byName) return byName.pipeline_id;
    return (await this.client.getPipeline(idOrName)).pipeline_id;
  }

  private async latestVersion(pipelineId: string): Promise<PipelineRef> {
    const page = await this.client.listVersions(pipelineId, { pageSize: 1, sortBy: 'created_at desc' });
    const version = page.items[0];
    if (!version) throw new ClusterError('KFS908', `Pipeline ${pipelineId} has no version to run.`);
    return { pipelineId, versionId: version.pipeline_version_id };
  }

  /** A create sent once, with the runtime's look-up policy and unreachable message. */
  private once<T>(spec: Omit<CreateOnce<T>, 'unreachable' | 'policy'>): Promise<{ value: T; recovered: boolean }> {
    return createOnce<T>({ ...spec, unreachable: (error) => this.client.unreachable(error, spec.doing), ...(this.options.lookup ? { policy: this.options.lookup } : {}) });
  }

  // --- runs ---

  submit(request: SubmitRequest): Promise<string> {
    return this.createRun({
      pipeline: request.pipeline,
      ...(request.parameters ? { parameters: request.parameters } : {}),
      ...(request.experimentId ? { experimentId: request.experimentId } : {}),
      ...(request.displayName ? { displayName: request.displayName } : {}),
      ...(request.enableCaching !== undefined ? { enableCaching: request.enableCaching } : {}),
    });
  }

  /** Creates a run from an uploaded version or an inline spec; resolves with its id. Sent once, never retried. */
  async createRun(request: RunRequest): Promise<string> {
    const marker = `kfp-studio request ${randomUUID()}`;
    let body: Obj;
    let pipelineName = 'pipeline';
    if (request.version) {
      body = { pipeline_version_reference: { pipeline_id: request.version.pipelineId, ...(request.version.versionId ? { pipeline_version_id: request.version.versionId } : {}) } };
      pipelineName = (await this.client.getPipeline(request.version.pipelineId)).display_name ?? pipelineName;
    } else if (request.pipeline !== undefined) {
      const spec = inlineSpecOf(request.pipeline);
      body = { pipeline_spec: spec };
      pipelineName = pipelineNameOf(spec);
    } else {
      throw new KfsError('KFS701', 'A run needs a pipeline: an uploaded version or a compiled pipeline.');
    }
    const experimentId = request.experimentId ?? (this.options.namespace ? (await this.findOrCreateExperiment('Default')).id : undefined);
    const displayName = request.displayName ?? `${pipelineName} ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`;
    Object.assign(body, {
      display_name: displayName,
      description: request.description ? `${request.description}\n\n(${marker})` : `Submitted from KFP Studio (${marker})`,
      ...(experimentId ? { experiment_id: experimentId } : {}),
      ...(request.parameters && Object.keys(request.parameters).length ? { runtime_config: { parameters: request.parameters } } : {}),
      ...(request.serviceAccount ? { service_account: request.serviceAccount } : {}),
    });
    const { value } = await this.once<string>({
      send: async () => (await this.client.createRun(body)).run_id,
      find: () => this.findRunByMarker(displayName, marker, experimentId),
      doing: 'creating the run',
      marker: `a run named "${displayName}" whose description holds "${marker}"`,
    });
    return value;
  }

  private async findRunByMarker(displayName: string, marker: string, experimentId: string | undefined): Promise<string | undefined> {
    const page = await this.client.listRuns({
      pageSize: 50,
      sortBy: 'created_at desc',
      filter: { predicates: [{ key: 'display_name', operation: 'EQUALS', string_value: displayName }] },
      ...(experimentId ? { experimentId } : {}),
    });
    return page.items.find((run) => (run.description ?? '').includes(marker))?.run_id;
  }

  private async specOf(run: KfpRun): Promise<{ ir?: PipelineIr; spec?: Obj }> {
    const cached = this.specs.get(run.run_id);
    if (cached) return cached;
    let spec = run.pipeline_spec;
    const ref = run.pipeline_version_reference;
    if (!spec && ref?.pipeline_id && ref.pipeline_version_id) spec = (await this.client.getVersion(ref.pipeline_id, ref.pipeline_version_id)).pipeline_spec;
    const ir = tryParseIr(spec);
    const entry = { ...(ir ? { ir } : {}), ...(spec ? { spec } : {}) };
    this.specs.set(run.run_id, entry);
    return entry;
  }

  private snapshot(run: KfpRun, ir: PipelineIr | undefined): { snapshot: RunSnapshot; pods: Map<string, string> } {
    const mapped = snapshotOfRun(run, ir, undefined, 0);
    return { snapshot: this.revised(mapped.snapshot), pods: mapped.pods };
  }

  /** The snapshot with a revision that grows whenever its content changed. */
  private revised(snapshot: RunSnapshot): RunSnapshot {
    const key = JSON.stringify(snapshot);
    const previous = this.revisions.get(snapshot.id);
    const revision = previous && previous.key === key ? previous.revision : (previous?.revision ?? 0) + 1;
    this.revisions.set(snapshot.id, { revision, key });
    snapshot.revision = revision;
    return snapshot;
  }

  private async read(runId: string): Promise<{ snapshot: RunSnapshot; pods: Map<string, string> }> {
    const run = await this.client.getRun(runId);
    const { ir } = await this.specOf(run);
    const mapped = snapshotOfRun(run, ir, undefined, 0);
    if (!this.metadataMissing) {
      await addStepIo(this.metadata, mapped.snapshot, (error) => {
        if (error instanceof KfsError && error.code === 'KFS950') this.metadataMissing = error;
      });
    }
    return { snapshot: this.revised(mapped.snapshot), pods: mapped.pods };
  }

  async getRun(runId: string): Promise<RunSnapshot> {
    return (await this.read(runId)).snapshot;
  }

  async getPipeline(runId: string): Promise<{ [key: string]: unknown }> {
    const { spec } = await this.specOf(await this.client.getRun(runId));
    if (!spec) throw new ClusterError('KFS802', `The pipeline of run ${runId} is not available on the cluster.`);
    return spec;
  }

  /** Follows the run; `onProblem` hears of each failure (the watch goes on) and of recovery (`undefined`). */
  watch(runId: string, listener: (snapshot: RunSnapshot) => void, onProblem?: (error: unknown | undefined) => void): Unsubscribe {
    const stop = pollRun(() => this.getRun(runId), listener, {
      intervalMs: this.options.pollMs ?? 2000,
      maxBackoffMs: this.options.maxBackoffMs ?? 30_000,
      onProblem: (error) => {
        this.options.onWatchProblem?.(runId, error);
        onProblem?.(error);
      },
    });
    const unsubscribe = (): void => {
      stop();
      this.watches.delete(unsubscribe);
    };
    this.watches.add(unsubscribe);
    return unsubscribe;
  }

  async readLog(runId: string, taskId: string, from = 0): Promise<LogChunk> {
    const { pods } = await this.read(runId);
    const pod = pods.get(taskId);
    if (!pod) return { text: '', offset: from };
    let text: string;
    try {
      text = await this.client.runLog(runId, pod);
    } catch (error) {
      if (!this.options.kube) throw error;
      // Argo names a pod by its node id (POD_NAMES=v1) or `<workflow>-<template>-<hash>` (v2, the default since 3.4).
      const hash = /-(\d+)$/.exec(pod);
      text = (await this.podLog(pod)) || (hash ? await this.podLog(`${pod.slice(0, hash.index)}-system-container-impl-${hash[1]}`) : '');
    }
    const bytes = Buffer.from(text, 'utf8');
    return { text: bytes.subarray(Math.min(from, bytes.length)).toString('utf8'), offset: bytes.length };
  }

  private async podLog(pod: string): Promise<string> {
    const kube = this.options.kube;
    if (!kube) return '';
    const log = await new KubeCalls(kube.kc, this.options.retry).podLog(kube.namespace, pod);
    return 'text' in log ? log.text : '';
  }

  followLog(runId: string, taskId: string, onChunk: (chunk: LogChunk) => void): Unsubscribe {
    return followLogByPolling(this, runId, taskId, onChunk, this.options.pollMs);
  }

  /** Every step's output artifacts, from ML Metadata (KFS950 when the deployment does not serve it). */
  async listArtifacts(runId: string): Promise<ArtifactEntry[]> {
    const snapshot = await this.getRun(runId);
    return this.metadata.artifacts(runId, ioVersion(snapshot));
  }

  /** An output artifact's bytes (a file inside a folder artifact with `path`) through the KFP UI's artifact endpoint. */
  async readArtifact(runId: string, taskId: string, output: string, options: { path?: string; maxBytes?: number } = {}): Promise<Uint8Array> {
    const entry = (await this.listArtifacts(runId)).find((item) => item.taskId === taskId && item.output === output);
    if (!entry) throw new ClusterError('KFS956', `Run ${runId} has no output artifact "${output}" of step "${taskId}" in ML Metadata: the step may not have finished.`, { task: taskId, output });
    const uri = options.path ? `${entry.artifact.uri.replace(/\/+$/, '')}/${options.path}` : entry.artifact.uri;
    const bytes = await this.metadata.readObject(uri, options.maxBytes);
    return options.maxBytes !== undefined && bytes.length > options.maxBytes ? bytes.subarray(0, options.maxBytes) : bytes;
  }

  /**
   * The server terminates only a pending or running run and answers 400 otherwise, also when an earlier terminate
   * (whose answer was lost) already worked: the run's state then says which it was.
   */
  async terminate(runId: string): Promise<void> {
    try {
      await this.client.runAction(runId, 'terminate');
    } catch (error) {
      if (!(error instanceof ClusterError) || error.status !== 400) throw error;
      const state = String((await this.client.getRun(runId)).state ?? '');
      if (state === 'CANCELING' || state === 'CANCELED') return;
      throw new ClusterError('KFS804', `The run cannot be terminated: it has already ended${state ? ` (${state.toLowerCase()})` : ''}, so there is nothing to stop.`, {}, 400, error.serverMessage);
    }
  }

  /** Sent once; after a lost answer, the run is read until it shows the retry took (it left FAILED/CANCELED). */
  async retry(runId: string): Promise<void> {
    await this.once<true>({
      send: async () => (await this.client.retryRun(runId), true),
      find: async () => (['FAILED', 'CANCELED', 'CANCELING'].includes(String((await this.client.getRun(runId)).state ?? 'FAILED')) ? undefined : true),
      doing: 'retrying the run',
      marker: `run ${runId} running again (its state no longer FAILED or CANCELED)`,
    });
  }

  async archiveRun(runId: string): Promise<void> {
    await this.client.runAction(runId, 'archive');
  }

  /** One page of runs, filtered and sorted by the server where it can (all but the order by duration). */
  async listRunsPage(query: RunPageQuery = {}): Promise<RunPage> {
    let pipelineId: string | undefined;
    if (query.pipelineName && !query.pageToken) {
      pipelineId = (await this.client.pipelineByName(query.pipelineName))?.pipeline_id;
      // No pipeline of that name here: no run can be of it.
      if (!pipelineId) return { runs: [], totalSize: 0 };
    }
    const page = await this.client.listRuns(kfpRunListQuery(query, pipelineId));
    let runs = page.items.map((run) => this.snapshot(run, this.specs.get(run.run_id)?.ir).snapshot).filter((run) => matchesRunFilter(run, { ...(query.states ? { states: query.states } : {}) }));
    if (!serverSorts(query.sortBy)) runs = queryRuns(runs, query);
    return { runs, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}), ...(page.totalSize !== undefined ? { totalSize: page.totalSize } : {}) };
  }

  async listRuns(query: RunQuery = {}): Promise<RunSnapshot[]> {
    const all: RunSnapshot[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await this.listRunsPage({ ...query, pageSize: 100, ...(pageToken ? { pageToken } : {}) });
      all.push(...result.runs);
      pageToken = result.nextPageToken;
      if (!pageToken) break;
    }
    return queryRuns(all, query);
  }

  // --- experiments ---

  async listExperiments(): Promise<Experiment[]> {
    const page = await this.client.listExperiments({ pageSize: 200, sortBy: 'created_at desc', filter: { predicates: [{ key: 'storage_state', operation: 'EQUALS', string_value: 'AVAILABLE' }] } });
    return page.items.map(experimentOf);
  }

  async createExperiment(name: string, description?: string): Promise<Experiment> {
    const { value } = await this.once<KfpExperiment>({
      send: () => this.client.createExperiment(name, description),
      find: () => this.experimentNamed(name),
      doing: `creating the experiment "${name}"`,
      marker: `an experiment named "${name}"`,
    });
    return experimentOf(value);
  }

  private async experimentNamed(name: string): Promise<KfpExperiment | undefined> {
    const page = await this.client.listExperiments({ pageSize: 10, filter: { predicates: [{ key: 'display_name', operation: 'EQUALS', string_value: name }] } });
    return page.items.find((item) => item.display_name === name && item.storage_state !== 'ARCHIVED');
  }

  async findOrCreateExperiment(name: string): Promise<Experiment> {
    const page = await this.client.listExperiments({ pageSize: 10, filter: { predicates: [{ key: 'display_name', operation: 'EQUALS', string_value: name }] } });
    const same = page.items.filter((item) => item.display_name === name);
    const live = same.find((item) => item.storage_state !== 'ARCHIVED');
    if (live) return experimentOf(live);
    // The server keeps names unique over archived experiments too: creating one would be refused (409).
    if (same.length) {
      throw new ClusterError('KFS909', `The experiment "${name}" exists on the cluster but is archived, and an archived experiment keeps its name: restore it (KFP UI: Experiments, Archive, Restore) or choose another experiment name.`, { field: 'experiment' });
    }
    return this.createExperiment(name);
  }

  async archiveExperiment(experimentId: string): Promise<void> {
    await this.client.archiveExperiment(experimentId);
  }

  // --- recurring runs ---

  createRecurringRun(request: RecurringRunRequest): Promise<{ id: string; cron?: string }> {
    return createRecurringRun(this.client, request, this.options.namespace ? () => this.findOrCreateExperiment('Default').then((e) => e.id) : undefined, this.options.lookup);
  }

  listRecurringRuns(experimentId?: string): Promise<RecurringRunSummary[]> {
    return listRecurringRuns(this.client, experimentId);
  }

  async setRecurringRunEnabled(id: string, enabled: boolean): Promise<void> {
    await this.client.recurringRunAction(id, enabled ? 'enable' : 'disable');
  }

  async deleteRecurringRun(id: string): Promise<void> {
    await this.client.deleteRecurringRun(id);
  }

  async close(): Promise<void> {
    for (const unsubscribe of [...this.watches]) unsubscribe();
  }
}

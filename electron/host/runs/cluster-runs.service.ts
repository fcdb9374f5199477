// The run calls against a cluster profile: the same answers as the local runs service, from the profile's KFP or Argo
// runtime. A document is checked and compiled here (KFP IR for KFP, a Workflow for Argo); watching and following a
// log go through the same RunEventHub and keep going across network drops (the runtimes' watches resume; the log
// pump below backs off and tries again) until the run or task ends, the run is gone, or the profile changes.
import { KfsError } from '../../../shared/errors/codes';
import type { IrCompileResult } from '../../../shared/compile/ir.compile';
import { DEFAULT_ARTIFACT_PREVIEW_BYTES } from '../../../shared/host-api/run.calls';
import { importIrObjects } from '../../../shared/import/ir.import';
import type { PipelineDocument } from '../../../shared/model/document';
import { isTerminalRun, isTerminalTask } from '../../../shared/runtime/runtime';
import type { ArtifactEntry, Experiment, ExecutionInfo, LogChunk, RunPage, RunPageQuery, RunQuery, RunSnapshot, Runtime } from '../../../shared/runtime/runtime';
import type { RuntimeTuning } from '../clusters/profile-runtime';
import type { ClusterProfile } from '../clusters/profile.types';
import { workflowOf } from '../runtime/argo/argo-runtime';
import type { ArgoWorkflow } from '../runtime/argo/argo-snapshot';
import type { KfpRuntime } from '../runtime/kfp/kfp-runtime';
import { inlineSpecOf } from '../runtime/kfp/kfp-spec';
import { ClusterRunNotes } from './cluster-run-notes';
import type { Emit, RunEventHub } from './run-event-hub';
import { buildOrRefuse, decodePreview } from './run-input';
import type { ArtifactPreview, SubmitInput } from './run-input';
import type { ClusterRuntime, OpenTarget, RunTargets } from './run-targets';

type Obj = { [key: string]: unknown };

/** Failures worth trying again while watching: no answer (or not in time), or the server failing for now. */
function isPassing(error: unknown): boolean {
  if (!(error instanceof KfsError)) return true;
  return error.code === 'KFS901' || error.code === 'KFS908' || error.code === 'KFS912' || error.code === 'KFS921';
}

/** Refused credentials (401), no permission (403), or a sign-in page in place of the API. */
function isCredentialProblem(error: unknown): boolean {
  return error instanceof KfsError && (error.code === 'KFS902' || error.code === 'KFS903' || error.code === 'KFS904' || error.code === 'KFS907');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The compiled pipeline as the KFP API takes it inline: the PipelineSpec, or it and its PlatformSpec. */
export function inlineIrOf(compiled: IrCompileResult): Obj {
  return compiled.platformSpec ? { pipeline_spec: compiled.pipelineSpec, platform_spec: compiled.platformSpec } : compiled.pipelineSpec;
}

/** What the KFP SDK's `enable_caching` does at submit: every task of every DAG takes that caching choice. */
function overrideCaching(inline: Obj, enable: boolean): Obj {
  const spec = ((inline.pipeline_spec as Obj | undefined) ?? inline) as Obj;
  const dags = [(spec.root as Obj | undefined)?.dag, ...Object.values((spec.components as Obj | undefined) ?? {}).map((c) => (c as Obj | undefined)?.dag)];
  for (const dag of dags) {
    for (const task of Object.values(((dag as Obj | undefined)?.tasks as Obj | undefined) ?? {})) {
      if (task && typeof task === 'object') (task as Obj).cachingOptions = { enableCache: enable };
    }
  }
  return inline;
}

/** IR documents (the spec, and the platform spec when there is one) of an inline pipeline, for importing. */
function irDocsOf(spec: Obj): unknown[] {
  return spec.pipeline_spec ? [spec.pipeline_spec, ...(spec.platform_spec ? [spec.platform_spec] : [])] : [spec];
}

export function describeTarget(profile: ClusterProfile, runtime: ClusterRuntime): string {
  if (runtime.kind === 'kfp') {
    const namespace = profile.namespace ? ` in namespace "${profile.namespace}"` : '';
    return `Runs on the Kubeflow Pipelines cluster of profile "${profile.name}": ${runtime.client.endpoint.label}${namespace}. Steps run in pods there, not on this computer.`;
  }
  const context = profile.kind === 'argo' ? profile.context : '';
  return `Runs as Argo Workflows of profile "${profile.name}" in namespace "${profile.namespace ?? ''}" through kubeconfig context "${context}". Steps run in pods there, not on this computer.`;
}

export class ClusterRuns {
  private readonly notes: ClusterRunNotes;
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly targets: RunTargets,
    readonly events: RunEventHub,
    dataDir: string,
    tuning: RuntimeTuning = {},
  ) {
    this.notes = new ClusterRunNotes(dataDir);
    this.pollMs = tuning.pollMs ?? 2000;
    this.maxBackoffMs = tuning.maxBackoffMs ?? 30_000;
  }

  open(target: string): Promise<OpenTarget> {
    return this.targets.open(target);
  }

  /** A KFP target's runtime; KFS914 naming what the Argo profile can do instead. */
  async kfp(target: string, cannot: (profile: ClusterProfile) => string): Promise<{ profile: ClusterProfile; runtime: KfpRuntime }> {
    const { profile, runtime } = await this.targets.open(target);
    if (runtime.kind !== 'kfp') throw new KfsError('KFS914', cannot(profile), { field: 'target' });
    return { profile, runtime };
  }

  async info(target: string): Promise<{ kind: string; execution: ExecutionInfo }> {
    const { profile, runtime } = await this.targets.open(target);
    return { kind: runtime.kind, execution: { mode: 'cluster', reason: describeTarget(profile, runtime) } };
  }

  async submit(target: string, input: SubmitInput): Promise<string> {
    const { profile, runtime } = await this.targets.open(target);
    let runId: string;
    if (runtime.kind === 'argo') {
      const compiled = input.document ? (buildOrRefuse(input.document, 'argo') as unknown as ArgoWorkflow) : undefined;
      if (input.pipelineVersion) {
        throw new KfsError('KFS914', `The profile "${profile.name}" runs Argo Workflows, which keep no uploaded pipeline versions: submit the pipeline document itself (or its Workflow YAML) to it.`, { field: 'pipelineVersion' });
      }
      const workflow = compiled ?? workflowOf(input.pipelineText ?? '');
      runId = await runtime.submitWorkflow(workflow, {
        ...(input.parameters ? { parameters: input.parameters } : {}),
        ...(input.displayName ? { displayName: input.displayName } : {}),
        ...(input.document ? { pipelineName: input.document.name } : {}),
      });
    } else {
      const compiled = input.document ? buildOrRefuse(input.document, 'ir') : undefined;
      const common = {
        ...(input.parameters ? { parameters: input.parameters } : {}),
        ...(input.experimentId ? { experimentId: input.experimentId } : {}),
        ...(input.displayName ? { displayName: input.displayName } : {}),
      };
      if (input.pipelineVersion) {
        runId = await runtime.createRun({ version: input.pipelineVersion, ...common });
      } else {
        let inline = compiled ? inlineIrOf(compiled) : inlineSpecOf(input.pipelineText ?? '');
        if (input.enableCaching !== undefined) inline = overrideCaching(inline, input.enableCaching);
        runId = await runtime.createRun({ pipeline: inline, ...common });
      }
    }
    await this.notes.save(profile.id, runId, { ...(input.document ? { document: input.document } : {}), ...(input.sourcePath ? { sourcePath: input.sourcePath } : {}) }).catch(() => undefined);
    return runId;
  }

  async list(target: string, query: RunQuery): Promise<RunSnapshot[]> {
    const { profile, runtime } = await this.targets.open(target);
    return this.withSources(profile, await runtime.listRuns(query));
  }

  async page(target: string, query: RunPageQuery): Promise<RunPage> {
    const { profile, runtime } = await this.targets.open(target);
    const page = await runtime.listRunsPage(query);
    return { ...page, runs: await this.withSources(profile, page.runs) };
  }

  private async withSources(profile: ClusterProfile, runs: RunSnapshot[]): Promise<RunSnapshot[]> {
    const sources = await this.notes.sourcePaths(profile.id, runs.map((run) => run.id));
    return sources.size ? runs.map((run) => (sources.has(run.id) ? { ...run, sourcePath: sources.get(run.id) as string } : run)) : runs;
  }

  /** The run and a document to draw it: the one submitted from here, else (KFP) one imported from its pipeline. */
  async get(target: string, runId: string): Promise<{ run: RunSnapshot; document?: PipelineDocument }> {
    const { profile, runtime } = await this.targets.open(target);
    const run = await this.withSource(profile, await runtime.getRun(runId));
    const kept = await this.notes.document(profile.id, runId);
    if (kept) return { run, document: kept };
    if (runtime.kind !== 'kfp') return { run };
    try {
      return { run, document: importIrObjects(irDocsOf(await runtime.getPipeline(runId))) };
    } catch {
      return { run };
    }
  }

  private async withSource(profile: ClusterProfile, run: RunSnapshot): Promise<RunSnapshot> {
    const source = (await this.notes.sourcePaths(profile.id, [run.id])).get(run.id);
    return source ? { ...run, sourcePath: source } : run;
  }

  /** Snapshots of a run until it ends; the profile is looked up first, so an unknown one is a coded error. */
  async watch(target: string, runId: string): Promise<string> {
    const opened = await this.targets.open(target);
    const source = (await this.notes.sourcePaths(opened.profile.id, [runId])).get(runId);
    return this.events.create((emit) => {
      let sent = -1;
      const stopWatch = opened.runtime.watch(runId, (found) => {
        const snapshot = source ? { ...found, sourcePath: source } : found;
        if (snapshot.revision <= sent && !isTerminalRun(snapshot.state)) return;
        sent = snapshot.revision;
        emit({ type: 'snapshot', snapshot });
        if (isTerminalRun(snapshot.state)) emit({ type: 'end', reason: `The run ${snapshot.state}.` });
      }, (error) => {
        // Credentials refused mid-watch do not clear by waiting: say so now, with what to do (set a new token).
        if (isCredentialProblem(error)) emit({ type: 'end', reason: `${(error as KfsError).code} ${messageOf(error)}` });
      });
      // A run that is not there (or that this profile may not read) is never reported by the watch: say so.
      opened.runtime.getRun(runId).catch((error: unknown) => {
        if (!isPassing(error)) emit({ type: 'end', reason: messageOf(error) });
      });
      const stopRetire = opened.onRetire((reason) => emit({ type: 'end', reason }));
      return () => {
        stopRetire();
        stopWatch();
      };
    });
  }

  /** A task's log from `from` as it grows; `end` once the task has finished and everything was sent. */
  async followLog(target: string, runId: string, taskId: string, from = 0): Promise<string> {
    const opened = await this.targets.open(target);
    return this.events.create((emit) => {
      let stopped = false;
      const stopRetire = opened.onRetire((reason) => emit({ type: 'end', reason }));
      void this.pumpLog(opened.runtime, runId, taskId, from, emit, () => stopped);
      return () => {
        stopped = true;
        stopRetire();
      };
    });
  }

  private async pumpLog(runtime: ClusterRuntime, runId: string, taskId: string, from: number, emit: Emit, stopped: () => boolean): Promise<void> {
    let offset = from;
    let failures = 0;
    while (!stopped()) {
      try {
        const run = await runtime.getRun(runId);
        const task = run.tasks.find((t) => t.id === taskId);
        if (!task) throw new KfsError('KFS802', `Run ${runId} has no task "${taskId}".`, { task: taskId });
        const chunk = await runtime.readLog(runId, taskId, offset);
        if (stopped()) return;
        failures = 0;
        if (chunk.text) {
          offset = chunk.offset;
          emit({ type: 'log', chunk });
          continue;
        }
        if (isTerminalTask(task.state) || isTerminalRun(run.state)) {
          emit({ type: 'end', reason: `The task ${task.state}.` });
          return;
        }
      } catch (error) {
        if (!isPassing(error)) {
          emit({ type: 'end', reason: messageOf(error) });
          return;
        }
        failures += 1;
      }
      const pause = failures ? Math.min(this.maxBackoffMs, this.pollMs * 2 ** Math.min(failures, 10)) : this.pollMs;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async readLog(target: string, runId: string, taskId: string, from?: number): Promise<LogChunk> {
    return (await this.targets.open(target)).runtime.readLog(runId, taskId, from);
  }

  async listArtifacts(target: string, runId: string): Promise<ArtifactEntry[]> {
    const { runtime } = await this.targets.open(target);
    await runtime.getRun(runId);
    return (runtime as Runtime).listArtifacts(runId);
  }

  async readArtifact(target: string, request: { runId: string; taskId: string; output: string; path?: string; maxBytes?: number }): Promise<ArtifactPreview> {
    const { runtime } = await this.targets.open(target);
    const max = request.maxBytes ?? DEFAULT_ARTIFACT_PREVIEW_BYTES;
    const options = { ...(request.path ? { path: request.path } : {}), maxBytes: max + 1 };
    const bytes = await (runtime as Runtime).readArtifact(request.runId, request.taskId, request.output, options);
    const truncated = bytes.length > max;
    const shown = truncated ? bytes.subarray(0, max) : bytes;
    return { ...decodePreview(shown), bytes: shown.length, truncated };
  }

  async terminate(target: string, runId: string): Promise<void> {
    await (await this.targets.open(target)).runtime.terminate(runId);
  }

  async retry(target: string, runId: string): Promise<void> {
    await (await this.targets.open(target)).runtime.retry(runId);
  }

  async listExperiments(target: string): Promise<Experiment[]> {
    return (await this.targets.open(target)).runtime.listExperiments();
  }

  async createExperiment(target: string, name: string, description?: string): Promise<Experiment> {
    const { runtime } = await this.targets.open(target);
    return runtime.kind === 'kfp' ? runtime.createExperiment(name, description) : runtime.createExperiment();
  }
}

// RunService v2beta1: create (from a pipeline version or an inline spec), list, get (with run_details.task_details),
// terminate, retry, archive, unarchive, delete.
import { isTerminalSimRun, retrySimRun, terminateSimRun } from './dag-sim';
import type { EmulatorEnv } from './env';
import { RUN_STATE } from './engine';
import { getExperiment } from './experiments.routes';
import { ApiError, GRPC, invalidInput, notFound, sendJson } from './http-util';
import { apiRun } from './kfp-json';
import { listItems } from './list-query';
import type { ListSpec } from './list-query';
import { checkPipelineSpec } from './pipeline-spec';
import { getPipeline, getVersion, latestVersion } from './pipelines.routes';
import type { Router } from './router';
import type { RunRecord } from './state';

type Obj = { [key: string]: unknown };

const sec = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.floor(ms / 1000));

export const RUN_LIST: ListSpec<RunRecord> = {
  kind: 'runs',
  id: (r) => r.run_id,
  fields: {
    run_id: (r) => r.run_id,
    id: (r) => r.run_id,
    name: (r) => r.display_name,
    display_name: (r) => r.display_name,
    description: (r) => r.description ?? '',
    created_at: (r) => sec(r.created_at),
    scheduled_at: (r) => sec(r.scheduled_at),
    finished_at: (r) => sec(r.sim.endAt) ?? 0,
    // The State column, as apiRun reports it (without building the whole run for each of thousands).
    state: (r) => RUN_STATE[r.sim.state],
    storage_state: (r) => r.storage_state,
    experiment_id: (r) => r.experiment_id,
    recurring_run_id: (r) => r.recurring_run_id ?? '',
    namespace: (r) => r.namespace ?? '',
    // Newer servers (runAPIToModelFieldMap): a run of an uploaded version carries its ids; an inline one has none.
    pipeline_id: (r) => r.pipeline_version_reference?.pipeline_id ?? '',
    pipeline_version_id: (r) => r.pipeline_version_reference?.pipeline_version_id ?? '',
  },
};

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ResolvedSource {
  spec: Obj;
  inline_spec?: Obj;
  pipeline_version_reference?: { pipeline_id?: string; pipeline_version_id?: string };
}

/** What a run or recurring run executes: its pipeline_version_reference, or its inline pipeline_spec. */
export function resolveSource(env: EmulatorEnv, body: Obj): ResolvedSource {
  const ref = isObj(body.pipeline_version_reference) ? body.pipeline_version_reference : undefined;
  const versionId = String(ref?.pipeline_version_id ?? body.pipeline_version_id ?? '');
  const pipelineId = String(ref?.pipeline_id ?? '');
  const inline = isObj(body.pipeline_spec) && Object.keys(body.pipeline_spec).length ? body.pipeline_spec : undefined;
  if (inline && (versionId || pipelineId)) throw invalidInput('Specify either a pipeline version reference or an inline pipeline spec, not both.');
  if (inline) {
    // An inline spec may carry its PlatformSpec next to it.
    const spec = isObj(inline.pipeline_spec) ? inline.pipeline_spec : inline;
    return { spec: checkPipelineSpec(spec).spec, inline_spec: inline };
  }
  if (versionId) {
    const version = getVersion(env, versionId);
    if (pipelineId && version.pipeline_id !== pipelineId) throw invalidInput(`Pipeline version ${versionId} does not belong to pipeline ${pipelineId}.`);
    return { spec: version.pipeline_spec, pipeline_version_reference: { pipeline_id: version.pipeline_id, pipeline_version_id: version.pipeline_version_id } };
  }
  if (pipelineId) {
    getPipeline(env, pipelineId);
    const version = latestVersion(env, pipelineId);
    if (!version) throw invalidInput(`Pipeline ${pipelineId} has no versions to run.`);
    return { spec: version.pipeline_spec, pipeline_version_reference: { pipeline_id: pipelineId, pipeline_version_id: version.pipeline_version_id } };
  }
  throw invalidInput('Please specify a pipeline by providing a pipeline version reference or an inline pipeline spec.');
}

/** The experiment a new run or recurring run goes to: the one named, else the default one. */
export function resolveExperiment(env: EmulatorEnv, id: string): string {
  const experimentId = id || env.defaultExperimentId || '';
  if (!experimentId) throw invalidInput('Please specify an experiment: there is no default experiment in multi-user mode.');
  const experiment = getExperiment(env, experimentId);
  if (experiment.storage_state === 'ARCHIVED') {
    throw invalidInput(`Experiment ${experimentId} is archived: unarchive it before creating runs in it.`);
  }
  return experimentId;
}

export function getRun(env: EmulatorEnv, id: string): RunRecord {
  const run = env.state.runs.get(id);
  if (!run) throw notFound('Run', id);
  return run;
}

export function registerRunRoutes(router: Router, env: EmulatorEnv): void {
  const base = '/apis/v2beta1/runs';
  router.add('POST', base, ({ res, body, query }) => {
    const displayName = typeof body.display_name === 'string' ? body.display_name : '';
    if (!displayName) throw invalidInput('The run name is empty. Please specify a valid name.');
    const experimentId = resolveExperiment(env, String(body.experiment_id ?? query.get('experiment_id') ?? ''));
    const source = resolveSource(env, body);
    const run = env.engine.createRun({
      display_name: displayName,
      ...(typeof body.description === 'string' && body.description ? { description: body.description } : {}),
      experiment_id: experimentId,
      ...source,
      ...(isObj(body.runtime_config) ? { runtime_config: body.runtime_config } : {}),
      ...(typeof body.service_account === 'string' && body.service_account ? { service_account: body.service_account } : {}),
      ...(env.state.experiments.get(experimentId)?.namespace ? { namespace: env.state.experiments.get(experimentId)?.namespace ?? '' } : {}),
    });
    sendJson(res, 200, apiRun(run));
  });
  router.add('GET', base, ({ res, query }) => {
    const experimentId = query.get('experiment_id') ?? '';
    const namespace = query.get('namespace') ?? '';
    if (env.multiUser && !experimentId && !namespace) throw invalidInput('In multi-user mode, ListRuns needs a namespace or an experiment_id');
    const all = [...env.state.runs.values()].filter(
      (run) => (!experimentId || run.experiment_id === experimentId) && (!namespace || (run.namespace ?? '') === namespace),
    );
    const page = listItems(all, query, RUN_LIST);
    sendJson(res, 200, { runs: page.items.map(apiRun), total_size: page.total, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) });
  });
  router.add('GET', `${base}/{run_id}`, ({ res, params }) => {
    sendJson(res, 200, apiRun(getRun(env, params.run_id ?? '')));
  });
  router.add('DELETE', `${base}/{run_id}`, ({ res, params }) => {
    env.state.runs.delete(getRun(env, params.run_id ?? '').run_id);
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{run_id}:terminate`, ({ res, params }) => {
    const run = getRun(env, params.run_id ?? '');
    const now = env.clock.now();
    // RunStore.TerminateRun updates only a PENDING/RUNNING/PAUSED run; anything else is InvalidInput (HTTP 400).
    if (!terminateSimRun(run.sim, now)) {
      const store = `Failed to terminate a run ${run.run_id}. Row not found`;
      throw new ApiError(GRPC.INVALID_ARGUMENT, `Failed to terminate a run: Failed to terminate run ${run.run_id}: Invalid input error: ${store}`, store);
    }
    env.engine.recordRunState(run, run.sim);
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{run_id}:retry`, ({ res, params }) => {
    const run = getRun(env, params.run_id ?? '');
    if (!isTerminalSimRun(run.sim.state) || run.sim.state === 'succeeded') {
      throw new ApiError(GRPC.ABORTED, `BadRequestError: workflow must be Failed/Error to retry: run ${run.run_id} is ${run.sim.state}`, 'Failed to retry run: workflow must be Failed/Error to retry');
    }
    retrySimRun(run.sim, env.clock.now());
    env.engine.recordRunState(run, run.sim);
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{run_id}:archive`, ({ res, params }) => {
    getRun(env, params.run_id ?? '').storage_state = 'ARCHIVED';
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{run_id}:unarchive`, ({ res, params }) => {
    const run = getRun(env, params.run_id ?? '');
    if (env.state.experiments.get(run.experiment_id)?.storage_state === 'ARCHIVED') {
      throw new ApiError(GRPC.FAILED_PRECONDITION, `Failed to unarchive run ${run.run_id}: its experiment is archived. Unarchive the experiment first.`);
    }
    run.storage_state = 'AVAILABLE';
    sendJson(res, 200, {});
  });
}

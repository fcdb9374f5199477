// The KFP v2beta1 messages as the server writes them: protojson with proto field names (snake_case), unset
// fields left out, enums by name, int64 as strings, timestamps in RFC 3339 (seconds, as the database keeps them).
import { isoSeconds } from './clock';
import { RUN_STATE } from './engine';
import { taskDetailsOf } from './kfp-task-details';
import type { ExperimentRecord, PipelineRecord, RecurringRunRecord, RunRecord, VersionRecord } from './state';

type Obj = { [key: string]: unknown };


function defined(obj: Obj): Obj {
  return Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined && value !== ''));
}

export function apiPipeline(p: PipelineRecord): Obj {
  return defined({
    pipeline_id: p.pipeline_id,
    display_name: p.display_name,
    name: p.name,
    description: p.description,
    created_at: isoSeconds(p.created_at),
    namespace: p.namespace,
    tags: p.tags && Object.keys(p.tags).length ? p.tags : undefined,
  });
}

export function apiVersion(v: VersionRecord): Obj {
  return defined({
    pipeline_id: v.pipeline_id,
    pipeline_version_id: v.pipeline_version_id,
    display_name: v.display_name,
    name: v.name,
    description: v.description,
    created_at: isoSeconds(v.created_at),
    package_url: v.package_url,
    code_source_url: v.code_source_url,
    pipeline_spec: v.platform_spec ? { pipeline_spec: v.pipeline_spec, platform_spec: v.platform_spec } : v.pipeline_spec,
    tags: v.tags && Object.keys(v.tags).length ? v.tags : undefined,
  });
}

export function apiExperiment(e: ExperimentRecord): Obj {
  return defined({
    experiment_id: e.experiment_id,
    display_name: e.display_name,
    description: e.description,
    created_at: isoSeconds(e.created_at),
    namespace: e.namespace,
    storage_state: e.storage_state,
    last_run_created_at: e.last_run_created_at !== undefined ? isoSeconds(e.last_run_created_at) : undefined,
  });
}

export function apiRun(run: RunRecord): Obj {
  const sim = run.sim;
  const started = sim.tasks.filter((task) => task.state !== 'pending');
  return defined({
    experiment_id: run.experiment_id,
    run_id: run.run_id,
    display_name: run.display_name,
    description: run.description,
    storage_state: run.storage_state,
    pipeline_version_id: run.pipeline_version_reference?.pipeline_version_id,
    pipeline_spec: run.inline_spec,
    pipeline_version_reference: run.pipeline_version_reference,
    runtime_config: run.runtime_config,
    service_account: run.service_account,
    created_at: isoSeconds(run.created_at),
    scheduled_at: isoSeconds(run.scheduled_at),
    finished_at: sim.endAt !== undefined ? isoSeconds(sim.endAt) : undefined,
    state: RUN_STATE[sim.state],
    run_details: started.length ? { task_details: taskDetailsOf(run) } : undefined,
    recurring_run_id: run.recurring_run_id,
    state_history: run.state_history.map((item) => ({ update_time: isoSeconds(item.update_time), state: item.state })),
  });
}

export function apiRecurringRun(r: RecurringRunRecord): Obj {
  return defined({
    recurring_run_id: r.recurring_run_id,
    display_name: r.display_name,
    description: r.description,
    pipeline_version_id: r.pipeline_version_reference?.pipeline_version_id,
    pipeline_spec: r.inline_spec,
    pipeline_version_reference: r.pipeline_version_reference,
    runtime_config: r.runtime_config,
    service_account: r.service_account,
    max_concurrency: String(r.max_concurrency),
    trigger: r.trigger,
    mode: r.enabled ? 'ENABLE' : 'DISABLE',
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
    status: r.enabled ? 'ENABLED' : 'DISABLED',
    no_catchup: r.no_catchup || undefined,
    namespace: r.namespace,
    experiment_id: r.experiment_id,
  });
}


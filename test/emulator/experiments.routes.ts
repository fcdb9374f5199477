// ExperimentService v2beta1: create, list, get, archive (its runs too, and its recurring runs are disabled),
// unarchive, delete.
import type { EmulatorEnv } from './env';
import { alreadyExists, invalidInput, notFound, sendJson } from './http-util';
import { apiExperiment } from './kfp-json';
import { listItems } from './list-query';
import type { ListSpec } from './list-query';
import type { Router } from './router';
import type { ExperimentRecord } from './state';

const EXPERIMENT_LIST: ListSpec<ExperimentRecord> = {
  kind: 'experiments',
  id: (e) => e.experiment_id,
  fields: {
    experiment_id: (e) => e.experiment_id,
    id: (e) => e.experiment_id,
    name: (e) => e.display_name,
    display_name: (e) => e.display_name,
    description: (e) => e.description ?? '',
    created_at: (e) => Math.floor(e.created_at / 1000),
    namespace: (e) => e.namespace ?? '',
    storage_state: (e) => e.storage_state,
  },
};

export function getExperiment(env: EmulatorEnv, id: string): ExperimentRecord {
  const experiment = env.state.experiments.get(id);
  if (!experiment) throw notFound('Experiment', id);
  return experiment;
}

export function addExperiment(env: EmulatorEnv, input: { display_name: string; description?: string; namespace?: string }): ExperimentRecord {
  if (!input.display_name) throw invalidInput('Experiment must have a non-empty name');
  if (env.multiUser && !input.namespace) throw invalidInput('In multi-user mode, an experiment needs a namespace');
  const namespace = input.namespace ?? '';
  for (const other of env.state.experiments.values()) {
    if (other.display_name === input.display_name && (other.namespace ?? '') === namespace) {
      throw alreadyExists(`Failed to create a new experiment. The name ${input.display_name} already exists. Please specify a new name`);
    }
  }
  const record: ExperimentRecord = {
    experiment_id: env.state.newId(),
    display_name: input.display_name,
    ...(input.description ? { description: input.description } : {}),
    created_at: env.clock.now(),
    ...(namespace ? { namespace } : {}),
    storage_state: 'AVAILABLE',
  };
  env.state.experiments.set(record.experiment_id, record);
  return record;
}

export function registerExperimentRoutes(router: Router, env: EmulatorEnv): void {
  const base = '/apis/v2beta1/experiments';
  router.add('POST', base, ({ res, body }) => {
    const experiment = addExperiment(env, {
      display_name: typeof body.display_name === 'string' ? body.display_name : '',
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      ...(typeof body.namespace === 'string' ? { namespace: body.namespace } : {}),
    });
    sendJson(res, 200, apiExperiment(experiment));
  });
  router.add('GET', base, ({ res, query }) => {
    const namespace = query.get('namespace') ?? '';
    if (env.multiUser && !namespace) throw invalidInput('In multi-user mode, ListExperiments needs a namespace');
    const all = [...env.state.experiments.values()].filter((e) => !namespace || (e.namespace ?? '') === namespace);
    const page = listItems(all, query, EXPERIMENT_LIST);
    sendJson(res, 200, { experiments: page.items.map(apiExperiment), total_size: page.total, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) });
  });
  router.add('GET', `${base}/{experiment_id}`, ({ res, params }) => {
    sendJson(res, 200, apiExperiment(getExperiment(env, params.experiment_id ?? '')));
  });
  router.add('POST', `${base}/{experiment_id}:archive`, ({ res, params }) => {
    const experiment = getExperiment(env, params.experiment_id ?? '');
    experiment.storage_state = 'ARCHIVED';
    for (const run of env.state.runs.values()) if (run.experiment_id === experiment.experiment_id) run.storage_state = 'ARCHIVED';
    for (const rr of env.state.recurringRuns.values()) if (rr.experiment_id === experiment.experiment_id) rr.enabled = false;
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{experiment_id}:unarchive`, ({ res, params }) => {
    getExperiment(env, params.experiment_id ?? '').storage_state = 'AVAILABLE';
    sendJson(res, 200, {});
  });
  router.add('DELETE', `${base}/{experiment_id}`, ({ res, params }) => {
    const experiment = getExperiment(env, params.experiment_id ?? '');
    env.state.experiments.delete(experiment.experiment_id);
    for (const [id, run] of env.state.runs) if (run.experiment_id === experiment.experiment_id) env.state.runs.delete(id);
    for (const [id, rr] of env.state.recurringRuns) if (rr.experiment_id === experiment.experiment_id) env.state.recurringRuns.delete(id);
    sendJson(res, 200, {});
  });
}

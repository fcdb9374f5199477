// RecurringRunService v2beta1: create (cron or periodic trigger, max_concurrency, no_catchup), list, get, enable,
// disable, delete. Runs are fired by the engine on the emulator clock.
import type { EmulatorEnv } from './env';
import { invalidInput, notFound, sendJson } from './http-util';
import { apiRecurringRun } from './kfp-json';
import { listItems } from './list-query';
import type { ListSpec } from './list-query';
import { resolveExperiment, resolveSource } from './runs.routes';
import type { Router } from './router';
import { checkTrigger, nextScheduleTime, normalizeTrigger } from './schedule';
import type { RecurringRunRecord } from './state';

type Obj = { [key: string]: unknown };

const RECURRING_LIST: ListSpec<RecurringRunRecord> = {
  kind: 'recurring runs',
  id: (r) => r.recurring_run_id,
  fields: {
    recurring_run_id: (r) => r.recurring_run_id,
    id: (r) => r.recurring_run_id,
    name: (r) => r.display_name,
    display_name: (r) => r.display_name,
    description: (r) => r.description ?? '',
    created_at: (r) => Math.floor(r.created_at / 1000),
    updated_at: (r) => Math.floor(r.updated_at / 1000),
    experiment_id: (r) => r.experiment_id,
    pipeline_id: (r) => r.pipeline_version_reference?.pipeline_id ?? '',
    namespace: (r) => r.namespace ?? '',
  },
};

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function getRecurringRun(env: EmulatorEnv, id: string): RecurringRunRecord {
  const record = env.state.recurringRuns.get(id);
  if (!record) throw notFound('RecurringRun', id);
  return record;
}

function setEnabled(env: EmulatorEnv, record: RecurringRunRecord, enabled: boolean): void {
  const now = env.clock.now();
  if (enabled && !record.enabled) {
    // Re-enabled: the schedule goes on from now (catching up from the last fire when allowed).
    const from = record.no_catchup || record.nextFireAt === undefined ? now : record.nextFireAt - 1;
    record.nextFireAt = nextScheduleTime(record.trigger, from);
  }
  record.enabled = enabled;
  record.updated_at = now;
}

export function registerRecurringRunRoutes(router: Router, env: EmulatorEnv): void {
  const base = '/apis/v2beta1/recurringruns';
  router.add('POST', base, ({ res, body }) => {
    const displayName = typeof body.display_name === 'string' ? body.display_name : '';
    if (!displayName) throw invalidInput('The recurring run name is empty. Please specify a valid name.');
    const trigger = normalizeTrigger(body.trigger);
    try {
      checkTrigger(trigger);
    } catch (error) {
      throw invalidInput((error as Error).message);
    }
    const maxConcurrency = body.max_concurrency === undefined ? 1 : Number(body.max_concurrency);
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10) {
      throw invalidInput(`max_concurrency must be between 1 and 10, got ${String(body.max_concurrency)}`);
    }
    const experimentId = resolveExperiment(env, typeof body.experiment_id === 'string' ? body.experiment_id : '');
    const source = resolveSource(env, body);
    const now = env.clock.now();
    const enabled = body.mode !== 'DISABLE' && body.mode !== 2;
    const record: RecurringRunRecord = {
      recurring_run_id: env.state.newId(),
      display_name: displayName,
      ...(typeof body.description === 'string' && body.description ? { description: body.description } : {}),
      ...source,
      ...(isObj(body.runtime_config) ? { runtime_config: body.runtime_config } : {}),
      ...(typeof body.service_account === 'string' && body.service_account ? { service_account: body.service_account } : {}),
      max_concurrency: maxConcurrency,
      trigger,
      enabled,
      no_catchup: body.no_catchup === true,
      created_at: now,
      updated_at: now,
      experiment_id: experimentId,
      ...(env.state.experiments.get(experimentId)?.namespace ? { namespace: env.state.experiments.get(experimentId)?.namespace ?? '' } : {}),
      fired: 0,
    };
    record.nextFireAt = nextScheduleTime(trigger, now);
    env.state.recurringRuns.set(record.recurring_run_id, record);
    sendJson(res, 200, apiRecurringRun(record));
  });
  router.add('GET', base, ({ res, query }) => {
    const experimentId = query.get('experiment_id') ?? '';
    const namespace = query.get('namespace') ?? '';
    const all = [...env.state.recurringRuns.values()].filter(
      (r) => (!experimentId || r.experiment_id === experimentId) && (!namespace || (r.namespace ?? '') === namespace),
    );
    const page = listItems(all, query, RECURRING_LIST);
    // The v2beta1 response names this field in camelCase, unlike the others (see ListRecurringRunsResponse).
    sendJson(res, 200, { recurringRuns: page.items.map(apiRecurringRun), total_size: page.total, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) });
  });
  router.add('GET', `${base}/{recurring_run_id}`, ({ res, params }) => {
    sendJson(res, 200, apiRecurringRun(getRecurringRun(env, params.recurring_run_id ?? '')));
  });
  router.add('POST', `${base}/{recurring_run_id}:enable`, ({ res, params }) => {
    setEnabled(env, getRecurringRun(env, params.recurring_run_id ?? ''), true);
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{recurring_run_id}:disable`, ({ res, params }) => {
    setEnabled(env, getRecurringRun(env, params.recurring_run_id ?? ''), false);
    sendJson(res, 200, {});
  });
  router.add('DELETE', `${base}/{recurring_run_id}`, ({ res, params }) => {
    env.state.recurringRuns.delete(getRecurringRun(env, params.recurring_run_id ?? '').recurring_run_id);
    sendJson(res, 200, {});
  });
}

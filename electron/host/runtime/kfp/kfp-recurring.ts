// Recurring runs: a five-field cron (converted to KFP's six fields) or an interval, start and end times, max
// concurrency and catch-up. Created once; a lost answer is followed by a look-up by its marker (create-once.ts).
import { randomUUID } from 'node:crypto';
import { KfsError } from '../../../../shared/errors/codes';
import type { JsonValue } from '../../../../shared/model/document';
import type { SubmitRequest } from '../../../../shared/runtime/runtime';
import { createOnce } from '../../clusters/create-once';
import type { LookupPolicy } from '../../clusters/create-once';
import type { KfpClient } from './kfp-client';
import { fromKfpCron, toKfpCron } from './kfp-cron';
import { inlineSpecOf } from './kfp-spec';

export interface RecurringRunRequest {
  displayName: string;
  description?: string;
  version?: { pipelineId: string; versionId?: string };
  pipeline?: SubmitRequest['pipeline'];
  /** Five fields, minute first (`30 2 * * 1-5`), or a macro (`@daily`). Exclusive with intervalSeconds. */
  cron?: string;
  intervalSeconds?: number;
  startTime?: string;
  endTime?: string;
  /** Runs of this schedule at once, 1-10 (default 1). */
  maxConcurrency?: number;
  /** Whether missed times are run when the schedule is behind (KFP's default: true). */
  catchup?: boolean;
  parameters?: { [name: string]: JsonValue };
  experimentId?: string;
  serviceAccount?: string;
  enabled?: boolean;
}

type Obj = { [key: string]: unknown };

export function recurringRunBody(request: RecurringRunRequest): Obj {
  if ((request.cron === undefined) === (request.intervalSeconds === undefined)) {
    throw new KfsError('KFS911', 'A recurring run needs either a cron schedule or an interval, not both and not neither.', { field: 'trigger' });
  }
  const concurrency = request.maxConcurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10) throw new KfsError('KFS911', `Max concurrency is a whole number from 1 to 10, not ${concurrency}.`, { field: 'maxConcurrency' });
  const times = { ...(request.startTime ? { start_time: request.startTime } : {}), ...(request.endTime ? { end_time: request.endTime } : {}) };
  if (request.startTime && request.endTime && Date.parse(request.endTime) <= Date.parse(request.startTime)) {
    throw new KfsError('KFS911', 'The schedule ends before it starts: put the end time after the start time.', { field: 'endTime' });
  }
  let trigger: Obj;
  if (request.cron !== undefined) trigger = { cron_schedule: { ...times, cron: toKfpCron(request.cron) } };
  else {
    const seconds = request.intervalSeconds ?? 0;
    if (!Number.isInteger(seconds) || seconds < 1) throw new KfsError('KFS911', `The interval is a whole number of seconds of at least 1, not ${seconds}.`, { field: 'intervalSeconds' });
    trigger = { periodic_schedule: { ...times, interval_second: String(seconds) } };
  }
  const source = request.version
    ? { pipeline_version_reference: { pipeline_id: request.version.pipelineId, ...(request.version.versionId ? { pipeline_version_id: request.version.versionId } : {}) } }
    : request.pipeline !== undefined
      ? { pipeline_spec: inlineSpecOf(request.pipeline) }
      : undefined;
  if (!source) throw new KfsError('KFS701', 'A recurring run needs a pipeline: an uploaded version or a compiled pipeline.');
  return {
    display_name: request.displayName,
    ...(request.description ? { description: request.description } : {}),
    ...source,
    ...(request.parameters && Object.keys(request.parameters).length ? { runtime_config: { parameters: request.parameters } } : {}),
    ...(request.serviceAccount ? { service_account: request.serviceAccount } : {}),
    ...(request.experimentId ? { experiment_id: request.experimentId } : {}),
    max_concurrency: String(concurrency),
    trigger,
    mode: request.enabled === false ? 'DISABLE' : 'ENABLE',
    no_catchup: request.catchup === false,
  };
}

export async function createRecurringRun(client: KfpClient, request: RecurringRunRequest, defaultExperiment?: () => Promise<string>, lookup?: LookupPolicy): Promise<{ id: string; cron?: string }> {
  const experimentId = request.experimentId ?? (defaultExperiment ? await defaultExperiment() : undefined);
  const marker = `kfp-studio request ${randomUUID()}`;
  const body = recurringRunBody({ ...request, ...(experimentId ? { experimentId } : {}), description: request.description ? `${request.description}\n\n(${marker})` : `Scheduled from KFP Studio (${marker})` });
  const cron = (body.trigger as { cron_schedule?: { cron: string } }).cron_schedule?.cron;
  const doing = 'creating the recurring run';
  const { value } = await createOnce<Obj>({
    send: () => client.createRecurringRun(body),
    find: async () => {
      const page = await client.listRecurringRuns({ pageSize: 50, filter: { predicates: [{ key: 'display_name', operation: 'EQUALS', string_value: request.displayName }] } });
      return page.items.find((item) => String(item.description ?? '').includes(marker));
    },
    doing,
    marker: `a recurring run named "${request.displayName}" whose description holds "${marker}"`,
    unreachable: (error) => client.unreachable(error, doing),
    ...(lookup ? { policy: lookup } : {}),
  });
  return { id: String(value.recurring_run_id), ...(cron ? { cron: fromKfpCron(cron) } : {}) };
}

export interface RecurringRunSummary {
  id: string;
  displayName: string;
  enabled: boolean;
  /** Five fields, as people write it. */
  cron?: string;
  intervalSeconds?: number;
  maxConcurrency: number;
  catchup: boolean;
}

export async function listRecurringRuns(client: KfpClient, experimentId?: string): Promise<RecurringRunSummary[]> {
  const page = await client.listRecurringRuns({ pageSize: 200, ...(experimentId ? { experimentId } : {}) });
  return page.items.map((item) => {
    const trigger = (item.trigger ?? {}) as { cron_schedule?: { cron?: string }; periodic_schedule?: { interval_second?: string | number } };
    const cron = trigger.cron_schedule?.cron;
    const interval = trigger.periodic_schedule?.interval_second;
    return {
      id: String(item.recurring_run_id),
      displayName: String(item.display_name ?? ''),
      enabled: item.mode !== 'DISABLE' && item.status !== 'DISABLED',
      ...(cron ? { cron: fromKfpCron(cron) } : {}),
      ...(interval !== undefined ? { intervalSeconds: Number(interval) } : {}),
      maxConcurrency: Number(item.max_concurrency ?? 1),
      catchup: item.no_catchup !== true,
    };
  });
}

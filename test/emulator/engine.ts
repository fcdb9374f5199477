// The emulator's heart: on every clock tick it moves runs and Workflows through their tasks and fires recurring
// runs, in time order, so a test that advances the fake clock by an hour sees exactly what an hour would bring.
import type { EmulatorClock } from './clock';
import type { SimRun, SimRunState, SimTimings } from './dag-sim';
import { createSimRun, isTerminalSimRun, progressSimRun } from './dag-sim';
import { ApiError, invalidInput } from './http-util';
import { planFromPipelineSpec } from './pipeline-plan';
import type { EmulatorState, RecurringRunRecord, RunRecord } from './state';
import { nextScheduleTime } from './schedule';
import { refreshWorkflowStatus } from './workflow-status';

type Obj = { [key: string]: unknown };

export const RUN_STATE: Record<SimRunState, string> = {
  pending: 'PENDING',
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  canceling: 'CANCELING',
  canceled: 'CANCELED',
};

export interface NewRun {
  display_name: string;
  description?: string;
  experiment_id: string;
  spec: Obj;
  inline_spec?: Obj;
  pipeline_version_reference?: { pipeline_id?: string; pipeline_version_id?: string };
  runtime_config?: Obj;
  service_account?: string;
  recurring_run_id?: string;
  scheduled_at?: number;
  namespace?: string;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
  STRING: (v) => typeof v === 'string',
  NUMBER_INTEGER: (v) => typeof v === 'number' && Number.isInteger(v),
  NUMBER_DOUBLE: (v) => typeof v === 'number',
  BOOLEAN: (v) => typeof v === 'boolean',
  LIST: (v) => Array.isArray(v),
  STRUCT: (v) => isObj(v),
};

/** The backend's check at run creation: required inputs have a value or default, values match their type. */
export function checkRunParameters(spec: Obj, parameters: Obj): void {
  const root = isObj(spec.root) ? spec.root : {};
  const defs = isObj(root.inputDefinitions) && isObj(root.inputDefinitions.parameters) ? root.inputDefinitions.parameters : {};
  for (const name of Object.keys(parameters)) {
    if (!(name in defs)) throw invalidInput(`Unrecognized input parameter: ${name}`);
  }
  for (const [name, def] of Object.entries(defs)) {
    if (!isObj(def)) continue;
    const value = parameters[name];
    if (value === undefined || value === null) {
      if (def.defaultValue === undefined && def.isOptional !== true) throw invalidInput(`Missing required input parameter: ${name}`);
      continue;
    }
    const type = String(def.parameterType ?? 'STRING');
    if (TYPE_CHECKS[type] && !TYPE_CHECKS[type](value)) {
      throw invalidInput(`Input parameter ${name} expects a value of type ${type}, got ${JSON.stringify(value)}`);
    }
  }
}

export class Engine {
  private readonly unsubscribe: () => void;

  constructor(
    readonly state: EmulatorState,
    readonly clock: EmulatorClock,
    readonly timings: SimTimings,
  ) {
    this.unsubscribe = clock.onTick((now) => this.tick(now));
  }

  stop(): void {
    this.unsubscribe();
  }

  createRun(input: NewRun): RunRecord {
    const now = this.clock.now();
    let plan;
    try {
      plan = planFromPipelineSpec(input.spec);
    } catch (error) {
      throw invalidInput(`The pipeline spec cannot be run: ${(error as Error).message}`);
    }
    const params = isObj(input.runtime_config?.parameters) ? input.runtime_config.parameters : {};
    if (!(input.spec.kind === 'Workflow')) checkRunParameters(input.spec, params);
    const runId = this.state.newId();
    const pipelineName = String((isObj(input.spec.pipelineInfo) ? input.spec.pipelineInfo.name : undefined) ?? 'pipeline');
    const workflowName = `${pipelineName.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40)}-${runId.slice(0, 5)}`;
    const pods = new Map<string, string>();
    const nodeIds = new Map<string, string>();
    for (const task of plan) {
      if (task.kind !== 'pod') continue;
      const pod = this.state.newPodName(workflowName);
      pods.set(task.id, pod);
      nodeIds.set(`${task.id}#executor`, pod);
    }
    const run: RunRecord = {
      run_id: runId,
      experiment_id: input.experiment_id,
      display_name: input.display_name,
      ...(input.description ? { description: input.description } : {}),
      storage_state: 'AVAILABLE',
      ...(input.pipeline_version_reference ? { pipeline_version_reference: input.pipeline_version_reference } : {}),
      ...(input.inline_spec ? { inline_spec: input.inline_spec } : {}),
      spec: input.spec,
      ...(input.runtime_config ? { runtime_config: input.runtime_config } : {}),
      ...(input.service_account ? { service_account: input.service_account } : {}),
      created_at: now,
      scheduled_at: input.scheduled_at ?? now,
      ...(input.recurring_run_id ? { recurring_run_id: input.recurring_run_id } : {}),
      ...(input.namespace ? { namespace: input.namespace } : {}),
      sim: createSimRun(plan, now, this.timings),
      state_history: [{ update_time: now, state: 'PENDING' }],
      workflowName,
      pods,
      nodeIds,
      taskIds: new Map(),
    };
    this.state.runs.set(runId, run);
    const experiment = this.state.experiments.get(input.experiment_id);
    if (experiment) experiment.last_run_created_at = now;
    return run;
  }

  /** Moves everything to `now`, firing schedules in time order. */
  tick(now: number): void {
    for (let guard = 0; guard < 100_000; guard++) {
      const due = this.nextDueSchedule(now);
      if (!due) break;
      this.progressAll(due.at);
      this.fire(due.record, due.at);
    }
    this.progressAll(now);
    this.state.events.emit('tick', now);
  }

  private nextDueSchedule(now: number): { record: RecurringRunRecord; at: number } | undefined {
    let best: { record: RecurringRunRecord; at: number } | undefined;
    for (const record of this.state.recurringRuns.values()) {
      if (!record.enabled || record.nextFireAt === undefined) continue;
      const at = Math.max(record.nextFireAt, record.retryAt ?? 0);
      if (at <= now && (!best || at < best.at)) best = { record, at };
    }
    return best;
  }

  private fire(record: RecurringRunRecord, at: number): void {
    const active = [...this.state.runs.values()].filter((run) => run.recurring_run_id === record.recurring_run_id && !isTerminalSimRun(run.sim.state));
    if (active.length >= record.max_concurrency) {
      record.retryAt = at + 1000; // the controller looks again on its next resync
      return;
    }
    record.retryAt = undefined;
    let scheduled = record.nextFireAt ?? at;
    if (record.no_catchup) {
      // Only the latest missed time runs.
      for (let next = nextScheduleTime(record.trigger, scheduled); next !== undefined && next <= at; next = nextScheduleTime(record.trigger, next)) {
        scheduled = next;
      }
    }
    record.fired += 1;
    const nextAt = nextScheduleTime(record.trigger, scheduled);
    record.nextFireAt = nextAt;
    try {
      this.createRunAt(record, scheduled, at);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  private createRunAt(record: RecurringRunRecord, scheduled: number, at: number): void {
    const run = this.createRun({
      display_name: `${record.display_name} ${new Date(scheduled).toISOString().replace('.000Z', 'Z')}`,
      experiment_id: record.experiment_id,
      spec: record.spec,
      ...(record.inline_spec ? { inline_spec: record.inline_spec } : {}),
      ...(record.pipeline_version_reference ? { pipeline_version_reference: record.pipeline_version_reference } : {}),
      ...(record.runtime_config ? { runtime_config: record.runtime_config } : {}),
      ...(record.service_account ? { service_account: record.service_account } : {}),
      recurring_run_id: record.recurring_run_id,
      scheduled_at: scheduled,
      ...(record.namespace ? { namespace: record.namespace } : {}),
    });
    // createRun stamps the clock's time; a fire replayed during a long advance happened earlier.
    run.created_at = at;
    run.sim = { ...run.sim, createdAt: at, notBefore: at + this.timings.startDelayMs };
    run.state_history = [{ update_time: at, state: 'PENDING' }];
  }

  progressRun(run: RunRecord, now: number): void {
    const before = run.sim.state;
    if (progressSimRun(run.sim, now) && run.sim.state !== before) this.recordRunState(run, run.sim);
  }

  recordRunState(run: RunRecord, sim: SimRun): void {
    const state = RUN_STATE[sim.state];
    const at = sim.state === 'running' ? sim.notBefore : isTerminalSimRun(sim.state) ? (sim.endAt ?? this.clock.now()) : (sim.cancelAt ?? this.clock.now());
    if (run.state_history[run.state_history.length - 1]?.state !== state) run.state_history.push({ update_time: at, state });
  }

  private progressAll(now: number): void {
    for (const run of this.state.runs.values()) this.progressRun(run, now);
    for (const workflow of this.state.workflows.values()) {
      if (progressSimRun(workflow.sim, now)) refreshWorkflowStatus(this.state, workflow, true);
    }
  }
}

// What the emulator remembers, as the real server's database and the cluster's etcd would: pipelines and their
// versions, experiments, runs, recurring runs, Argo Workflow objects, plus a log of requests for assertions
// (e.g. that a client retry never created a second run).
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { SimRun } from './dag-sim';

type Obj = { [key: string]: unknown };

export interface PipelineRecord {
  pipeline_id: string;
  name: string;
  display_name: string;
  description?: string;
  created_at: number;
  namespace?: string;
  tags?: Record<string, string>;
}

export interface VersionRecord {
  pipeline_id: string;
  pipeline_version_id: string;
  name: string;
  display_name: string;
  description?: string;
  created_at: number;
  code_source_url?: string;
  package_url?: { pipeline_url: string };
  /** The first YAML document: a PipelineSpec, or an Argo Workflow for a v1 pipeline. */
  pipeline_spec: Obj;
  /** The second document (PlatformSpec), when there is one. */
  platform_spec?: Obj;
  tags?: Record<string, string>;
}

export type StorageState = 'AVAILABLE' | 'ARCHIVED';

export interface ExperimentRecord {
  experiment_id: string;
  display_name: string;
  description?: string;
  created_at: number;
  namespace?: string;
  storage_state: StorageState;
  last_run_created_at?: number;
}

export interface RuntimeStatus {
  update_time: number;
  state: string;
}

export interface RunRecord {
  run_id: string;
  experiment_id: string;
  display_name: string;
  description?: string;
  storage_state: StorageState;
  pipeline_version_reference?: { pipeline_id?: string; pipeline_version_id?: string };
  /** Set when the run was created with an inline spec. */
  inline_spec?: Obj;
  /** What the run executes. */
  spec: Obj;
  runtime_config?: Obj;
  service_account?: string;
  created_at: number;
  scheduled_at: number;
  recurring_run_id?: string;
  namespace?: string;
  sim: SimRun;
  state_history: RuntimeStatus[];
  /** The name of the run's Argo Workflow (the prefix of its node ids). */
  workflowName: string;
  /** Pod name per pod task id: its `executor` node's id (Argo's v1 pod names: the node id). */
  pods: Map<string, string>;
  /** Argo node id per node key (`<task id>#driver|#task|#executor`, `#workflow`). */
  nodeIds: Map<string, string>;
  /** task_details.task_id per node key. */
  taskIds: Map<string, string>;
}

export interface RecurringRunRecord {
  recurring_run_id: string;
  display_name: string;
  description?: string;
  pipeline_version_reference?: { pipeline_id?: string; pipeline_version_id?: string };
  inline_spec?: Obj;
  spec: Obj;
  runtime_config?: Obj;
  service_account?: string;
  max_concurrency: number;
  trigger: Obj;
  enabled: boolean;
  no_catchup: boolean;
  created_at: number;
  updated_at: number;
  experiment_id: string;
  namespace?: string;
  /** The next scheduled time; undefined when the schedule has ended. */
  nextFireAt?: number;
  /** When a fire was held back by max_concurrency, the time to look again. */
  retryAt?: number;
  fired: number;
}

export interface WorkflowRecord {
  namespace: string;
  name: string;
  /** The object as stored: metadata, spec and the status the emulator keeps up to date. */
  object: Obj;
  sim: SimRun;
  /** Node id per plan task id. */
  nodeIds: Map<string, string>;
}

export interface WatchEvent {
  resourceVersion: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  at: number;
  /** The fault applied, if any. */
  fault?: string;
}

export class EmulatorState {
  readonly pipelines = new Map<string, PipelineRecord>();
  readonly versions = new Map<string, VersionRecord>();
  readonly experiments = new Map<string, ExperimentRecord>();
  readonly runs = new Map<string, RunRecord>();
  readonly recurringRuns = new Map<string, RecurringRunRecord>();
  /** Keyed `namespace/name`. */
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly namespaces: string[];
  readonly requests: RequestRecord[] = [];
  readonly workflowEvents: WatchEvent[] = [];
  /** 'tick' (now) after every clock tick; 'workflow' (WatchEvent) on every Workflow change. */
  readonly events = new EventEmitter();
  private resourceVersion = 1000;
  private podCounter = 0;

  constructor(namespaces: string[]) {
    this.namespaces = [...namespaces];
    this.events.setMaxListeners(0);
  }

  newId(): string {
    return randomUUID();
  }

  nextResourceVersion(): number {
    this.resourceVersion += 1;
    return this.resourceVersion;
  }

  currentResourceVersion(): number {
    return this.resourceVersion;
  }

  /** A pod name as Argo makes them: `<prefix>-<10 digits>`. */
  newPodName(prefix: string): string {
    this.podCounter += 1;
    const digits = String(1_000_000_000 + ((this.podCounter * 2_654_435_761) % 8_999_999_999)).slice(0, 10);
    return `${prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40)}-${digits}`;
  }

  recordWorkflowEvent(type: WatchEvent['type'], object: Obj): WatchEvent {
    const event: WatchEvent = { resourceVersion: Number((object.metadata as Obj | undefined)?.resourceVersion ?? this.resourceVersion), type, object: structuredClone(object) };
    this.workflowEvents.push(event);
    if (this.workflowEvents.length > 5000) this.workflowEvents.splice(0, this.workflowEvents.length - 5000);
    this.events.emit('workflow', event);
    return event;
  }

  /** Requests whose method and path match, e.g. `count('POST', /\/runs$/)` to check a run was created once. */
  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path) && r.status < 400 && !r.fault).length;
  }
}

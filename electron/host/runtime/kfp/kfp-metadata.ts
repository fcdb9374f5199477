// What a KFP run's steps took and made, from where a deployment keeps it: ML Metadata (each step an execution whose
// custom properties hold its parameters — `inputs`, `outputs` — and name it — `task_name`, `parent_dag_id`; its
// artifacts linked by INPUT/OUTPUT events, the artifact's name the event path's key), and the object store behind
// the KFP UI's artifact endpoint (`/artifacts/get?source=minio&bucket=…&key=…[&peek=N]`, frontend/server/handlers/
// artifacts.ts). Both are routes of the KFP UI's server, so they are reached at the UI's address: the profile's URL,
// or through a kubeconfig the ml-pipeline-ui service's proxy.
import type { JsonValue } from '../../../../shared/model/document';
import { KfsError } from '../../../../shared/errors/codes';
import type { ArtifactEntry, ArtifactValue, TaskIo, TaskState } from '../../../../shared/runtime/runtime';
import { ClusterError, NetworkError, sendRequest } from '../../clusters/cluster-http';
import type { Endpoint, RetryPolicy } from '../../clusters/cluster-http';
import { isHtml, networkProblem, serverMessageOf } from '../../clusters/cluster-calls';
import { EXECUTION_STATE, MlmdClient } from './mlmd-client';
import type { MlmdArtifact, MlmdExecution } from './mlmd-client';

export const KFP_UI_SERVICE = 'ml-pipeline-ui:80';

/** The KFP UI's address for a KFP endpoint: the same URL, or the UI service's proxy next to the API's. */
export function uiEndpointOf(endpoint: Endpoint): Endpoint {
  if (endpoint.via !== 'kubeconfig') return endpoint;
  const baseUrl = endpoint.baseUrl.replace(/\/services\/[^/]+\/proxy$/, `/services/${KFP_UI_SERVICE}/proxy`);
  return { ...endpoint, baseUrl, label: endpoint.label.replace(/service [^ ]+ in/, `service ${KFP_UI_SERVICE} in`) };
}

export interface StepRecord {
  inputs: TaskIo;
  outputs: TaskIo;
  /** MLMD's word, when it says more than the Argo node: a cached step. */
  state?: TaskState;
}

const INPUT_EVENTS = new Set([2, 3, 5]);
const OUTPUT_EVENTS = new Set([1, 4, 6]);

function parametersOf(value: JsonValue | undefined): { [name: string]: JsonValue } {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
}

function artifactValue(artifact: MlmdArtifact, name: string): ArtifactValue {
  const { display_name: _shown, ...metadata } = artifact.properties;
  return { name, uri: artifact.uri, schemaTitle: artifact.typeName || 'system.Artifact', metadata };
}

/** An object store URI as the UI's endpoint names it (frontend WorkflowParser.parseStoragePath). */
export function storageOf(uri: string): { source: string; bucket: string; key: string } {
  const match = /^(minio|s3|gs|https?):\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new KfsError('KFS955', `The artifact's URI "${uri}" is not in an object store the KFP UI reads (minio://, s3://, gs://, http(s)://): open it where the pipeline root keeps it.`);
  const [, scheme = '', bucket = '', key = ''] = match;
  return { source: scheme === 'gs' ? 'gcs' : scheme, bucket, key };
}

export class KfpMetadata {
  private readonly mlmd: MlmdClient;
  private readonly cache = new Map<string, { key: string; steps: Map<string, StepRecord> }>();

  constructor(
    private readonly ui: Endpoint,
    private readonly retry: RetryPolicy,
    private readonly namespace: string | undefined,
    private readonly timeoutMs = 30_000,
  ) {
    this.mlmd = new MlmdClient(ui, retry, timeoutMs);
  }

  /**
   * Each step's inputs and outputs by task id (the path of task names, as the canvas has them). `version` says
   * whether anything may have changed since the last read (the run's state and its tasks' states).
   */
  async steps(runId: string, version: string): Promise<Map<string, StepRecord>> {
    const cached = this.cache.get(runId);
    if (cached && cached.key === version) return cached.steps;
    const steps = await this.readSteps(runId);
    this.cache.set(runId, { key: version, steps });
    return steps;
  }

  private async readSteps(runId: string): Promise<Map<string, StepRecord>> {
    const steps = new Map<string, StepRecord>();
    const contextId = await this.mlmd.runContextId(runId);
    if (contextId === undefined) return steps;
    const executions = await this.mlmd.executions(contextId);
    const events = await this.mlmd.events(executions.map((item) => item.id));
    const artifacts = new Map((await this.mlmd.artifacts([...new Set(events.map((event) => event.artifactId))])).map((item) => [item.id, item]));
    const byId = new Map(executions.map((item) => [item.id, item]));
    const pathOf = (execution: MlmdExecution, depth = 0): string => {
      const parent = byId.get(Number(execution.properties.parent_dag_id ?? -1));
      const name = String(execution.properties.task_name ?? '');
      const parentPath = parent && depth < 50 ? pathOf(parent, depth + 1) : '';
      // The root DAG's execution has no parent; its children are named from the root.
      if (!parent) return '';
      return parentPath ? `${parentPath}/${name}` : name;
    };
    for (const execution of executions) {
      const id = pathOf(execution);
      if (!id) continue;
      const record: StepRecord = {
        inputs: { parameters: parametersOf(execution.properties.inputs), artifacts: {} },
        outputs: { parameters: parametersOf(execution.properties.outputs), artifacts: {} },
        ...(execution.state === EXECUTION_STATE.CACHED ? { state: 'cached' as const } : {}),
      };
      for (const event of events.filter((item) => item.executionId === execution.id)) {
        const artifact = artifacts.get(event.artifactId);
        const side = INPUT_EVENTS.has(event.type) ? record.inputs : OUTPUT_EVENTS.has(event.type) ? record.outputs : undefined;
        if (!artifact || !side || !event.name) continue;
        side.artifacts[event.name] = [...(side.artifacts[event.name] ?? []), artifactValue(artifact, event.name)];
      }
      steps.set(id, record);
    }
    return steps;
  }

  /** Every output artifact of every step, as the artifact list shows them. */
  async artifacts(runId: string, version: string): Promise<ArtifactEntry[]> {
    const out: ArtifactEntry[] = [];
    for (const [taskId, step] of await this.steps(runId, version)) {
      for (const [output, list] of Object.entries(step.outputs.artifacts)) for (const artifact of list) out.push({ taskId, output, artifact });
    }
    return out;
  }

  /** The artifact's bytes through the UI's artifact endpoint; `peek` reads only its first bytes. */
  async readObject(uri: string, peek?: number): Promise<Uint8Array> {
    const { source, bucket, key } = storageOf(uri);
    const doing = `reading the artifact ${uri}`;
    const query = { source, bucket, key, ...(peek ? { peek } : {}), ...(this.namespace ? { namespace: this.namespace } : {}) };
    let answer;
    try {
      answer = await sendRequest(this.ui, { method: 'GET', path: '/artifacts/get', query, idempotent: true, answer: 'artifact', timeoutMs: Math.max(this.timeoutMs, 120_000), headers: { Accept: '*/*' } }, this.retry);
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'ETOOLARGE') {
        throw new ClusterError('KFS957', `The artifact ${uri} is larger than ${Math.round((error.limit ?? 0) / 1024 / 1024)} MB, the most this app reads: download it from the object store (bucket "${bucket}", key "${key}").`);
      }
      if (error instanceof NetworkError) throw networkProblem(error, { endpoint: this.ui, doing, answer: 'artifact' });
      throw error;
    }
    if (answer.status === 200 && !isHtml(answer)) return new Uint8Array(answer.bytes ?? Buffer.alloc(0));
    const said = isHtml(answer) ? '' : serverMessageOf(answer);
    if (isHtml(answer) || (answer.status === 404 && !/No objects found/.test(said))) {
      throw new ClusterError('KFS953', `${this.ui.label} has no artifact endpoint (/artifacts/get answered ${isHtml(answer) ? 'a web page' : `HTTP ${answer.status}`}): artifacts are read through the KFP UI's server, so use the UI's address in the profile, or a kubeconfig profile whose cluster runs the ml-pipeline-ui service.`, { field: this.ui.label }, answer.status, said || undefined);
    }
    if (answer.status === 404) throw new ClusterError('KFS954', `The object store has nothing at ${uri}: the step may not have written it, or it was deleted.`, {}, 404, said);
    if (answer.status === 401 || answer.status === 403) {
      throw new ClusterError('KFS903', `No permission to read ${uri} (HTTP ${answer.status})${this.namespace ? ` in namespace "${this.namespace}"` : ''}: ask for access to the namespace's artifacts.${said ? ` The server said: ${said}` : ''}`, {}, answer.status, said);
    }
    throw new ClusterError('KFS954', `The KFP UI could not read ${uri} from the object store (HTTP ${answer.status})${said ? `: ${said}` : ''}. Check that the object store (MinIO or S3) is up and that the UI's credentials reach the bucket "${bucket}".`, {}, answer.status, said);
  }
}

/** What may change a run's step records: its state and its tasks' states. */
export function ioVersion(snapshot: { state: string; tasks: readonly { id: string; state: string }[] }): string {
  return `${snapshot.state}|${snapshot.tasks.map((task) => `${task.id}=${task.state}`).join(',')}`;
}

/**
 * The snapshot's tasks with their inputs and outputs from ML Metadata (and `cached` where MLMD says so). A
 * deployment without ML Metadata keeps the states and logs: the problem is handed to `onProblem` once per kind.
 */
export async function addStepIo(metadata: KfpMetadata, snapshot: RunSnapshotLike, onProblem: (error: unknown) => void): Promise<void> {
  if (!snapshot.tasks.some((task) => task.state !== 'pending')) return;
  let steps: Map<string, StepRecord>;
  try {
    steps = await metadata.steps(snapshot.id, ioVersion(snapshot));
  } catch (error) {
    onProblem(error);
    return;
  }
  for (const task of snapshot.tasks) {
    const step = steps.get(task.id);
    if (!step) continue;
    task.inputs = step.inputs;
    task.outputs = step.outputs;
    if (step.state === 'cached' && task.state === 'succeeded') task.state = 'cached';
  }
}

type RunSnapshotLike = { id: string; state: string; tasks: { id: string; state: TaskState; inputs?: TaskIo; outputs?: TaskIo }[] };

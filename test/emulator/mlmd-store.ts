// What KFP's driver and launcher write to ML Metadata for a run, kept as the run moves (backend/src/v2/metadata):
// a `system.PipelineRun` context named by the run id; per started task an execution (`system.DAGExecution`,
// `system.ContainerExecution`) whose custom properties are `display_name`, `task_name`, `parent_dag_id`, `pod_name`,
// `inputs` and, once it succeeded, `outputs` (parameters as a Struct); per output artifact an Artifact with its URI
// under the pipeline root (`minio://mlpipeline/v2/artifacts/<pipeline>/<run>/<task>/<output>`), its type and a
// `display_name`; INPUT (3) and OUTPUT (4) events whose path key is the input or output name. Output parameters
// get a value made from the task and output names; an artifact's bytes are made from its type, and written to the
// object store (`objects`). A step's container env `EMULATOR_ARTIFACT_BYTES` sets how large its files are.
import type { JsonValue } from '../../shared/model/document';
import { parsePipelineIr, topologicalOrder } from '../../shared/runtime/pipeline-ir.parse';
import type { IrComponent, IrDag, IrExecutor, IrTask, PipelineIr } from '../../shared/runtime/pipeline-ir.parse';
import type { SimTask } from './dag-sim';
import type { EmulatorState, RunRecord } from './state';

export const PIPELINE_ROOT = 'minio://mlpipeline/v2/artifacts';

export interface MlmdExecutionRecord {
  id: number;
  type: string;
  state: number;
  custom: { [key: string]: JsonValue };
}
export interface MlmdArtifactRecord {
  id: number;
  typeId: number;
  type: string;
  uri: string;
  custom: { [key: string]: JsonValue };
}
export interface MlmdEventRecord {
  artifactId: number;
  executionId: number;
  key: string;
  type: number;
}
export interface RunMetadata {
  contextId: number;
  executions: MlmdExecutionRecord[];
  artifacts: MlmdArtifactRecord[];
  events: MlmdEventRecord[];
}

interface Ids {
  next: number;
  byKey: Map<string, number>;
  types: Map<string, number>;
  /** The object store: `bucket/key` → bytes. */
  objects: Map<string, Buffer>;
}
const IDS = new WeakMap<EmulatorState, Ids>();

export function idsOf(state: EmulatorState): Ids {
  let ids = IDS.get(state);
  if (!ids) {
    ids = { next: 1, byKey: new Map(), types: new Map(), objects: new Map() };
    IDS.set(state, ids);
  }
  return ids;
}

function idOf(ids: Ids, key: string): number {
  let id = ids.byKey.get(key);
  if (id === undefined) {
    id = ids.next++;
    ids.byKey.set(key, id);
  }
  return id;
}

export function typeIdOf(ids: Ids, name: string): number {
  let id = ids.types.get(name);
  if (id === undefined) {
    id = 100 + ids.types.size;
    ids.types.set(name, id);
  }
  return id;
}

const STATE: Record<SimTask['state'], number> = { pending: 1, running: 2, succeeded: 3, failed: 4, skipped: 1, canceled: 6 };

function outputValue(type: string, task: string, name: string): JsonValue {
  if (type === 'NUMBER_INTEGER') return name.length + task.length;
  if (type === 'NUMBER_DOUBLE') return 0.875;
  if (type === 'BOOLEAN') return true;
  if (type === 'LIST') return [task, name];
  if (type === 'STRUCT') return { task, output: name };
  return `${task}-${name}`;
}

function contentOf(type: string, task: string, output: string, size: number | undefined): Buffer {
  const text =
    type === 'system.HTML'
      ? `<html><body><h1>${task}</h1><p>${output}</p></body></html>\n`
      : type === 'system.Markdown'
        ? `# ${task}\n\nThe output *${output}*.\n`
        : type === 'system.Dataset'
          ? `row,task,value\n${[1, 2, 3].map((row) => `${row},${task},${row * 10}`).join('\n')}\n`
          : `emulated ${type} written by ${task} as ${output}\n`;
  if (size === undefined) return Buffer.from(text, 'utf8');
  return Buffer.alloc(size, text);
}

function metadataOf(type: string): { [key: string]: JsonValue } {
  if (type === 'system.Metrics') return { accuracy: 0.875, loss: 0.125 };
  return {};
}

/** The IR task and component of each plan task id (`root/a/b`), walked as the plan was. */
function irTasks(ir: PipelineIr): Map<string, { task: IrTask; component?: IrComponent; executor?: IrExecutor }> {
  const out = new Map<string, { task: IrTask; component?: IrComponent; executor?: IrExecutor }>();
  const walk = (dag: IrDag, parentId: string, seen: Set<string>): void => {
    for (const name of topologicalOrder(dag)) {
      const task = dag.tasks[name];
      if (!task) continue;
      const component = ir.components[task.componentRef];
      const executor = component?.executorLabel ? ir.executors[component.executorLabel] : undefined;
      out.set(`${parentId}/${name}`, { task, ...(component ? { component } : {}), ...(executor ? { executor } : {}) });
      if (component?.dag && !seen.has(task.componentRef)) walk(component.dag, `${parentId}/${name}`, new Set([...seen, task.componentRef]));
    }
  };
  if (ir.root.dag) walk(ir.root.dag, 'root', new Set());
  return out;
}

/** The run's ML Metadata as it stands now (stable ids across reads). Runs of Argo (v1) pipelines have none. */
export function runMetadata(state: EmulatorState, run: RunRecord): RunMetadata | undefined {
  if (run.spec.kind === 'Workflow') return undefined;
  const started = run.sim.tasks.filter((task) => task.state !== 'pending' && task.state !== 'skipped');
  if (!started.length) return undefined;
  const ids = idsOf(state);
  const ir = parsePipelineIr(run.spec);
  const plan = irTasks(ir);
  const runParams = ((run.runtime_config?.parameters ?? {}) as { [key: string]: JsonValue });
  const pipelineName = ir.name || 'pipeline';
  const out: RunMetadata = { contextId: idOf(ids, `context/${run.run_id}`), executions: [], artifacts: [], events: [] };
  const params = new Map<string, { [key: string]: JsonValue }>();
  const outputs = new Map<string, { [key: string]: JsonValue }>();
  const artifactIds = new Map<string, number>();
  for (const sim of started) {
    const executionId = idOf(ids, `execution/${run.run_id}/${sim.id}`);
    const parentExecution = sim.parentId !== undefined ? idOf(ids, `execution/${run.run_id}/${sim.parentId}`) : undefined;
    const entry = plan.get(sim.id);
    const inputs: { [key: string]: JsonValue } = {};
    if (sim.parentId === undefined) {
      for (const [name, def] of Object.entries(ir.root.inputs.parameters)) if (runParams[name] !== undefined || def.defaultValue !== undefined) inputs[name] = runParams[name] ?? (def.defaultValue as JsonValue);
    }
    for (const [name, source] of Object.entries(entry?.task.parameters ?? {})) {
      if (source.kind === 'constant') inputs[name] = source.value;
      else if (source.kind === 'component') {
        const value = params.get(sim.parentId ?? '')?.[source.name];
        if (value !== undefined) inputs[name] = value;
      } else if (source.kind === 'task') {
        const value = outputs.get(`${sim.parentId}/${source.task}`)?.[source.output];
        if (value !== undefined) inputs[name] = value;
      }
    }
    params.set(sim.id, inputs);
    const made: { [key: string]: JsonValue } = {};
    if (sim.state === 'succeeded' && sim.kind === 'pod') {
      for (const [name, def] of Object.entries(entry?.component?.outputs.parameters ?? {})) made[name] = outputValue(def.parameterType, sim.name, name);
    }
    outputs.set(sim.id, made);
    const custom: { [key: string]: JsonValue } = { display_name: sim.parentId === undefined ? pipelineName : sim.name, task_name: sim.parentId === undefined ? '' : sim.name, inputs };
    if (parentExecution !== undefined) custom.parent_dag_id = parentExecution;
    if (sim.kind === 'pod') custom.pod_name = run.pods.get(sim.id) ?? '';
    if (sim.state === 'succeeded') custom.outputs = made;
    out.executions.push({ id: executionId, type: sim.kind === 'pod' ? 'system.ContainerExecution' : 'system.DAGExecution', state: STATE[sim.state], custom });
    for (const [name, source] of Object.entries(entry?.task.artifacts ?? {})) {
      const from = source.kind === 'task' ? artifactIds.get(`${sim.parentId}/${source.task}#${source.output}`) : undefined;
      if (from !== undefined) out.events.push({ artifactId: from, executionId, key: name, type: 3 });
    }
    if (sim.state !== 'succeeded' || sim.kind !== 'pod') continue;
    const env = entry?.executor?.kind === 'container' ? entry.executor.env : [];
    const size = Number(env.find((item) => item.name === 'EMULATOR_ARTIFACT_BYTES')?.value ?? NaN);
    const defs = entry?.executor?.kind === 'importer' ? { artifact: { schemaTitle: entry.executor.schemaTitle } } : (entry?.component?.outputs.artifacts ?? {});
    for (const [name, def] of Object.entries(defs)) {
      const artifactId = idOf(ids, `artifact/${run.run_id}/${sim.id}/${name}`);
      artifactIds.set(`${sim.id}#${name}`, artifactId);
      const importer = entry?.executor?.kind === 'importer' && 'constant' in entry.executor.uri ? entry.executor.uri.constant : undefined;
      const uri = importer ?? `${PIPELINE_ROOT}/${pipelineName}/${run.run_id}/${sim.name}/${name}`;
      const key = uri.replace(/^minio:\/\//, '');
      if (!importer && !ids.objects.has(key)) ids.objects.set(key, contentOf(def.schemaTitle, sim.name, name, Number.isFinite(size) ? size : undefined));
      out.artifacts.push({ id: artifactId, typeId: typeIdOf(ids, def.schemaTitle), type: def.schemaTitle, uri, custom: { display_name: name, ...metadataOf(def.schemaTitle) } });
      out.events.push({ artifactId, executionId, key: name, type: 4 });
    }
  }
  return out;
}

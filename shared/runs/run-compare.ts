// Comparing 2–10 runs (local or of one cluster): their parameters side by side (which differ), the scalar metrics of
// their Metrics artifacts, each step's state, and the ROC curves and confusion matrices of their ClassificationMetrics
// artifacts. Pure: the host reads the runs and the metrics files and hands them in.
import { KfsError } from '../errors/codes';
import type { JsonValue } from '../model/document';
import { durationMs, type ArtifactValue, type RunSnapshot, type RunState, type TaskSnapshot, type TaskState } from '../runtime/runtime';
import { CLASSIFICATION_SCHEMA, METRICS_SCHEMA, readClassification, rocArea, scalarMetrics, type ConfusionMatrix, type RocPoint } from './run-metrics';

export const MIN_COMPARED_RUNS = 2;
export const MAX_COMPARED_RUNS = 10;

/** A metrics artifact of a run: the step and output it came from. */
export interface MetricsArtifact {
  taskId: string;
  output: string;
  /** "Test › metrics": the step's display name and the output, as tables and legends show it. */
  source: string;
  artifact: ArtifactValue;
}

export interface RunToCompare {
  run: RunSnapshot;
  /** The parsed JSON of metrics artifact files, by metricsFileKey (absent: unread or not JSON; metadata still counts). */
  files: { [key: string]: unknown };
}

export interface ComparedRun {
  id: string;
  displayName: string;
  pipelineName: string;
  state: RunState;
  createdAt: string;
  durationMs?: number;
}

export interface ParameterRow {
  name: string;
  /** One per run, in the runs' order; absent where that run has no such parameter. */
  values: (JsonValue | undefined)[];
  differs: boolean;
}

export interface MetricRow {
  name: string;
  source: string;
  values: (number | string | undefined)[];
  differs: boolean;
}

export interface StepRow {
  /** The task's id in its run (the canvas name path). */
  id: string;
  displayName: string;
  states: (TaskState | undefined)[];
  differs: boolean;
}

export interface RocCurve {
  /** Index of the run in `runs`. */
  run: number;
  source: string;
  points: RocPoint[];
  auc: number;
}

export interface RunConfusionMatrix {
  run: number;
  source: string;
  matrix: ConfusionMatrix;
}

export interface RunComparison {
  runs: ComparedRun[];
  parameters: ParameterRow[];
  metrics: MetricRow[];
  steps: StepRow[];
  roc: RocCurve[];
  confusion: RunConfusionMatrix[];
}

/** The key of a metrics artifact's file content in RunToCompare.files. */
export function metricsFileKey(taskId: string, output: string): string {
  return `${taskId}\u0000${output}`;
}

const isStep = (task: TaskSnapshot): boolean => task.kind === 'container' || task.kind === 'importer';

/** The Metrics and ClassificationMetrics artifacts a run's steps produced, in step order. */
export function metricsArtifacts(run: RunSnapshot): MetricsArtifact[] {
  const found: MetricsArtifact[] = [];
  for (const task of run.tasks) {
    if (!isStep(task)) continue;
    for (const [output, list] of Object.entries(task.outputs?.artifacts ?? {})) {
      const artifact = list[0];
      if (!artifact || (artifact.schemaTitle !== METRICS_SCHEMA && artifact.schemaTitle !== CLASSIFICATION_SCHEMA)) continue;
      found.push({ taskId: task.id, output, source: `${task.displayName || task.name} › ${output}`, artifact });
    }
  }
  return found;
}

/** KFS960 unless 2–10 different run ids are given. */
export function checkComparedIds(runIds: readonly string[]): void {
  const unique = new Set(runIds);
  if (unique.size !== runIds.length) {
    const twice = runIds.find((id, i) => runIds.indexOf(id) !== i);
    throw new KfsError('KFS960', `Run ${twice} is given twice: compare different runs.`, { field: 'runIds' });
  }
  if (runIds.length < MIN_COMPARED_RUNS || runIds.length > MAX_COMPARED_RUNS) {
    throw new KfsError('KFS960', `Compare ${MIN_COMPARED_RUNS} to ${MAX_COMPARED_RUNS} runs (${runIds.length} given): choose them in the runs list.`, { field: 'runIds' });
  }
}

const same = (values: readonly unknown[]): boolean => values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]));

/** Rows keyed in first-seen order across the runs. */
function rowsOf<V>(count: number, entries: (run: number) => Iterable<[string, V]>): Map<string, (V | undefined)[]> {
  const rows = new Map<string, (V | undefined)[]>();
  for (let i = 0; i < count; i++) {
    for (const [key, value] of entries(i)) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = new Array<V | undefined>(count).fill(undefined)));
      row[i] = value;
    }
  }
  return rows;
}

export function compareRuns(inputs: readonly RunToCompare[], now: number = Date.now()): RunComparison {
  const n = inputs.length;
  const runs: ComparedRun[] = inputs.map(({ run }) => {
    const took = durationMs(run, now);
    return { id: run.id, displayName: run.displayName, pipelineName: run.pipelineName, state: run.state, createdAt: run.createdAt, ...(took !== undefined ? { durationMs: took } : {}) };
  });

  const parameters = [...rowsOf(n, (i) => Object.entries(inputs[i]?.run.parameters ?? {}))].map(([name, values]) => ({ name, values, differs: !same(values) }));

  const artifacts = inputs.map(({ run }) => metricsArtifacts(run));
  const sources = new Map<string, { source: string; name: string }>();
  const metricRows = rowsOf(n, function* (i) {
    for (const found of artifacts[i] ?? []) {
      if (found.artifact.schemaTitle !== METRICS_SCHEMA) continue;
      const file = inputs[i]?.files[metricsFileKey(found.taskId, found.output)];
      for (const [name, value] of scalarMetrics(file, found.artifact.metadata)) {
        const key = `${found.taskId}\u0000${found.output}\u0000${name}`;
        if (!sources.has(key)) sources.set(key, { source: found.source, name });
        yield [key, value] as [string, number | string];
      }
    }
  });
  const metrics = [...metricRows].map(([key, values]) => ({ ...(sources.get(key) as { source: string; name: string }), values, differs: !same(values) }));

  const stepNames = new Map<string, string>();
  const stepRows = rowsOf(n, function* (i) {
    for (const task of inputs[i]?.run.tasks ?? []) {
      if (!isStep(task)) continue;
      if (!stepNames.has(task.id)) stepNames.set(task.id, task.displayName || task.name);
      yield [task.id, task.state] as [string, TaskState];
    }
  });
  const steps = [...stepRows].map(([id, states]) => ({ id, displayName: stepNames.get(id) ?? id, states, differs: !same(states) }));

  const roc: RocCurve[] = [];
  const confusion: RunConfusionMatrix[] = [];
  artifacts.forEach((list, run) => {
    for (const found of list) {
      if (found.artifact.schemaTitle !== CLASSIFICATION_SCHEMA) continue;
      const fromFile = readClassification(inputs[run]?.files[metricsFileKey(found.taskId, found.output)]);
      const fromMeta = readClassification(found.artifact.metadata);
      const points = fromFile.roc ?? fromMeta.roc;
      const matrix = fromFile.matrix ?? fromMeta.matrix;
      if (points) roc.push({ run, source: found.source, points, auc: rocArea(points) });
      if (matrix) confusion.push({ run, source: found.source, matrix });
    }
  });
  return { runs, parameters, metrics, steps, roc, confusion };
}

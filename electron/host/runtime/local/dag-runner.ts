// Walks a pipeline's DAGs: each task starts when its upstream tasks have ended, gets its inputs (pipeline and DAG
// inputs, upstream outputs, constants, a task's final status), is skipped when its condition is false or something
// it needs failed, and runs as a step, a nested DAG or a loop of iterations (at most `parallelismLimit` at once).
import { isKfsError } from '../../../../shared/errors/codes';
import type { JsonValue } from '../../../../shared/model/document';
import { evaluateCondition } from '../../../../shared/runtime/cel.eval';
import { buildExecutorInput } from '../../../../shared/runtime/executor-input';
import { applySelector, normalizeParameterValue } from '../../../../shared/runtime/parameter-value';
import { topologicalOrder, upstreamOf, type IrComponent, type IrDag, type IrTask } from '../../../../shared/runtime/pipeline-ir.parse';
import { hasPlaceholder, resolveJsonValue } from '../../../../shared/runtime/placeholder.resolve';
import { taskProducedOutputs, type ArtifactValue, type TaskIo, type TaskKind } from '../../../../shared/runtime/runtime';
import type { EngineContext, TaskResult } from './engine-context';
import { Semaphore } from './semaphore';
import { placeholderContext, runExecutorTask } from './step-runner';
import { nameRecord, own } from '../../../../shared/names/names';

export interface DagResult {
  state: 'succeeded' | 'failed' | 'cancelled';
  outputs: TaskIo;
  error?: string;
}

const EMPTY: TaskIo = { parameters: {}, artifacts: {} };

function now(): string {
  return new Date().toISOString();
}

function childId(parentId: string | undefined, name: string): string {
  return parentId === undefined ? name : `${parentId}/${name}`;
}

function kindOf(ctx: EngineContext, task: IrTask): TaskKind {
  if (task.iterator) return 'loop';
  const component = ctx.ir.components[task.componentRef];
  if (component?.dag) return 'dag';
  const executor = component?.executorLabel ? ctx.ir.executors[component.executorLabel] : undefined;
  return executor?.kind === 'importer' ? 'importer' : 'container';
}

/** Records the tasks of a DAG (and of nested DAGs, not loops: their iterations are known only when they start). */
export function declareTasks(ctx: EngineContext, dag: IrDag, parentId: string | undefined): void {
  for (const name of topologicalOrder(dag)) {
    const task = dag.tasks[name];
    if (!task) continue;
    const id = childId(parentId, name);
    const kind = kindOf(ctx, task);
    ctx.recorder.ensureTask({ id, name, displayName: task.displayName, kind, componentRef: task.componentRef, ...(parentId ? { parentId } : {}) });
    const component = ctx.ir.components[task.componentRef];
    if (kind === 'dag' && component?.dag) declareTasks(ctx, component.dag, id);
  }
}

/** Marks a task and every task recorded under it (still pending) as skipped or cancelled. */
function closeSubtree(ctx: EngineContext, id: string, state: 'skipped' | 'cancelled', reason?: string): void {
  const prefix = `${id}/`;
  const time = now();
  for (const task of ctx.recorder.run.tasks) {
    if (task.id !== id && !task.id.startsWith(prefix)) continue;
    if (task.state === 'pending' || (task.id === id && task.state === 'running')) {
      ctx.recorder.updateTask(task.id, { state, finishedAt: time, ...(state === 'skipped' && reason ? { skipReason: reason } : {}) });
    }
  }
}

class Unavailable extends Error {}

function finalStatus(ctx: EngineContext, producer: string, result: TaskResult): JsonValue {
  const state = result.state === 'succeeded' || result.state === 'cached' ? 'SUCCEEDED' : result.state === 'cancelled' ? 'CANCELLED' : result.state === 'skipped' && !result.blocked ? 'SUCCEEDED' : 'FAILED';
  return {
    state,
    pipelineJobResourceName: ctx.job.resourceName,
    pipelineTaskName: producer,
    error: result.error ? { message: result.error.message } : {},
  };
}

/** A task's inputs from its scope and upstream results; throws Unavailable when a producer did not produce. */
function resolveInputs(ctx: EngineContext, id: string, task: IrTask, component: IrComponent, scope: TaskIo, upstream: Map<string, TaskResult>): TaskIo {
  const parameters = nameRecord<JsonValue>();
  const constants: string[] = [];
  const fromTask = (producer: string, what: string): TaskResult => {
    const result = upstream.get(producer);
    if (!result || !taskProducedOutputs(result.state)) throw new Unavailable(`its input ${what} comes from task ${producer}, which ${result?.state === 'skipped' ? 'was skipped' : 'did not succeed'}`);
    return result;
  };
  for (const [name, source] of Object.entries(task.parameters)) {
    let value: JsonValue | undefined;
    switch (source.kind) {
      case 'constant':
        value = source.value;
        if (hasPlaceholder(value)) constants.push(name);
        break;
      case 'component':
        value = own(scope.parameters, source.name);
        if (value !== undefined && source.selector) value = applySelector(value, source.selector, { task: id, parameter: name });
        break;
      case 'task': {
        const result = fromTask(source.task, `"${name}"`);
        value = own(result.outputs.parameters, source.output);
        if (value === undefined) throw new Unavailable(`task ${source.task} has no output "${source.output}" for its input "${name}"`);
        if (source.selector) value = applySelector(value, source.selector, { task: id, parameter: name });
        break;
      }
      case 'finalStatus': {
        const result = upstream.get(source.task);
        value = result ? finalStatus(ctx, source.task, result) : null;
        break;
      }
    }
    if (value !== undefined) parameters[name] = value;
  }
  for (const [name, def] of Object.entries(component.inputs.parameters)) {
    if (parameters[name] === undefined && def.defaultValue !== undefined) {
      parameters[name] = def.defaultValue;
      if (hasPlaceholder(def.defaultValue)) constants.push(name);
    }
    if (parameters[name] !== undefined) parameters[name] = normalizeParameterValue(parameters[name] as JsonValue, def.parameterType);
  }
  if (constants.length) {
    // f-string constants point at the task's other inputs and at job facts (`{{$.pipeline_job_name}}`).
    const placeholders = placeholderContext(ctx, id, buildExecutorInput({ parameters, artifacts: {}, outputParameterFiles: {}, outputArtifacts: {}, executorOutputFile: '' }));
    for (const name of constants) parameters[name] = resolveJsonValue(parameters[name] as JsonValue, placeholders);
  }
  const artifacts = nameRecord<ArtifactValue[]>();
  for (const [name, source] of Object.entries(task.artifacts)) {
    if (source.kind === 'component') {
      const list = own(scope.artifacts, source.name);
      if (list) artifacts[name] = list;
    } else {
      const result = fromTask(source.task, `artifact "${name}"`);
      const list = own(result.outputs.artifacts, source.output);
      if (!list) throw new Unavailable(`task ${source.task} has no output artifact "${source.output}" for "${name}"`);
      artifacts[name] = list;
    }
  }
  return { parameters, artifacts };
}

/** A DAG's outputs: each from the first selector whose task produced it (a oneOf), loops giving lists. */
function dagOutputs(dag: IrDag, results: Map<string, TaskResult>): TaskIo {
  const outputs: TaskIo = { parameters: nameRecord(), artifacts: nameRecord() };
  for (const [name, selectors] of Object.entries(dag.parameterOutputs)) {
    for (const selector of selectors) {
      const result = results.get(selector.task);
      const value = result && taskProducedOutputs(result.state) ? own(result.outputs.parameters, selector.output) : undefined;
      if (value !== undefined) {
        outputs.parameters[name] = value;
        break;
      }
    }
  }
  for (const [name, selectors] of Object.entries(dag.artifactOutputs)) {
    for (const selector of selectors) {
      const result = results.get(selector.task);
      const list = result && taskProducedOutputs(result.state) ? own(result.outputs.artifacts, selector.output) : undefined;
      if (list) {
        outputs.artifacts[name] = list;
        break;
      }
    }
  }
  return outputs;
}

async function runLoop(ctx: EngineContext, id: string, task: IrTask, component: IrComponent, inputs: TaskIo): Promise<TaskResult> {
  const iterator = task.iterator;
  const dag = component.dag;
  if (!iterator || !dag) return { state: 'failed', outputs: EMPTY, error: { message: 'A loop must run a DAG component.', code: 'KFS612' } };
  let items: unknown[];
  if (iterator.kind === 'parameter') {
    let value: unknown = iterator.raw !== undefined ? iterator.raw : inputs.parameters[iterator.input ?? ''];
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        // not JSON: reported below
      }
    }
    if (!Array.isArray(value)) return { state: 'failed', outputs: EMPTY, error: { message: `The loop needs a list to iterate over, got ${JSON.stringify(value)}.`, code: 'KFS105' } };
    items = value;
  } else {
    items = inputs.artifacts[iterator.input ?? ''] ?? [];
  }
  const limit = new Semaphore(task.parallelismLimit ?? Number.MAX_SAFE_INTEGER);
  const iterations = items.map((item, index) => {
    const iterId = `${id}/${index}`;
    ctx.recorder.ensureTask({ id: iterId, name: String(index), displayName: `${task.displayName} #${index}`, kind: 'iteration', componentRef: task.componentRef, parentId: id, iteration: index });
    declareTasks(ctx, dag, iterId);
    const scope: TaskIo =
      iterator.kind === 'parameter'
        ? { parameters: { ...inputs.parameters, [iterator.itemInput]: item as JsonValue }, artifacts: inputs.artifacts }
        : { parameters: inputs.parameters, artifacts: { ...inputs.artifacts, [iterator.itemInput]: [item as ArtifactValue] } };
    return limit.run(async () => {
      if (ctx.signal.aborted) {
        closeSubtree(ctx, iterId, 'cancelled');
        return { state: 'cancelled', outputs: EMPTY } as DagResult;
      }
      ctx.recorder.updateTask(iterId, { state: 'running', startedAt: now(), attempts: 1, inputs: scope });
      const result = await runDag(ctx, dag, scope, iterId);
      ctx.recorder.updateTask(iterId, { state: result.state, finishedAt: now(), outputs: result.outputs, ...(result.error ? { error: { message: result.error } } : {}) });
      return result;
    });
  });
  const results = await Promise.all(iterations);
  const outputs: TaskIo = { parameters: nameRecord(), artifacts: nameRecord() };
  for (const name of Object.keys(component.outputs.parameters)) outputs.parameters[name] = results.map((r) => own(r.outputs.parameters, name) ?? null);
  for (const name of Object.keys(component.outputs.artifacts)) outputs.artifacts[name] = results.flatMap((r) => own(r.outputs.artifacts, name) ?? []);
  const failedCount = results.filter((r) => r.state === 'failed').length;
  if (results.some((r) => r.state === 'cancelled')) return { state: 'cancelled', outputs };
  if (failedCount) return { state: 'failed', outputs, error: { message: `${failedCount} of ${results.length} iterations failed.` } };
  return { state: 'succeeded', outputs };
}

async function runTask(ctx: EngineContext, task: IrTask, scope: TaskIo, parentId: string | undefined, upstream: Map<string, TaskResult>): Promise<TaskResult> {
  const id = childId(parentId, task.name);
  const component = ctx.ir.components[task.componentRef];
  if (!component) return { state: 'failed', outputs: EMPTY, error: { message: `Unknown component ${task.componentRef}.`, code: 'KFS611' } };
  const previous = ctx.recorder.task(id);
  if (previous && (previous.kind === 'container' || previous.kind === 'importer') && taskProducedOutputs(previous.state) && previous.outputs) {
    return { state: previous.state, outputs: previous.outputs };
  }
  if (ctx.signal.aborted) {
    closeSubtree(ctx, id, 'cancelled');
    return { state: 'cancelled', outputs: EMPTY };
  }
  const skip = (reason: string, blocked: boolean): TaskResult => {
    closeSubtree(ctx, id, 'skipped', reason);
    return { state: 'skipped', outputs: EMPTY, blocked, skipReason: reason };
  };
  if (!task.runsAfterFailure) {
    const bad = upstreamOf(task).find((name) => {
      const r = upstream.get(name);
      return r && (r.state === 'failed' || r.state === 'cancelled' || r.blocked);
    });
    if (bad) return skip(`upstream task ${bad} ${upstream.get(bad)?.state === 'skipped' ? 'did not run' : 'did not succeed'}`, true);
  }
  let inputs: TaskIo;
  try {
    inputs = resolveInputs(ctx, id, task, component, scope, upstream);
  } catch (error) {
    if (error instanceof Unavailable) return skip(error.message, upstreamOf(task).some((n) => upstream.get(n)?.blocked));
    const message = error instanceof Error ? error.message : String(error);
    ctx.recorder.updateTask(id, { state: 'failed', finishedAt: now(), error: { message, ...(isKfsError(error) ? { code: error.code } : {}) } });
    closeSubtree(ctx, id, 'skipped', 'its parent failed');
    return { state: 'failed', outputs: EMPTY, error: { message } };
  }
  ctx.recorder.updateTask(id, { inputs });
  if (task.condition) {
    let holds: boolean;
    try {
      holds = evaluateCondition(task.condition, inputs.parameters, { task: id });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.recorder.updateTask(id, { state: 'failed', finishedAt: now(), error: { message, code: 'KFS613' } });
      closeSubtree(ctx, id, 'skipped', 'its condition could not be evaluated');
      return { state: 'failed', outputs: EMPTY, error: { message } };
    }
    if (!holds) return skip(`condition ${task.condition} is false`, false);
  }
  const kind = kindOf(ctx, task);
  let result: TaskResult;
  if (kind === 'container' || kind === 'importer') {
    if (kind === 'importer') ctx.recorder.updateTask(id, { state: 'running', startedAt: now(), attempts: 1 });
    result = await runExecutorTask(ctx, id, task, component, inputs);
  } else {
    ctx.recorder.updateTask(id, { state: 'running', startedAt: now(), attempts: 1 });
    if (kind === 'loop') {
      result = await runLoop(ctx, id, task, component, inputs);
    } else {
      const dag = await runDag(ctx, component.dag as IrDag, inputs, id);
      result = { state: dag.state, outputs: dag.outputs, ...(dag.error ? { error: { message: dag.error } } : {}) };
    }
  }
  if (result.state === 'cancelled') closeSubtree(ctx, id, 'cancelled');
  const patch = {
    state: result.state,
    finishedAt: now(),
    outputs: result.outputs,
    ...(ctx.recorder.task(id)?.startedAt ? {} : { startedAt: now() }),
    ...(result.error ? { error: result.error } : {}),
    ...(result.cachedFrom ? { cachedFrom: result.cachedFrom } : {}),
  };
  ctx.recorder.updateTask(id, patch);
  return result;
}

/** Runs every task of a DAG; its state is failed if any task failed, cancelled if the run was stopped. */
export async function runDag(ctx: EngineContext, dag: IrDag, scope: TaskIo, parentId: string | undefined): Promise<DagResult> {
  const promises = new Map<string, Promise<TaskResult>>();
  const results = new Map<string, TaskResult>();
  for (const name of topologicalOrder(dag)) {
    const task = dag.tasks[name];
    if (!task) continue;
    const ups = upstreamOf(task);
    promises.set(
      name,
      (async () => {
        await Promise.all(ups.map((up) => promises.get(up)));
        const upstream = new Map<string, TaskResult>();
        for (const up of ups) {
          const r = results.get(up);
          if (r) upstream.set(up, r);
        }
        const result = await runTask(ctx, task, scope, parentId, upstream);
        results.set(name, result);
        return result;
      })(),
    );
  }
  await Promise.all(promises.values());
  const all = [...results.entries()];
  const failed = all.filter(([, r]) => r.state === 'failed').map(([name]) => name);
  const state = ctx.signal.aborted || all.some(([, r]) => r.state === 'cancelled') ? 'cancelled' : failed.length ? 'failed' : 'succeeded';
  return {
    state,
    outputs: dagOutputs(dag, results),
    ...(failed.length ? { error: `${failed.length === 1 ? 'Task' : 'Tasks'} ${failed.join(', ')} failed.` } : {}),
  };
}

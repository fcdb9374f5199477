// One executor task: an importer, or a container step run with its placeholders resolved, retried by its
// retryPolicy, its outputs read back and typed, and its result cached by input fingerprint.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isKfsError } from '../../../../shared/errors/codes';
import type { JsonValue } from '../../../../shared/model/document';
import { buildExecutorInput, readExecutorOutput, type ExecutorInput } from '../../../../shared/runtime/executor-input';
import { parseOutputParameter } from '../../../../shared/runtime/parameter-value';
import type { IrComponent, IrContainer, IrImporter, IrTask } from '../../../../shared/runtime/pipeline-ir.parse';
import { resolveCommandLine, resolveString, type PlaceholderContext } from '../../../../shared/runtime/placeholder.resolve';
import type { ArtifactValue, TaskError, TaskIo } from '../../../../shared/runtime/runtime';
import { lookupCache, saveCache } from './task-cache';
import type { EngineContext, TaskResult } from './engine-context';
import { startStep } from './task-process';

const KFP_EXECUTOR = 'kfp.dsl.executor_main';

function errorOf(error: unknown): TaskError {
  if (isKfsError(error)) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

function failed(error: TaskError): TaskResult {
  return { state: 'failed', outputs: { parameters: {}, artifacts: {} }, error };
}

async function runImporter(ctx: EngineContext, id: string, executor: IrImporter, component: IrComponent, inputs: TaskIo): Promise<TaskResult> {
  const uriValue = 'constant' in executor.uri ? executor.uri.constant : inputs.parameters[executor.uri.parameter];
  if (typeof uriValue !== 'string' || !uriValue) {
    return failed({ message: 'The importer has no artifact URI: give its "uri" input a value.' });
  }
  const placeholders = placeholderContext(ctx, id, buildExecutorInput({ parameters: inputs.parameters, artifacts: {}, outputParameterFiles: {}, outputArtifacts: {}, executorOutputFile: '' }));
  const metadata: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(executor.metadata)) {
    metadata[key] = typeof value === 'string' ? resolveString(value, placeholders) : value;
  }
  const output = Object.keys(component.outputs.artifacts)[0] ?? 'artifact';
  const artifact: ArtifactValue = {
    name: output,
    uri: uriValue,
    schemaTitle: executor.schemaTitle,
    ...(executor.schemaVersion ? { schemaVersion: executor.schemaVersion } : {}),
    metadata,
  };
  return { state: 'succeeded', outputs: { parameters: {}, artifacts: { [output]: [artifact] } } };
}

export function placeholderContext(ctx: EngineContext, id: string, executorInput: ExecutorInput): PlaceholderContext {
  return { executorInput, job: ctx.job, task: { name: id.split('/').pop() ?? id, id: `${ctx.runId}/${id}` }, where: { task: id } };
}

interface StepPaths {
  dir: string;
  outputsDir: string;
  artifactsDir: string;
  executorOutput: string;
  log: string;
}

function pathsOf(ctx: EngineContext, id: string): StepPaths {
  const dir = ctx.store.taskDir(ctx.runId, id);
  return {
    dir,
    outputsDir: path.join(dir, 'outputs'),
    artifactsDir: path.join(dir, 'artifacts'),
    executorOutput: path.join(dir, 'outputs', 'executor_output.json'),
    log: ctx.store.logFile(ctx.runId, id),
  };
}

function plannedOutputs(component: IrComponent, paths: StepPaths): { files: { [name: string]: string }; artifacts: { [name: string]: ArtifactValue[] } } {
  const files: { [name: string]: string } = {};
  for (const name of Object.keys(component.outputs.parameters)) files[name] = path.join(paths.outputsDir, name);
  const artifacts: { [name: string]: ArtifactValue[] } = {};
  for (const [name, def] of Object.entries(component.outputs.artifacts)) {
    artifacts[name] = [
      { name, uri: path.join(paths.artifactsDir, name), schemaTitle: def.schemaTitle, ...(def.schemaVersion ? { schemaVersion: def.schemaVersion } : {}), metadata: {} },
    ];
  }
  return { files, artifacts };
}

async function readOutputs(component: IrComponent, files: { [name: string]: string }, artifacts: { [name: string]: ArtifactValue[] }, paths: StepPaths, id: string): Promise<TaskIo> {
  let executorOutput: ReturnType<typeof readExecutorOutput> = { parameters: {}, artifacts: {} };
  try {
    executorOutput = readExecutorOutput(JSON.parse(await readFile(paths.executorOutput, 'utf8')));
  } catch {
    // optional file
  }
  const parameters: { [name: string]: JsonValue } = {};
  for (const [name, def] of Object.entries(component.outputs.parameters)) {
    let text: string | undefined;
    try {
      text = await readFile(files[name] ?? '', 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) parameters[name] = parseOutputParameter(text, def.parameterType, { task: id, output: name });
    else if (name in executorOutput.parameters) parameters[name] = executorOutput.parameters[name] as JsonValue;
    else throw new Error(`The step finished without writing its output parameter "${name}" (expected in ${files[name]}).`);
  }
  const outArtifacts: { [name: string]: ArtifactValue[] } = {};
  for (const [name, list] of Object.entries(artifacts)) {
    const reported = executorOutput.artifacts[name];
    outArtifacts[name] = list.map((artifact, i) => ({
      ...artifact,
      ...(reported?.[i]?.uri ? { uri: reported[i].uri } : {}),
      metadata: { ...artifact.metadata, ...(reported?.[i]?.metadata ?? {}) },
    }));
  }
  return { parameters, artifacts: outArtifacts };
}

/** The run's folder, plus local input artifacts kept elsewhere (an importer's file), at the same paths. */
function mountsFor(ctx: EngineContext, inputs: TaskIo): string[] {
  const runDir = ctx.store.runDir(ctx.runId);
  const mounts = new Set([runDir]);
  for (const list of Object.values(inputs.artifacts)) {
    for (const artifact of list) {
      const local = artifact.uri.startsWith('file://') ? decodeURIComponent(artifact.uri.slice(7)) : artifact.uri;
      if (path.isAbsolute(local) && !local.startsWith(`${runDir}${path.sep}`) && existsSync(local)) mounts.add(local);
    }
  }
  return [...mounts];
}

async function prepareAttempt(paths: StepPaths): Promise<void> {
  await rm(paths.outputsDir, { recursive: true, force: true });
  await rm(paths.artifactsDir, { recursive: true, force: true });
  await mkdir(paths.outputsDir, { recursive: true });
  await mkdir(paths.artifactsDir, { recursive: true });
}

function backoffMs(task: IrTask, attempt: number): number {
  const retry = task.retry;
  if (!retry) return 0;
  const seconds = retry.backoffSeconds * Math.pow(retry.backoffFactor, attempt - 1);
  return Math.min(seconds, retry.backoffMaxSeconds) * 1000;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

async function runContainer(ctx: EngineContext, id: string, task: IrTask, executor: IrContainer, component: IrComponent, inputs: TaskIo): Promise<TaskResult> {
  const paths = pathsOf(ctx, id);
  await mkdir(paths.dir, { recursive: true });
  const planned = plannedOutputs(component, paths);
  const executorInput = buildExecutorInput({
    parameters: inputs.parameters,
    artifacts: inputs.artifacts,
    outputParameterFiles: planned.files,
    outputArtifacts: planned.artifacts,
    executorOutputFile: paths.executorOutput,
  });
  let command: string[];
  let args: string[];
  try {
    const placeholders = placeholderContext(ctx, id, executorInput);
    command = resolveCommandLine(executor.command, placeholders);
    args = resolveCommandLine(executor.args, placeholders);
  } catch (error) {
    return failed(errorOf(error));
  }
  const argv = [...command, ...args];
  await writeFile(path.join(paths.dir, 'inputs.json'), JSON.stringify({ inputs, executorInput, image: executor.image, argv, execution: ctx.execution.mode }, null, 1));
  ctx.recorder.updateTask(id, { hasLog: true });
  await appendFile(paths.log, '');

  if (ctx.execution.mode === 'host' && command.length === 0) {
    const message = `This step has no command: it runs its image's entrypoint (${executor.image}), which needs Docker or Podman.`;
    await appendFile(paths.log, `${message}\n`);
    return failed({ message });
  }
  if (ctx.execution.mode === 'host' && [...executor.command, ...executor.args].some((item) => item.includes(KFP_EXECUTOR)) && !(await ctx.kfpAvailable())) {
    const message = 'This step is a KFP Python component: it needs the kfp Python package: pip install kfp, or run with Docker.';
    await appendFile(paths.log, `${message}\n`);
    return failed({ message });
  }

  const cacheMaterial = task.enableCache && ctx.enableCaching ? { component: ctx.ir.spec.components && (ctx.ir.spec.components as { [k: string]: unknown })[task.componentRef], executor: executor.raw, inputs } : undefined;
  if (cacheMaterial) {
    const hit = await lookupCache(ctx, id, cacheMaterial, planned.artifacts, paths).catch(() => undefined);
    if (hit) return hit;
  }

  const maxAttempts = 1 + (task.retry?.maxRetryCount ?? 0);
  let last: TaskResult = failed({ message: 'The step did not run.' });
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
    if (attempt > 1) {
      await sleep(backoffMs(task, attempt - 1), ctx.signal);
      if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
      await appendFile(paths.log, `\n[kfp-studio] attempt ${attempt} of ${maxAttempts}\n`);
    }
    await prepareAttempt(paths);
    ctx.recorder.updateTask(id, { attempts: attempt, state: 'running', error: undefined, ...(attempt === 1 ? { startedAt: new Date().toISOString() } : {}) });
    const env = Object.fromEntries(executor.env.map((e) => [e.name, e.value]));
    const step = startStep(ctx.execution, {
      command,
      args,
      env,
      image: executor.image,
      cwd: paths.dir,
      mounts: mountsFor(ctx, inputs),
      containerName: `kfs-${ctx.runId}-${id.replaceAll('/', '-')}-${attempt}`.slice(0, 120),
    }, paths.log);
    ctx.running.set(id, step);
    ctx.recorder.setProcess(id, step.pid);
    const exit = await step.done;
    ctx.running.delete(id);
    ctx.recorder.setProcess(id, undefined);
    if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
    if (exit.spawnError) {
      const program = argv[0] ?? '';
      last = failed({ message: `Could not start "${program}": ${exit.spawnError}. ${ctx.execution.mode === 'host' ? 'It must be installed on this machine (images are ignored without Docker).' : ''}`.trim() });
      await appendFile(paths.log, `${last.error?.message}\n`);
      continue;
    }
    if (exit.code !== 0) {
      last = failed({ message: exit.signal ? `The step was stopped by ${exit.signal}.` : `The step exited with code ${exit.code}.`, ...(exit.code !== null ? { exitCode: exit.code } : {}) });
      continue;
    }
    try {
      const outputs = await readOutputs(component, planned.files, planned.artifacts, paths, id);
      await writeFile(path.join(paths.outputsDir, 'outputs.json'), JSON.stringify(outputs, null, 1));
      if (cacheMaterial) await saveCache(ctx, id, cacheMaterial, outputs).catch(() => undefined);
      return { state: 'succeeded', outputs };
    } catch (error) {
      last = failed(errorOf(error));
      await appendFile(paths.log, `[kfp-studio] ${last.error?.message}\n`);
    }
  }
  return last;
}

/** Runs an executor task to its end; never throws. */
export async function runExecutorTask(ctx: EngineContext, id: string, task: IrTask, component: IrComponent, inputs: TaskIo): Promise<TaskResult> {
  const executor = component.executorLabel ? ctx.ir.executors[component.executorLabel] : undefined;
  if (!executor) return failed({ message: `No executor ${component.executorLabel} for component ${component.name}.`, code: 'KFS611' });
  try {
    if (executor.kind === 'importer') return await runImporter(ctx, id, executor, component, inputs);
    return await ctx.slots.run(() => runContainer(ctx, id, task, executor, component, inputs));
  } catch (error) {
    return failed(errorOf(error));
  }
}

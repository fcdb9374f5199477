// One executor task: an importer, or a container step run with its placeholders resolved, retried by its
// retryPolicy, its outputs read back and typed, and its result cached by input fingerprint.
import { cp, lstat, rm } from 'node:fs/promises';
import path from 'node:path';
import { isKfsError, KfsError } from '../../../../shared/errors/codes';
import type { JsonValue } from '../../../../shared/model/document';
import { buildExecutorInput, readExecutorOutput, type ExecutorInput } from '../../../../shared/runtime/executor-input';
import { parseOutputParameter } from '../../../../shared/runtime/parameter-value';
import type { IrComponent, IrContainer, IrImporter, IrTask } from '../../../../shared/runtime/pipeline-ir.parse';
import { resolveCommandLine, resolveString, type PlaceholderContext } from '../../../../shared/runtime/placeholder.resolve';
import type { ArtifactValue, TaskError, TaskIo } from '../../../../shared/runtime/runtime';
import { lookupCache, saveCache } from './task-cache';
import type { EngineContext, TaskResult } from './engine-context';
import { containerLimits, type StepLimits } from './container-limits';
import { installsIn, runVenvEnvironment, systemInstallRefusal } from './host-installs';
import { ensureImage } from './image-pull';
import { identifyProcess } from './process-identity';
import { acceptReportedUri, appendNoFollow, isInside, localPathOf, makeRunFolder, readStepFile } from './run-files';
import { giveBackFiles } from './step-ownership';
import { startStep, type StepMount } from './task-process';
import { hasOwnName, nameRecord, own } from '../../../../shared/names/names';

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
    uri: ctx.execution.mode === 'host' ? uriValue : await copyIntoRun(ctx, id, uriValue, output),
    schemaTitle: executor.schemaTitle,
    ...(executor.schemaVersion ? { schemaVersion: executor.schemaVersion } : {}),
    metadata,
  };
  return { state: 'succeeded', outputs: { parameters: {}, artifacts: { [output]: [artifact] } } };
}

/**
 * A container only gets folders of its run, so an importer's local file or folder is copied into the run (as it stands
 * at the path the pipeline names); remote URIs are kept as they are.
 */
async function copyIntoRun(ctx: EngineContext, id: string, uri: string, output: string): Promise<string> {
  const local = localPathOf(uri);
  if (local === undefined || !path.isAbsolute(local)) return uri;
  const info = await lstat(local).catch(() => undefined);
  if (!info) return uri;
  const target = path.join(ctx.store.taskDir(ctx.runId, id), 'artifacts', output);
  await makeRunFolder(path.dirname(target));
  await rm(target, { recursive: true, force: true });
  await cp(local, target, { recursive: true, dereference: true });
  return target;
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
  /** Files the host writes for itself, in the task's folder, which no step has mounted. */
  inputsRecord: string;
  outputsRecord: string;
}

function pathsOf(ctx: EngineContext, id: string): StepPaths {
  const dir = ctx.store.taskDir(ctx.runId, id);
  return {
    dir,
    outputsDir: path.join(dir, 'outputs'),
    artifactsDir: path.join(dir, 'artifacts'),
    executorOutput: path.join(dir, 'outputs', 'executor_output.json'),
    log: ctx.store.logFile(ctx.runId, id),
    inputsRecord: path.join(dir, 'inputs.json'),
    outputsRecord: path.join(dir, 'outputs.json'),
  };
}

function plannedOutputs(component: IrComponent, paths: StepPaths): { files: { [name: string]: string }; artifacts: { [name: string]: ArtifactValue[] } } {
  const files = nameRecord<string>();
  for (const name of Object.keys(component.outputs.parameters)) files[name] = path.join(paths.outputsDir, name);
  const artifacts = nameRecord<ArtifactValue[]>();
  for (const [name, def] of Object.entries(component.outputs.artifacts)) {
    artifacts[name] = [
      { name, uri: path.join(paths.artifactsDir, name), schemaTitle: def.schemaTitle, ...(def.schemaVersion ? { schemaVersion: def.schemaVersion } : {}), metadata: {} },
    ];
  }
  return { files, artifacts };
}

async function readOutputs(component: IrComponent, files: { [name: string]: string }, artifacts: { [name: string]: ArtifactValue[] }, paths: StepPaths, id: string): Promise<TaskIo> {
  let executorOutput: ReturnType<typeof readExecutorOutput> = { parameters: {}, artifacts: {} };
  const executorText = await readStepFile(paths.executorOutput);
  try {
    if (executorText !== undefined) executorOutput = readExecutorOutput(JSON.parse(executorText));
  } catch {
    // not JSON: as if absent, like the KFP launcher's optional file
  }
  const parameters = nameRecord<JsonValue>();
  for (const [name, def] of Object.entries(component.outputs.parameters)) {
    const text = files[name] ? await readStepFile(files[name]) : undefined;
    if (text !== undefined) parameters[name] = parseOutputParameter(text, def.parameterType, { task: id, output: name });
    else if (hasOwnName(executorOutput.parameters, name)) parameters[name] = executorOutput.parameters[name] as JsonValue;
    else throw new Error(`The step finished without writing its output parameter "${name}" (expected in ${files[name]}).`);
  }
  const outArtifacts = nameRecord<ArtifactValue[]>();
  for (const [name, list] of Object.entries(artifacts)) {
    const reported = own(executorOutput.artifacts, name);
    outArtifacts[name] = [];
    for (const [i, artifact] of list.entries()) {
      const uri = reported?.[i]?.uri ? await acceptReportedUri(reported[i].uri, paths.artifactsDir, { task: id, output: name }) : artifact.uri;
      if ((await lstat(uri).catch(() => undefined))?.isSymbolicLink()) {
        throw new KfsError('KFS813', `The output "${name}" of step "${id}" is a symbolic link (${uri}); links are not followed. Write the artifact itself there.`);
      }
      outArtifacts[name].push({ ...artifact, uri, metadata: { ...artifact.metadata, ...(reported?.[i]?.metadata ?? {}) } });
    }
  }
  return { parameters, artifacts: outArtifacts };
}

/**
 * What a container sees of this machine: its own outputs and artifacts folders and the run's workspace (writable), and
 * its input artifacts (read-only), all inside the run. The run's records and logs are never mounted, and an input
 * that is (or is reached through) a link is refused, since the engine would resolve it on this machine.
 */
async function mountsFor(ctx: EngineContext, inputs: TaskIo, paths: StepPaths): Promise<StepMount[]> {
  const runDir = ctx.store.runDir(ctx.runId);
  const mounts: StepMount[] = [paths.outputsDir, paths.artifactsDir, ctx.store.workspaceDir(ctx.runId)].map((dir) => ({ path: dir, readOnly: false }));
  for (const [name, list] of Object.entries(inputs.artifacts)) {
    for (const artifact of list) {
      const local = localPathOf(artifact.uri);
      if (local === undefined) continue;
      if (!path.isAbsolute(local) || !isInside(runDir, local)) {
        throw new KfsError('KFS812', `The input artifact "${name}" is at ${artifact.uri}, outside this run: a container step only gets folders of its run.`);
      }
      let current = path.resolve(local);
      while (isInside(runDir, current) && current !== runDir) {
        if ((await lstat(current).catch(() => undefined))?.isSymbolicLink()) {
          throw new KfsError('KFS813', `The input artifact "${name}" is reached through a symbolic link (${current}); links are not followed.`);
        }
        current = path.dirname(current);
      }
      if (await lstat(local).catch(() => undefined)) mounts.push({ path: path.resolve(local), readOnly: true });
    }
  }
  return mounts;
}

async function prepareAttempt(paths: StepPaths): Promise<void> {
  await rm(paths.outputsDir, { recursive: true, force: true });
  await rm(paths.artifactsDir, { recursive: true, force: true });
  await makeRunFolder(paths.outputsDir);
  await makeRunFolder(paths.artifactsDir);
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
  await makeRunFolder(paths.dir);
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
  let limits: StepLimits = { args: [], notes: [] };
  try {
    const placeholders = placeholderContext(ctx, id, executorInput);
    command = resolveCommandLine(executor.command, placeholders);
    args = resolveCommandLine(executor.args, placeholders);
    if (ctx.execution.mode === 'docker' || ctx.execution.mode === 'podman') limits = containerLimits((executor.raw.container as { resources?: unknown } | undefined)?.resources, ctx.execution.mode, (value) => resolveString(value, placeholders));
  } catch (error) {
    return failed(errorOf(error));
  }
  const argv = [...command, ...args];
  await ctx.store.writeJson(paths.inputsRecord, { inputs, executorInput, image: executor.image, argv, execution: ctx.execution.mode });
  ctx.recorder.updateTask(id, { hasLog: true });
  await appendNoFollow(paths.log, '');

  if (ctx.execution.mode === 'host' && command.length === 0) {
    const message = `This step has no command: it runs its image's entrypoint (${executor.image}), which needs Docker or Podman.`;
    await appendNoFollow(paths.log, `${message}\n`);
    return failed({ message });
  }
  if (ctx.execution.mode === 'host' && [...executor.command, ...executor.args].some((item) => item.includes(KFP_EXECUTOR)) && !(await ctx.kfpAvailable())) {
    const message = 'This step is a KFP Python component: it needs the kfp Python package: pip install kfp, or run with Docker.';
    await appendNoFollow(paths.log, `${message}\n`);
    return failed({ message });
  }

  const env = Object.fromEntries(executor.env.map((e) => [e.name, e.value]));
  const resources = (executor.raw.container as { resources?: unknown } | undefined)?.resources;
  if (ctx.execution.mode === 'host' && typeof resources === 'object' && resources !== null && Object.keys(resources).length) {
    await appendNoFollow(paths.log, "[kfp-studio] this step's resources (CPU, memory, GPU) are not applied on the host; run with Docker or Podman to have them\n");
  }
  if (ctx.execution.mode === 'host') {
    const installs = installsIn(argv);
    try {
      if (installs === 'system') throw systemInstallRefusal(argv);
      if (installs === 'pip') {
        Object.assign(env, await runVenvEnvironment(ctx.store.runDir(ctx.runId), env.PATH ?? process.env.PATH));
        await appendNoFollow(paths.log, `[kfp-studio] this step installs Python packages: they go into the run's own environment (${env.VIRTUAL_ENV}), not into this machine's Python\n`);
      }
    } catch (error) {
      await appendNoFollow(paths.log, `${errorOf(error).message}\n`);
      return failed(errorOf(error));
    }
  }

  const cacheMaterial = task.enableCache && ctx.enableCaching ? { component: ctx.ir.spec.components && (ctx.ir.spec.components as { [k: string]: unknown })[task.componentRef], executor: executor.raw, inputs } : undefined;
  if (cacheMaterial) {
    const hit = await lookupCache(ctx, id, cacheMaterial, planned.artifacts, paths).catch(() => undefined);
    if (hit) return hit;
  }

  if (ctx.execution.mode !== 'host') {
    for (const note of limits.notes) await appendNoFollow(paths.log, `[kfp-studio] ${note}\n`);
    try {
      let ready = ctx.images.get(executor.image);
      if (!ready) {
        ready = ensureImage(ctx.execution, executor.image, (text) => appendNoFollow(paths.log, text));
        ctx.images.set(executor.image, ready);
        ready.catch(() => ctx.images.delete(executor.image));
      }
      await ready;
    } catch (error) {
      await appendNoFollow(paths.log, `${errorOf(error).message}\n`);
      return failed(errorOf(error));
    }
  }

  const maxAttempts = 1 + (task.retry?.maxRetryCount ?? 0);
  let last: TaskResult = failed({ message: 'The step did not run.' });
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
    if (attempt > 1) {
      await sleep(backoffMs(task, attempt - 1), ctx.signal);
      if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
      await appendNoFollow(paths.log, `\n[kfp-studio] attempt ${attempt} of ${maxAttempts}\n`);
    }
    await prepareAttempt(paths);
    ctx.recorder.updateTask(id, { attempts: attempt, state: 'running', error: undefined, ...(attempt === 1 ? { startedAt: new Date().toISOString() } : {}) });
    const mounts = ctx.execution.mode === 'host' ? [] : await mountsFor(ctx, inputs, paths);
    const network = ctx.execution.mode === 'host' ? undefined : await ctx.network.args(executor.image);
    // Terminated while the step's mounts and network were being made: it must not start after all.
    if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
    const step = startStep(ctx.execution, {
      command,
      args,
      env,
      image: executor.image,
      cwd: paths.dir,
      mounts,
      containerName: `kfs-${ctx.runId}-${id.replaceAll('/', '-')}-${attempt}`.slice(0, 120),
      labels: { 'kfp-studio.run': ctx.runId, 'kfp-studio.task': id },
      engineArgs: limits.args,
      ...(network ? { network } : {}),
    }, paths.log);
    ctx.running.set(id, step);
    ctx.recorder.setProcess(id, step.pid === undefined ? undefined : identifyProcess(step.pid));
    const exit = await step.done;
    ctx.running.delete(id);
    ctx.recorder.setProcess(id, undefined);
    const removal = step.remove();
    ctx.removals.add(removal);
    void removal.finally(() => ctx.removals.delete(removal));
    const notGivenBack = await giveBackFiles(ctx.execution, executor.image, mounts.filter((m) => !m.readOnly).map((m) => m.path), ctx.runId);
    if (notGivenBack) await appendNoFollow(paths.log, `${notGivenBack}\n`);
    if (ctx.signal.aborted) return { state: 'cancelled', outputs: { parameters: {}, artifacts: {} } };
    if (exit.spawnError) {
      const program = argv[0] ?? '';
      last = failed({ message: `Could not start "${program}": ${exit.spawnError}. ${ctx.execution.mode === 'host' ? 'It must be installed on this machine (images are ignored without Docker).' : ''}`.trim() });
      await appendNoFollow(paths.log, `${last.error?.message}\n`);
      continue;
    }
    if (exit.code !== 0) {
      last = failed({ message: exit.signal ? `The step was stopped by ${exit.signal}.` : `The step exited with code ${exit.code}.`, ...(exit.code !== null ? { exitCode: exit.code } : {}) });
      continue;
    }
    try {
      const outputs = await readOutputs(component, planned.files, planned.artifacts, paths, id);
      await ctx.store.writeJson(paths.outputsRecord, outputs);
      if (cacheMaterial) await saveCache(ctx, id, cacheMaterial, outputs).catch(() => undefined);
      return { state: 'succeeded', outputs };
    } catch (error) {
      last = failed(errorOf(error));
      await appendNoFollow(paths.log, `[kfp-studio] ${last.error?.message}\n`);
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

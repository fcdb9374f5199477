// `kfp-studio run FILE [--param k=v ...]`: runs a pipeline with the local runtime, printing each step's state as it
// changes, then the run's result. FILE is compiled IR (.yaml/.yml/.json) or a pipeline document (NAME.pipeline.json),
// compiled first. Exit status: 0 if the run succeeded, 1 if it failed or the pipeline was refused, 2 for usage or
// I/O problems.
import { homedir } from 'node:os';
import path from 'node:path';
import { formatDiagnostic, isKfsError } from '../../../shared/errors/codes';
import type { JsonValue } from '../../../shared/model/document';
import { readPipelineFile } from '../../../shared/import/pipeline-file.open';
import { parseParameterText } from '../../../shared/runtime/parameter-value';
import { parsePipelineIr } from '../../../shared/runtime/pipeline-ir.parse';
import { countTaskStates, durationMs, type RunSnapshot, type TaskSnapshot } from '../../../shared/runtime/runtime';
import { LocalRuntime } from '../../host/runtime/local/local-runtime';
import type { ExecutionChoice } from '../../host/runtime/local/container-engine';
import type { CliCommand } from '../cli-command';
import { CliError } from '../cli-error';
import { buildOrPrint } from '../cli-build';
import { readInputBytes } from '../read-input-file';
import { nameRecord } from '../../../shared/names/names';

export interface RunOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

export interface RunDeps {
  /** Relative paths start here; default: the process's current folder. */
  cwd?: string;
  /** Data folder for runs; default: --data, then $KFP_STUDIO_DATA, then ~/.kfp-studio. */
  dataDir?: string;
  /** Clock for the progress lines (tests). */
  now?: () => Date;
}

const USAGE = 'usage: kfp-studio run FILE [--param NAME=VALUE ...] [--data DIR] [--no-cache] [--engine auto|host|docker|podman] [--concurrency N]';

export const RUN_DETAILS = [
  'Runs a compiled pipeline (IR .yaml/.json) or a pipeline document (NAME.pipeline.json) on this machine.',
  'Steps run in containers when Docker or Podman answers, otherwise directly on this machine with images ignored.',
  '  --param NAME=VALUE   a pipeline parameter (repeatable); VALUE is read as the parameter type (JSON for lists).',
  '  --data DIR           where runs are kept (default $KFP_STUDIO_DATA or ~/.kfp-studio).',
  '  --no-cache           run every step even if an earlier run had the same inputs.',
  '  --engine MODE        auto (default), host, docker or podman.',
  '  --concurrency N      at most N steps at once.',
  'Exit status: 0 if the run succeeded, 1 if it failed or the pipeline was refused, 2 for usage or I/O problems.',
];

interface RunArgs {
  file: string;
  params: [string, string][];
  dataDir?: string;
  noCache: boolean;
  engine: ExecutionChoice;
  concurrency?: number;
}

function parseArgs(argv: readonly string[]): RunArgs {
  const files: string[] = [];
  const params: [string, string][] = [];
  const result: Omit<RunArgs, 'file' | 'params'> = { noCache: false, engine: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new CliError(`run: ${flag} needs a value. ${USAGE}`);
      return v;
    };
    if (flag === '--param' || flag === '-p') {
      const pair = value();
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new CliError(`run: --param takes NAME=VALUE, got "${pair}".`);
      params.push([pair.slice(0, eq), pair.slice(eq + 1)]);
    } else if (flag === '--data') result.dataDir = value();
    else if (flag === '--no-cache') result.noCache = true;
    else if (flag === '--engine') {
      const engine = value();
      if (!['auto', 'host', 'docker', 'podman'].includes(engine)) throw new CliError(`run: --engine is auto, host, docker or podman, not "${engine}".`);
      result.engine = engine as ExecutionChoice;
    } else if (flag === '--concurrency') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new CliError('run: --concurrency takes a whole number of at least 1.');
      result.concurrency = n;
    } else if (arg.startsWith('-') && arg !== '-') throw new CliError(`run: unknown option ${arg}. ${USAGE}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new CliError(files.length ? `run: takes one file, got ${files.length}.` : `run: give a pipeline file. ${USAGE}`);
  return { file: files[0] ?? '', params, ...result };
}

function clock(date: Date): string {
  return date.toISOString().slice(11, 19);
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)}s`;
}

function describe(task: TaskSnapshot): string {
  switch (task.state) {
    case 'succeeded':
      return `succeeded (${seconds(durationMs(task))}${task.attempts > 1 ? `, attempt ${task.attempts}` : ''})`;
    case 'failed':
      return `failed${task.attempts > 1 ? ` after ${task.attempts} attempts` : ''}: ${task.error?.message ?? 'no reason given'}`;
    case 'skipped':
      return `skipped${task.skipReason ? ` (${task.skipReason})` : ''}`;
    case 'cached':
      return `cached (outputs of ${task.cachedFrom?.runId ?? 'an earlier run'})`;
    case 'running':
      return task.attempts > 1 ? `running (attempt ${task.attempts})` : 'running';
    default:
      return task.state;
  }
}

/** The pipeline as IR: its text for a compiled pipeline, built here for a pipeline document. */
async function loadPipeline(file: string, cwd: string, out: RunOutput): Promise<string | { [key: string]: unknown } | number> {
  const content = readPipelineFile(await readInputBytes(file, cwd), file);
  if (content.kind !== 'document') return content.text;
  const built = buildOrPrint(content.document, 'ir', out.stdout, { prefix: 'error ', advice: () => `${file}: fix the errors above before running.` });
  return typeof built === 'number' ? built : built.output.pipelineSpec;
}

export async function runCommand(argv: string[], out: RunOutput, deps: RunDeps = {}): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let runtime: LocalRuntime | undefined;
  let onSignal: (() => void) | undefined;
  try {
    const args = parseArgs(argv);
    const cwd = deps.cwd ?? process.cwd();
    const loaded = await loadPipeline(args.file, cwd, out);
    if (typeof loaded === 'number') return loaded;
    const ir = parsePipelineIr(loaded, { file: args.file });
    const parameters = nameRecord<JsonValue>();
    for (const [name, text] of args.params) {
      const def = ir.root.inputs.parameters[name];
      if (!def) {
        const known = Object.keys(ir.root.inputs.parameters);
        throw new CliError(`run: the pipeline has no parameter "${name}"${known.length ? ` (it has ${known.join(', ')})` : ' (it takes none)'}.`);
      }
      try {
        parameters[name] = parseParameterText(text, def.parameterType, { parameter: name });
      } catch (error) {
        throw new CliError(`run: --param ${name}: ${(error as Error).message}`);
      }
    }
    const dataDir = path.resolve(cwd, args.dataDir ?? deps.dataDir ?? process.env.KFP_STUDIO_DATA ?? path.join(homedir(), '.kfp-studio'));
    runtime = await LocalRuntime.open({ dataDir, execution: args.engine, ...(args.concurrency ? { concurrency: args.concurrency } : {}) });
    const runId = await runtime.submit({ pipeline: ir.spec, parameters, enableCaching: !args.noCache, sourcePath: path.resolve(cwd, args.file) });
    out.stdout(`Run ${runId} of ${ir.name} (data in ${dataDir})`);
    out.stdout(runtime.execution.mode === 'host' ? `Steps run on this machine: ${runtime.execution.reason}` : `Steps run with ${runtime.execution.mode}: ${runtime.execution.reason}`);
    const active = runtime;
    onSignal = () => {
      out.stderr('Stopping the run...');
      void active.terminate(runId);
    };
    process.once('SIGINT', onSignal);
    const seen = new Map<string, string>();
    const report = (snapshot: RunSnapshot): void => {
      for (const task of snapshot.tasks) {
        if (task.kind !== 'container' && task.kind !== 'importer') continue;
        const line = describe(task);
        if (task.state === 'pending' || seen.get(task.id) === line) continue;
        seen.set(task.id, line);
        out.stdout(`[${clock(now())}] ${task.id} ${line}`);
      }
    };
    const unsubscribe = runtime.watch(runId, report);
    const run = await runtime.waitForRun(runId);
    unsubscribe();
    report(run);
    const counts = Object.entries(countTaskStates(run))
      .map(([state, n]) => `${n} ${state}`)
      .join(', ');
    out.stdout(`Run ${run.id} ${run.state} in ${seconds(durationMs(run))}${counts ? ` (${counts})` : ''}.`);
    for (const [name, value] of Object.entries(run.outputs?.parameters ?? {})) out.stdout(`  output ${name} = ${JSON.stringify(value)}`);
    if (run.state !== 'succeeded') {
      for (const task of run.tasks.filter((t) => t.state === 'failed' && (t.kind === 'container' || t.kind === 'importer'))) {
        const log = await runtime.readLog(run.id, task.id);
        const lines = log.text.trimEnd().split('\n').filter(Boolean).slice(-20);
        out.stdout(`--- last lines of ${task.id}'s log (${runtime.store.logFile(run.id, task.id)}) ---`);
        for (const line of lines) out.stdout(`  ${line}`);
      }
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      out.stderr(error.message);
      return error.exitCode;
    }
    if (isKfsError(error) && error.code === 'KFS801') {
      out.stderr(`run: ${error.message} Give it with --param NAME=VALUE.`);
      return 2;
    }
    if (isKfsError(error)) {
      out.stdout(`error ${formatDiagnostic(error.toDiagnostic())}`);
      return 1;
    }
    out.stderr(`run: ${(error as Error).message ?? String(error)}`);
    return 2;
  } finally {
    if (onSignal) process.removeListener('SIGINT', onSignal);
    await runtime?.close();
  }
}

/** The command-table entry (electron/cli/commands.ts). */
export const runCliCommand: CliCommand = {
  name: 'run',
  operands: 'FILE',
  summary: 'Run a pipeline on this machine and show its progress',
  details: RUN_DETAILS,
  run: (args, io) => runCommand([...args], { stdout: io.out, stderr: io.err }, { cwd: io.cwd }),
};

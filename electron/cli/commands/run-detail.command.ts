// `kfp-studio runs show ID` and `kfp-studio logs ID TASK [--follow]`: one run's steps, states, inputs and outputs (as
// far as the runtime reports them), and one step's log. With --profile NAME the run is on that cluster profile;
// without it, a local run in the data folder.
import type { JsonValue } from '../../../shared/model/document';
import { isTerminalTask } from '../../../shared/runtime/runtime';
import type { LogChunk, RunSnapshot, TaskIo, TaskSnapshot } from '../../../shared/runtime/runtime';
import { openProfileRuntime } from '../../host/clusters/profile-runtime';
import { LocalRunReader } from '../../host/runtime/local/run-reader';
import type { CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';
import { cliProfileStore, dataDirOf, parseFlags, reportFailure } from './cluster-cli';
import type { ClusterCliDeps, ParsedFlags } from './cluster-cli';

interface RunSource {
  getRun(runId: string): Promise<RunSnapshot>;
  readLog(runId: string, taskId: string, from?: number): Promise<LogChunk>;
  close(): Promise<void>;
}

async function openSource(flags: ParsedFlags, deps: ClusterCliDeps, io: CliIo): Promise<RunSource> {
  const dataDir = dataDirOf(flags, deps, io.cwd);
  const profileName = flags.values.get('profile');
  if (!profileName) return new LocalRunReader(dataDir);
  const { store } = cliProfileStore(dataDir, deps);
  return openProfileRuntime(await store.get(profileName), store, deps.tuning);
}

function valueText(value: JsonValue): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function ioLines(label: string, io: TaskIo | undefined): string[] {
  if (!io) return [];
  const items = [
    ...Object.entries(io.parameters).map(([name, value]) => `${name}=${valueText(value)}`),
    ...Object.entries(io.artifacts).flatMap(([name, list]) => list.map((a) => `${name}: ${a.schemaTitle} ${a.uri}`)),
  ];
  return items.length ? [`      ${label}: ${items.join(', ')}`] : [];
}

function taskLines(task: TaskSnapshot): string[] {
  const when = task.startedAt ? `  ${task.startedAt}${task.finishedAt ? ` .. ${task.finishedAt}` : ''}` : '';
  const why = task.error ? `  ${task.error.code ? `${task.error.code} ` : ''}${task.error.message}` : task.skipReason ? `  (${task.skipReason})` : task.cachedFrom ? `  (cached from ${task.cachedFrom.runId})` : '';
  return [`  ${task.id.padEnd(28)} ${task.kind.padEnd(9)} ${task.state.padEnd(9)}${when}${why}`, ...ioLines('in ', task.inputs), ...ioLines('out', task.outputs)];
}

const SHOW_FLAGS = { profile: 'value', data: 'value', json: 'bool' } as const;

export async function runsShowCommand(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  let source: RunSource | undefined;
  try {
    const flags = parseFlags(argv, SHOW_FLAGS, 'runs show');
    const [runId, extra] = flags.operands;
    if (!runId || extra !== undefined) throw new CliError('runs show: give one run ID. Usage: kfp-studio runs show ID [--profile NAME] [--data DIR] [--json]');
    source = await openSource(flags, deps, io);
    const run = await source.getRun(runId);
    if (flags.bools.has('json')) {
      io.out(JSON.stringify(run));
      return EXIT_OK;
    }
    io.out(`Run ${run.id}  ${run.state}  ${run.displayName}`);
    io.out(`  pipeline ${run.pipelineName}, created ${run.createdAt}${run.startedAt ? `, started ${run.startedAt}` : ''}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`);
    const params = Object.entries(run.parameters);
    if (params.length) io.out(`  parameters: ${params.map(([k, v]) => `${k}=${valueText(v)}`).join(', ')}`);
    if (run.error) io.out(`  error: ${run.error}`);
    io.out(`Steps (${run.tasks.length}):`);
    for (const task of run.tasks) taskLines(task).forEach((line) => io.out(line));
    ioLines('pipeline outputs', run.outputs).forEach((line) => io.out(line.trimStart()));
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'runs show');
  } finally {
    await source?.close();
  }
}

const LOGS_FLAGS = { profile: 'value', data: 'value', follow: 'bool' } as const;
const FOLLOW_POLL_MS = 500;

export async function logsCommand(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  let source: RunSource | undefined;
  try {
    const flags = parseFlags(argv, LOGS_FLAGS, 'logs');
    const [runId, taskId, extra] = flags.operands;
    if (!runId || !taskId || extra !== undefined) throw new CliError('logs: give the run ID and the step. Usage: kfp-studio logs ID TASK [--follow] [--profile NAME] [--data DIR]');
    source = await openSource(flags, deps, io);
    const run = await source.getRun(runId);
    if (!run.tasks.some((t) => t.id === taskId)) throw new CliError(`logs: run ${runId} has no step "${taskId}" (its steps: ${run.tasks.map((t) => t.id).join(', ')}).`, 1);
    let offset = 0;
    let partial = '';
    const print = (text: string): void => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach((line) => io.out(line));
    };
    for (;;) {
      const chunk = await source.readLog(runId, taskId, offset);
      if (chunk.text) {
        print(chunk.text);
        offset = chunk.offset;
        continue;
      }
      if (!flags.bools.has('follow')) break;
      const task = (await source.getRun(runId)).tasks.find((t) => t.id === taskId);
      if (!task || (isTerminalTask(task.state) && task.state !== 'pending')) {
        const last = await source.readLog(runId, taskId, offset);
        print(last.text);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
    }
    if (partial) io.out(partial);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'logs');
  } finally {
    await source?.close();
  }
}

const WHERE = [
  '  --profile NAME   a run on this cluster profile (kfp-studio profile list); without it, a local run',
  '  --data DIR       the data folder with the local runs and the profiles (default $KFP_STUDIO_DATA, else ~/.kfp-studio)',
];

export const RUN_DETAIL_COMMANDS: readonly CliCommand[] = [
  {
    name: 'runs show',
    operands: 'ID [--profile NAME] [--data DIR] [--json]',
    summary: 'Show one run: its parameters, and each step with its state, inputs and outputs',
    details: [...WHERE, '  --json           the whole run snapshot as JSON'],
    run: (args, io) => runsShowCommand(args, io),
  },
  {
    name: 'logs',
    operands: 'ID TASK [--follow] [--profile NAME] [--data DIR]',
    summary: "Print a step's log (TASK as in runs show); --follow waits for more until the step ends",
    details: ['  --follow         keep printing new lines until the step ends', ...WHERE],
    run: (args, io) => logsCommand(args, io),
  },
];

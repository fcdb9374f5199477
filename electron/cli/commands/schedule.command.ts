// `kfp-studio schedule add|list|enable|disable|delete`: recurring runs on a KFP profile. `add` checks the pipeline and
// its parameters before it sends anything, then creates the recurring run with the pipeline inline.
import { openProfileRuntime } from '../../host/clusters/profile-runtime';
import { ArgoRuntime } from '../../host/runtime/argo/argo-runtime';
import type { KfpRuntime } from '../../host/runtime/kfp/kfp-runtime';
import type { CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';
import { cliProfileStore, dataDirOf, parseFlags, reportFailure } from './cluster-cli';
import type { ClusterCliDeps, FlagKind, ParsedFlags } from './cluster-cli';
import { loadFile, parameters } from './submit.command';

/** Parses, finds the KFP profile, runs `prepare` (checks that need no cluster), then opens the runtime for `body`. */
async function withKfp<T>(
  argv: readonly string[],
  io: CliIo,
  deps: ClusterCliDeps,
  command: string,
  spec: Record<string, FlagKind>,
  body: (runtime: KfpRuntime, flags: ParsedFlags, prepared: T) => Promise<number>,
  prepare: (flags: ParsedFlags) => Promise<T | number> = async () => undefined as T,
): Promise<number> {
  let runtime: KfpRuntime | ArgoRuntime | undefined;
  try {
    const flags = parseFlags(argv, { ...spec, profile: 'value', data: 'value' }, command);
    const profileName = flags.values.get('profile');
    if (!profileName) throw new CliError(`${command}: give the KFP profile with --profile NAME (see "kfp-studio profile list").`);
    const { store } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const profile = await store.get(profileName);
    if (profile.kind !== 'kfp') throw new CliError(`${command}: recurring runs are a KFP feature; ${profile.name} is an Argo profile.`, 1);
    const prepared = await prepare(flags);
    if (typeof prepared === 'number') return prepared;
    runtime = await openProfileRuntime(profile, store, deps.tuning);
    if (runtime instanceof ArgoRuntime) throw new CliError(`${command}: recurring runs are a KFP feature.`, 1);
    return await body(runtime, flags, prepared);
  } catch (error) {
    return reportFailure(error, io, command);
  } finally {
    await runtime?.close();
  }
}

const ADD_FLAGS: Record<string, FlagKind> = { name: 'value', cron: 'value', every: 'value', param: 'multi', experiment: 'value', 'max-concurrency': 'value', 'no-catchup': 'bool' };

export function scheduleAdd(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  const prepare = async (flags: ParsedFlags) => {
    const [file, extra] = flags.operands;
    if (!file || extra !== undefined) throw new CliError('schedule add: give one pipeline FILE. Usage: kfp-studio schedule add FILE --profile NAME (--cron SPEC | --every SECONDS)');
    const cron = flags.values.get('cron');
    const every = flags.values.get('every');
    if ((cron === undefined) === (every === undefined)) throw new CliError('schedule add: give either --cron "MIN HOUR DAY MONTH WEEKDAY" or --every SECONDS.');
    const intervalSeconds = every === undefined ? undefined : Number(every);
    if (intervalSeconds !== undefined && (!Number.isInteger(intervalSeconds) || intervalSeconds < 1)) throw new CliError(`schedule add: --every is a whole number of seconds, not "${every}".`);
    const loaded = await loadFile(file, io.cwd, 'kfp', io);
    if (typeof loaded === 'number') return loaded;
    return { loaded, cron, intervalSeconds, params: parameters(flags.multi.get('param') ?? [], loaded.irText, 'schedule add') };
  };
  return withKfp(argv, io, deps, 'schedule add', ADD_FLAGS, async (runtime, flags, { loaded, cron, intervalSeconds, params }) => {
    const maxText = flags.values.get('max-concurrency');
    const experimentName = flags.values.get('experiment');
    const experiment = experimentName ? await runtime.findOrCreateExperiment(experimentName) : undefined;
    const created = await runtime.createRecurringRun({
      displayName: flags.values.get('name') ?? loaded.name,
      pipeline: loaded.irText ?? '',
      parameters: params,
      ...(cron !== undefined ? { cron } : {}),
      ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
      ...(maxText !== undefined ? { maxConcurrency: Number(maxText) } : {}),
      ...(flags.bools.has('no-catchup') ? { catchup: false } : {}),
      ...(experiment ? { experimentId: experiment.id } : {}),
    });
    io.out(`Recurring run ${created.id} created${created.cron ? ` (cron ${created.cron})` : intervalSeconds ? ` (every ${intervalSeconds} s)` : ''}.`);
    return EXIT_OK;
  }, prepare);
}

export function scheduleList(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  return withKfp(argv, io, deps, 'schedule list', {}, async (runtime) => {
    const all = await runtime.listRecurringRuns();
    if (!all.length) io.out('No recurring runs.');
    for (const r of all) io.out(`${r.id}  ${r.enabled ? 'enabled ' : 'disabled'}  ${r.cron ? `cron ${r.cron}` : `every ${r.intervalSeconds ?? '?'} s`}  ${r.displayName}`);
    return EXIT_OK;
  });
}

function oneId(command: string, action: (runtime: KfpRuntime, id: string) => Promise<void>, done: string) {
  return (argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> =>
    withKfp(argv, io, deps, command, {}, async (runtime, flags) => {
      const [id, extra] = flags.operands;
      if (!id || extra !== undefined) throw new CliError(`${command}: give one recurring run ID (see "kfp-studio schedule list").`);
      await action(runtime, id);
      io.out(`Recurring run ${id} ${done}.`);
      return EXIT_OK;
    });
}

export const scheduleEnable = oneId('schedule enable', (r, id) => r.setRecurringRunEnabled(id, true), 'enabled');
export const scheduleDisable = oneId('schedule disable', (r, id) => r.setRecurringRunEnabled(id, false), 'disabled');
export const scheduleDelete = oneId('schedule delete', (r, id) => r.deleteRecurringRun(id), 'deleted');

const WHERE = ['  --profile NAME   the KFP profile (kfp-studio profile list)', '  --data DIR       the data folder with the profiles (default $KFP_STUDIO_DATA, else ~/.kfp-studio)'];

export const SCHEDULE_COMMANDS: readonly CliCommand[] = [
  {
    name: 'schedule add',
    operands: 'FILE --profile NAME (--cron SPEC | --every SECONDS) [OPTIONS]',
    summary: 'Create a recurring run of a pipeline on a KFP profile',
    details: [
      '  --cron SPEC          five fields, minute first ("30 2 * * 1-5"), or a macro such as @daily',
      '  --every SECONDS      a run every SECONDS instead of a cron schedule',
      '  --name NAME          the recurring run\'s name (default: the pipeline\'s name)',
      '  --param NAME=VALUE   a pipeline parameter (repeatable), checked before anything is sent',
      '  --experiment NAME    the KFP experiment (created when missing)',
      '  --max-concurrency N  runs of this schedule at once (1-10, default 1)',
      '  --no-catchup         do not run the times missed while behind',
      ...WHERE,
    ],
    run: (args, io) => scheduleAdd(args, io),
  },
  { name: 'schedule list', operands: '--profile NAME [--data DIR]', summary: 'List the recurring runs of a KFP profile', details: WHERE, run: (args, io) => scheduleList(args, io) },
  { name: 'schedule enable', operands: 'ID --profile NAME [--data DIR]', summary: 'Enable a recurring run', details: WHERE, run: (args, io) => scheduleEnable(args, io) },
  { name: 'schedule disable', operands: 'ID --profile NAME [--data DIR]', summary: 'Disable a recurring run (no new runs until enabled)', details: WHERE, run: (args, io) => scheduleDisable(args, io) },
  { name: 'schedule delete', operands: 'ID --profile NAME [--data DIR]', summary: 'Delete a recurring run (its past runs stay)', details: WHERE, run: (args, io) => scheduleDelete(args, io) },
];

// `kfp-studio runs --profile NAME [--status S] [--limit N] [--experiment NAME]`: the newest runs of a cluster
// profile, one line each: id, state, creation time, display name.
import type { RunSnapshot, RunState } from '../../../shared/runtime/runtime';
import { openProfileRuntime } from '../../host/clusters/profile-runtime';
import { KfpRuntime } from '../../host/runtime/kfp/kfp-runtime';
import type { ArgoRuntime } from '../../host/runtime/argo/argo-runtime';
import type { CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';
import { cliProfileStore, dataDirOf, parseFlags, reportFailure } from './cluster-cli';
import type { ClusterCliDeps } from './cluster-cli';

const STATES: readonly RunState[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
const FLAGS = { profile: 'value', status: 'multi', limit: 'value', experiment: 'value', json: 'bool', data: 'value' } as const;

function line(run: RunSnapshot): string {
  return `${run.id}  ${run.state.padEnd(9)}  ${run.createdAt}  ${run.displayName}`;
}

export async function runsCommand(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  let runtime: KfpRuntime | ArgoRuntime | undefined;
  try {
    const flags = parseFlags(argv, FLAGS, 'runs');
    if (flags.operands.length) throw new CliError(`runs: takes no operands (got ${flags.operands.join(' ')}).`);
    const profileName = flags.values.get('profile');
    if (!profileName) throw new CliError('runs: give the cluster profile with --profile NAME (see "kfp-studio profile list").');
    const states = (flags.multi.get('status') ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).map((s) => (s === 'canceled' ? 'cancelled' : s));
    const bad = states.find((s) => !STATES.includes(s as RunState));
    if (bad) throw new CliError(`runs: --status is one of ${STATES.join(', ')}, not "${bad}".`);
    const limitText = flags.values.get('limit') ?? '20';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError(`runs: --limit is a whole number from 1 to 1000, not "${limitText}".`);
    const { store } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const profile = await store.get(profileName);
    runtime = await openProfileRuntime(profile, store, deps.tuning);
    const experimentName = flags.values.get('experiment');
    let experimentId: string | undefined;
    if (experimentName) {
      const found = (await runtime.listExperiments()).find((e) => e.name === experimentName);
      if (!found) throw new CliError(`runs: there is no experiment "${experimentName}" on ${profile.name}.`, 1);
      experimentId = found.id;
    }
    const query = { ...(states.length ? { states: states as RunState[] } : {}), ...(experimentId ? { experimentId } : {}) };
    const runs = runtime instanceof KfpRuntime ? (await runtime.listRunsPage({ ...query, pageSize: limit })).runs : (await runtime.listRuns(query)).slice(0, limit);
    if (flags.bools.has('json')) {
      io.out(JSON.stringify(runs.map((r) => ({ id: r.id, state: r.state, createdAt: r.createdAt, displayName: r.displayName, experimentId: r.experimentId }))));
      return EXIT_OK;
    }
    if (!runs.length) io.out(`No runs${states.length ? ` ${states.join(' or ')}` : ''} on ${profile.name}.`);
    for (const run of runs) io.out(line(run));
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'runs');
  } finally {
    await runtime?.close();
  }
}

export const runsCliCommand: CliCommand = {
  name: 'runs',
  operands: '--profile NAME [--status S] [--limit N]',
  summary: 'List the newest runs of a cluster profile',
  details: [
    '  --profile NAME     the cluster profile (kfp-studio profile list)',
    `  --status S         only runs in this state (repeatable or comma-separated): ${STATES.join(', ')}`,
    '  --limit N          at most N runs, newest first (default 20)',
    '  --experiment NAME  only runs of this KFP experiment',
    '  --json             one JSON array instead of lines',
    '  --data DIR         the data folder with the profiles (default $KFP_STUDIO_DATA, else ~/.kfp-studio)',
  ],
  run: (args, io) => runsCommand(args, io),
};

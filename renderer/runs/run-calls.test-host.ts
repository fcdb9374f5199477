// Calls the renderer's test host cannot serve (the local runtime and clusters need Node): in jsdom they answer that
// they are not available. Run component tests pass their own snapshots and watcher instead.
import type { HostApi, HostCallName } from '../../shared/host-api/host-api.calls';
import { CLUSTER_CALLS } from '../../shared/host-api/cluster.calls';
import { fail } from '../../shared/host-api/host-result';
import { RUN_CALLS } from '../../shared/host-api/run.calls';

function unavailable<K extends HostCallName>(calls: { [N in K]: unknown }, what: string): Pick<HostApi, K> {
  const no = async () => fail('KFS505', `${what} are not available in this test host.`);
  return Object.fromEntries(Object.keys(calls).map((name) => [name, no])) as unknown as Pick<HostApi, K>;
}

export function unavailableRunCalls(): Pick<HostApi, keyof typeof RUN_CALLS | keyof typeof CLUSTER_CALLS> {
  return { ...unavailable(RUN_CALLS, 'Runs'), ...unavailable(CLUSTER_CALLS, 'Clusters') };
}

// The run calls of the HostApi, over a RunsService.
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import { RUN_EVENTS_CHANNEL, type RUN_CALLS } from '../../../shared/host-api/run.calls';
import { hostCall } from '../host-call';
import type { RunsService } from './runs.service';

type RunCallName = keyof typeof RUN_CALLS;

export function runHandlers(runs: RunsService): Pick<HostHandlers, RunCallName> {
  const channel = RUN_EVENTS_CHANNEL;
  return {
    runtimeInfo: hostCall('runtimeInfo', () => runs.info()),
    runSubmit: hostCall('runSubmit', async (request) => ({ runId: await runs.submit(request) })),
    runList: hostCall('runList', async (request) => ({ runs: await runs.list(request) })),
    runGet: hostCall('runGet', (request) => runs.get(request.runId)),
    runWatch: hostCall('runWatch', async (request) => ({ subscriptionId: runs.watch(request.runId), channel })),
    runLogFollow: hostCall('runLogFollow', async (request) => ({ subscriptionId: runs.followLog(request.runId, request.taskId, request.from), channel })),
    runUnwatch: hostCall('runUnwatch', async (request) => {
      runs.events.close(request.subscriptionId, 'Stopped watching.');
      return {};
    }),
    runLogRead: hostCall('runLogRead', async (request) => (await runs.runtime()).readLog(request.runId, request.taskId, request.from)),
    runArtifactList: hostCall('runArtifactList', async (request) => ({ artifacts: await (await runs.runtime()).listArtifacts(request.runId) })),
    runArtifactRead: hostCall('runArtifactRead', (request) => runs.readArtifact(request)),
    runTerminate: hostCall('runTerminate', async (request) => {
      await (await runs.runtime()).terminate(request.runId);
      return {};
    }),
    runRetry: hostCall('runRetry', async (request) => {
      await (await runs.runtime()).retry(request.runId);
      return {};
    }),
    experimentList: hostCall('experimentList', async () => ({ experiments: await (await runs.runtime()).listExperiments() })),
    experimentCreate: hostCall('experimentCreate', async (request) => ({ experiment: await (await runs.runtime()).createExperiment(request.name, request.description) })),
  };
}

// The run calls of the HostApi, over a RunsService: without a `target` on this computer's local runtime, with one on
// that cluster profile's runtime (RunsService.clusters).
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import { RUN_EVENTS_CHANNEL, type RUN_CALLS } from '../../../shared/host-api/run.calls';
import { hostCall } from '../host-call';
import type { Runtime } from '../../../shared/runtime/runtime';
import { gatherComparison } from './run-compare';
import { artifactDownload } from './run-input';
import type { RunsService } from './runs.service';

type RunCallName = keyof typeof RUN_CALLS;

export function runHandlers(runs: RunsService): Pick<HostHandlers, RunCallName> {
  const channel = RUN_EVENTS_CHANNEL;
  return {
    runtimeInfo: hostCall('runtimeInfo', (request) => (request.target === undefined ? runs.info() : runs.clusters.info(request.target))),
    runSubmit: hostCall('runSubmit', async ({ target, ...input }) => ({ runId: await (target === undefined ? runs.submit(input) : runs.clusters.submit(target, input)) })),
    runList: hostCall('runList', async ({ target, ...query }) => {
      if (query.pageSize === undefined && query.pageToken === undefined) return { runs: await (target === undefined ? runs.list(query) : runs.clusters.list(target, query)) };
      return target === undefined ? runs.page(query) : runs.clusters.page(target, query);
    }),
    runGet: hostCall('runGet', (request) => (request.target === undefined ? runs.get(request.runId) : runs.clusters.get(request.target, request.runId))),
    runWatch: hostCall('runWatch', async (request) => ({
      subscriptionId: request.target === undefined ? runs.watch(request.runId) : await runs.clusters.watch(request.target, request.runId),
      channel,
    })),
    runLogFollow: hostCall('runLogFollow', async (request) => ({
      subscriptionId:
        request.target === undefined
          ? runs.followLog(request.runId, request.taskId, request.from)
          : await runs.clusters.followLog(request.target, request.runId, request.taskId, request.from),
      channel,
    })),
    runUnwatch: hostCall('runUnwatch', async (request) => {
      runs.events.close(request.subscriptionId, 'Stopped watching.');
      return {};
    }),
    runLogRead: hostCall('runLogRead', async (request) =>
      request.target === undefined
        ? (await runs.runtime()).readLog(request.runId, request.taskId, request.from)
        : runs.clusters.readLog(request.target, request.runId, request.taskId, request.from),
    ),
    runArtifactList: hostCall('runArtifactList', async (request) => ({
      artifacts: request.target === undefined ? await (await runs.runtime()).listArtifacts(request.runId) : await runs.clusters.listArtifacts(request.target, request.runId),
    })),
    runArtifactRead: hostCall('runArtifactRead', ({ target, ...request }) => (target === undefined ? runs.readArtifact(request) : runs.clusters.readArtifact(target, request))),
    runArtifactDownload: hostCall('runArtifactDownload', async ({ target, ...request }) => artifactDownload(target === undefined ? await runs.runtime() : ((await runs.clusters.open(target)).runtime as Runtime), request)),
    runCompare: hostCall('runCompare', async ({ target, runIds }) => ({
      comparison: await gatherComparison(target === undefined ? await runs.runtime() : (await runs.clusters.open(target)).runtime, runIds),
    })),
    runTerminate: hostCall('runTerminate', async (request) => {
      if (request.target === undefined) await (await runs.runtime()).terminate(request.runId);
      else await runs.clusters.terminate(request.target, request.runId);
      return {};
    }),
    runRetry: hostCall('runRetry', async (request) => {
      if (request.target === undefined) await (await runs.runtime()).retry(request.runId);
      else await runs.clusters.retry(request.target, request.runId);
      return {};
    }),
    experimentList: hostCall('experimentList', async (request) => ({
      experiments: request.target === undefined ? await (await runs.runtime()).listExperiments() : await runs.clusters.listExperiments(request.target),
    })),
    experimentCreate: hostCall('experimentCreate', async (request) => ({
      experiment:
        request.target === undefined
          ? await (await runs.runtime()).createExperiment(request.name, request.description)
          : await runs.clusters.createExperiment(request.target, request.name, request.description),
    })),
  };
}

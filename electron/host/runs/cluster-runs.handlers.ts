// The host side of CLUSTER_RUN_CALLS: what only a KFP target has (uploads and versions, recurring runs, archiving).
// An Argo target is refused with KFS914 saying what it can do instead; a name clash on upload stays KFS909 so the UI
// can offer a new version.
import type { CLUSTER_RUN_CALLS } from '../../../shared/host-api/cluster-run.calls';
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import type { JsonValue } from '../../../shared/model/document';
import { ClusterError } from '../clusters/cluster-http';
import type { ClusterProfile } from '../clusters/profile.types';
import { PipelineExistsError } from '../runtime/kfp/kfp-runtime';
import { hostCall } from '../host-call';
import { inlineIrOf, type ClusterRuns } from './cluster-runs.service';
import { buildOrRefuse } from './run-input';

export type ClusterRunHandlers = Pick<HostHandlers, keyof typeof CLUSTER_RUN_CALLS>;

const argoHas = (profile: ClusterProfile): string => `The profile "${profile.name}" runs Argo Workflows`;
const NO_UPLOAD = (p: ClusterProfile) =>
  `${argoHas(p)}, which have no pipeline store to upload to: submit the pipeline to it as a run instead, or compile it to an Argo Workflow YAML file.`;
const NO_SCHEDULE = (p: ClusterProfile) =>
  `${argoHas(p)}; recurring runs are made on KFP only here: submit runs to it one at a time, or compile the pipeline to a Workflow YAML and schedule it as an Argo CronWorkflow with kubectl.`;
const NO_EXPERIMENTS = (p: ClusterProfile) =>
  `${argoHas(p)}, which have no experiments to archive: its runs are grouped by the namespace "${p.namespace ?? ''}".`;
const NO_RUN_ARCHIVE = (p: ClusterProfile) =>
  `${argoHas(p)}, which have no run archive: terminate the run instead (its Workflow stays listed until it is deleted on the cluster).`;

export function clusterRunHandlers(clusters: () => ClusterRuns): ClusterRunHandlers {
  return {
    pipelineUpload: hostCall('pipelineUpload', async (request) => {
      const { profile, runtime } = await clusters().kfp(request.target, NO_UPLOAD);
      const archive = buildOrRefuse(request.document, 'tar.gz');
      const name = request.name ?? request.document.name;
      const fileName = `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.tar.gz`;
      if (request.newVersionOf !== undefined) {
        const ref = await runtime.uploadVersion(request.newVersionOf, archive, { fileName });
        const pipeline = await runtime.client.getPipeline(ref.pipelineId);
        return { pipelineId: ref.pipelineId, versionId: ref.versionId, name: pipeline.display_name ?? pipeline.name ?? request.newVersionOf, newVersion: true };
      }
      try {
        const ref = await runtime.uploadPipeline(archive, { name, fileName, ...(request.description ? { description: request.description } : {}) });
        return { pipelineId: ref.pipelineId, versionId: ref.versionId, name, newVersion: false };
      } catch (error) {
        if (!(error instanceof PipelineExistsError)) throw error;
        throw new ClusterError('KFS909', `A pipeline named "${name}" exists already on "${profile.name}": upload this as a new version of it, or choose another name.`, { field: 'name' }, 409, error.serverMessage);
      }
    }),
    recurringRunCreate: hostCall('recurringRunCreate', async (request) => {
      const { runtime } = await clusters().kfp(request.target, NO_SCHEDULE);
      const ir = request.document ? buildOrRefuse(request.document, 'ir') : undefined;
      return runtime.createRecurringRun({
        displayName: request.displayName,
        ...(ir ? { pipeline: inlineIrOf(ir) } : {}),
        ...(request.pipelineVersion ? { version: request.pipelineVersion } : {}),
        ...(request.cron !== undefined ? { cron: request.cron } : {}),
        ...(request.intervalSeconds !== undefined ? { intervalSeconds: request.intervalSeconds } : {}),
        ...(request.startTime ? { startTime: request.startTime } : {}),
        ...(request.endTime ? { endTime: request.endTime } : {}),
        ...(request.maxConcurrency !== undefined ? { maxConcurrency: request.maxConcurrency } : {}),
        ...(request.catchup !== undefined ? { catchup: request.catchup } : {}),
        ...(request.parameters ? { parameters: request.parameters as { [name: string]: JsonValue } } : {}),
        ...(request.experimentId ? { experimentId: request.experimentId } : {}),
      });
    }),
    recurringRunList: hostCall('recurringRunList', async (request) => {
      const { runtime } = await clusters().kfp(request.target, NO_SCHEDULE);
      return { recurringRuns: await runtime.listRecurringRuns(request.experimentId) };
    }),
    recurringRunSetEnabled: hostCall('recurringRunSetEnabled', async (request) => {
      const { runtime } = await clusters().kfp(request.target, NO_SCHEDULE);
      await runtime.setRecurringRunEnabled(request.id, request.enabled);
      return {};
    }),
    recurringRunDelete: hostCall('recurringRunDelete', async (request) => {
      const { runtime } = await clusters().kfp(request.target, NO_SCHEDULE);
      await runtime.deleteRecurringRun(request.id);
      return {};
    }),
    experimentArchive: hostCall('experimentArchive', async (request) => {
      const { runtime } = await clusters().kfp(request.target, NO_EXPERIMENTS);
      await runtime.archiveExperiment(request.experimentId);
      return {};
    }),
    runArchive: hostCall('runArchive', async (request) => {
      const { runtime } = await clusters().kfp(request.target, NO_RUN_ARCHIVE);
      await runtime.archiveRun(request.runId);
      return {};
    }),
  };
}

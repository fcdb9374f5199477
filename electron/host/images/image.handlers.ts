// The HostApi calls of IMAGE_CALLS: builds (and pushes) run as jobs in the host; the UI polls a job's log from an
// offset, so progress streams the same way over IPC and over web mode's HTTP. Only the last MAX_LOG characters of a
// job's log are kept, and only the last MAX_JOBS jobs.
import { randomUUID } from 'node:crypto';
import { KfsError } from '../../../shared/errors/codes';
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import type { ImageBuildResult } from '../../../shared/host-api/image.calls';
import { failFrom, type HostError } from '../../../shared/host-api/host-result';
import { hostCall } from '../host-call';
import { prepareContext } from './build-context';
import { buildImage, imageEngine } from './image-build';
import { pushImage } from './image-push';

const MAX_LOG = 512 * 1024;
const MAX_JOBS = 20;

interface ImageJob {
  state: 'building' | 'pushing' | 'done' | 'failed';
  log: string;
  /** Characters dropped from the front of `log`. */
  dropped: number;
  result?: ImageBuildResult;
  error?: HostError;
}

type ImageHandlers = Pick<HostHandlers, 'imageBuildStart' | 'imageBuildStatus' | 'imageContextHash'>;

export function imageHandlers(): ImageHandlers {
  const jobs = new Map<string, ImageJob>();
  const append = (job: ImageJob, text: string): void => {
    job.log += text;
    if (job.log.length > MAX_LOG) {
      job.dropped += job.log.length - MAX_LOG;
      job.log = job.log.slice(-MAX_LOG);
    }
  };
  return {
    imageBuildStart: hostCall('imageBuildStart', async (request) => {
      const engine = await imageEngine(request.engine ?? 'auto');
      const jobId = randomUUID();
      const job: ImageJob = { state: 'building', log: '', dropped: 0 };
      jobs.set(jobId, job);
      for (const [id, old] of jobs) if (jobs.size > MAX_JOBS && (old.state === 'done' || old.state === 'failed')) jobs.delete(id);
      void (async () => {
        try {
          const progress = ({ text }: { text: string }) => append(job, text);
          const built = await buildImage(engine, { source: request.source, tag: request.tag, ...(request.network ? { network: request.network } : {}) }, progress);
          let pinned: string | undefined;
          if (request.push) {
            job.state = 'pushing';
            pinned = (await pushImage(engine, built.tag, progress)).pinned;
          }
          job.result = { ...built, ...(pinned ? { pinned } : {}) };
          job.state = 'done';
        } catch (error) {
          const failed = failFrom(error);
          job.error = failed.ok ? undefined : failed.error;
          job.state = 'failed';
        }
      })();
      return { jobId };
    }),
    imageBuildStatus: hostCall('imageBuildStatus', async (request) => {
      const job = jobs.get(request.jobId);
      if (!job) throw new KfsError('KFS702', `There is no image build ${request.jobId} (builds are kept while the app runs).`);
      const from = Math.max(0, request.logOffset - job.dropped);
      return {
        state: job.state,
        log: job.log.slice(from),
        logOffset: job.dropped + job.log.length,
        ...(job.result ? { result: job.result } : {}),
        ...(job.error ? { error: job.error } : {}),
      };
    }),
    imageContextHash: hostCall('imageContextHash', async (request) => {
      const context = prepareContext(request.source);
      context.dispose();
      return { contextHash: context.hash };
    }),
  };
}

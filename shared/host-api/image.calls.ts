// HostApi calls for building a step's image with the engine the host detects. A build is a job: `imageBuildStart`
// answers its id and `imageBuildStatus` the log since an offset (the UI polls it to stream progress) until the job is
// done (with the digest-pinned reference when pushed) or failed (with a coded error). `imageContextHash` hashes a
// context again so the editor can mark an image stale when its script changed. No call takes or answers credentials:
// a push uses the engine's own login.
import { z } from 'zod';
import { hostErrorSchema } from './host-result';

const filePath = z.string().min(1).max(4096);

export const imageBuildSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), dir: filePath }),
  z.strictObject({ kind: z.literal('script'), script: filePath, requirements: filePath.optional(), baseImage: z.string().min(1).max(255) }),
  z.strictObject({ kind: z.literal('packages'), packages: z.array(z.string().min(1).max(500)).min(1).max(200), baseImage: z.string().min(1).max(255) }),
]);

export const IMAGE_JOB_STATES = ['building', 'pushing', 'done', 'failed'] as const;

export const imageBuildResultSchema = z.object({
  tag: z.string(),
  imageId: z.string(),
  contextHash: z.string(),
  dockerfile: z.string(),
  generated: z.boolean(),
  engine: z.enum(['docker', 'podman']),
  /** REPOSITORY@sha256:… when pushed. */
  pinned: z.string().optional(),
});
export type ImageBuildResult = z.infer<typeof imageBuildResultSchema>;

export const IMAGE_CALLS = {
  imageBuildStart: {
    request: z.strictObject({
      source: imageBuildSourceSchema,
      tag: z.string().min(1).max(255),
      push: z.boolean(),
      network: z.enum(['none', 'default']).optional(),
      engine: z.enum(['auto', 'docker', 'podman']).optional(),
    }),
    response: z.object({ jobId: z.string() }),
  },
  imageBuildStatus: {
    request: z.strictObject({ jobId: z.string().min(1).max(100), logOffset: z.number().int().min(0) }),
    response: z.object({
      state: z.enum(IMAGE_JOB_STATES),
      /** The log from `logOffset` on, and the offset to ask from next. */
      log: z.string(),
      logOffset: z.number(),
      result: imageBuildResultSchema.optional(),
      error: hostErrorSchema.optional(),
    }),
  },
  imageContextHash: {
    request: z.strictObject({ source: imageBuildSourceSchema }),
    response: z.object({ contextHash: z.string() }),
  },
} as const;

// HostApi calls only a cluster target has: upload a pipeline (or a new version of one) to KFP, recurring runs,
// archiving experiments and runs. Every request names its target profile; a call the profile's kind cannot do
// (Argo has no pipeline store or schedules here) is refused with KFS914.
import { z } from 'zod';
import type { PipelineDocument } from '../model/document';
import { pipelineDocumentSchema } from '../model/document.schema';
import { pipelineVersionRef } from './run.calls';

const id = z.string().min(1).max(300);
const target = z.string().min(1).max(100);
const document = z.custom<PipelineDocument>((value) => pipelineDocumentSchema.safeParse(value).success, 'not a valid pipeline document');

export const recurringRunSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  /** Five fields, minute first, as people write it (the API's six-field form is hidden). */
  cron: z.string().optional(),
  intervalSeconds: z.number().optional(),
  maxConcurrency: z.number(),
  catchup: z.boolean(),
});

export type RecurringRunSummaryView = z.infer<typeof recurringRunSummarySchema>;

export const CLUSTER_RUN_CALLS = {
  /**
   * Compiles the document and uploads it as a new pipeline named `name` (default: the document's name), or as a new
   * version of `newVersionOf` (a pipeline name or id). A name that exists already is refused with KFS909; the UI then
   * offers a new version.
   */
  pipelineUpload: {
    request: z.strictObject({
      target,
      document,
      name: z.string().min(1).max(200).optional(),
      newVersionOf: z.string().min(1).max(300).optional(),
      description: z.string().max(2000).optional(),
    }),
    response: z.object({ pipelineId: z.string(), versionId: z.string(), name: z.string(), newVersion: z.boolean() }),
  },
  recurringRunCreate: {
    request: z
      .strictObject({
        target,
        document: document.optional(),
        pipelineVersion: pipelineVersionRef.optional(),
        displayName: z.string().min(1).max(500),
        /** Five fields (`30 2 * * 1-5`) or a macro (`@daily`); exclusive with intervalSeconds. */
        cron: z.string().min(1).max(200).optional(),
        intervalSeconds: z.number().int().min(1).optional(),
        startTime: z.string().max(100).optional(),
        endTime: z.string().max(100).optional(),
        maxConcurrency: z.number().int().min(1).max(10).optional(),
        catchup: z.boolean().optional(),
        parameters: z.record(z.string(), z.custom<unknown>(() => true)).optional(),
        experimentId: id.optional(),
      })
      .refine((r) => (r.document === undefined) !== (r.pipelineVersion === undefined), 'give either a document or a pipelineVersion')
      .refine((r) => (r.cron === undefined) !== (r.intervalSeconds === undefined), 'give either a cron schedule or an interval'),
    response: z.object({ id: z.string(), cron: z.string().optional() }),
  },
  recurringRunList: {
    request: z.strictObject({ target, experimentId: id.optional() }),
    response: z.object({ recurringRuns: z.array(recurringRunSummarySchema) }),
  },
  recurringRunSetEnabled: { request: z.strictObject({ target, id, enabled: z.boolean() }), response: z.object({}) },
  recurringRunDelete: { request: z.strictObject({ target, id }), response: z.object({}) },
  experimentArchive: { request: z.strictObject({ target, experimentId: id }), response: z.object({}) },
  runArchive: { request: z.strictObject({ target, runId: id }), response: z.object({}) },
} as const;

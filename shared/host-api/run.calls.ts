// HostApi calls for runs, on this computer or on a cluster profile (`target`): submit a document (compiled in the
// host), compiled IR or an uploaded version; list experiments and runs, read a run, its logs and artifacts, terminate,
// retry. Watching is a subscription: `runWatch`/`runLogFollow` answer an id,
// and the binding delivers that subscription's `RunEvent`s on its event channel (in web mode one server-sent event
// stream per page that the subscription is attached to, an IPC event in Electron) until `runUnwatch` or its `end`.
import { z } from 'zod';
import type { JsonValue, PipelineDocument } from '../model/document';
import { pipelineDocumentSchema } from '../model/document.schema';
import type { RunComparison } from '../runs/run-compare';
import type { ArtifactEntry, ExecutionInfo, Experiment, LogChunk, RunSnapshot } from '../runtime/runtime';

/** The largest artifact preview the host sends; more is cut (and said so). */
export const MAX_ARTIFACT_PREVIEW_BYTES = 1024 * 1024;
/** The largest artifact file handed to the window whole, to be saved (KFS957 past it). */
export const MAX_ARTIFACT_DOWNLOAD_BYTES = 64 * 1024 * 1024;
export const DEFAULT_ARTIFACT_PREVIEW_BYTES = 256 * 1024;
/** Compiled pipelines larger than this are refused. */
export const MAX_PIPELINE_TEXT = 16 * 1024 * 1024;

const RUN_STATES = ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
const id = z.string().min(1).max(300);
const jsonValue = z.custom<JsonValue>(() => true);
const isoTime = z.string().max(40).refine((text) => !Number.isNaN(Date.parse(text)), 'a date and time such as 2026-01-31 or 2026-01-31T12:00:00Z');
const document = z.custom<PipelineDocument>((value) => pipelineDocumentSchema.safeParse(value).success, 'not a valid pipeline document');
const run = z.custom<RunSnapshot>((value) => typeof value === 'object' && value !== null && 'tasks' in value);
const experiment = z.custom<Experiment>((value) => typeof value === 'object' && value !== null && 'name' in value);
const artifactEntry = z.custom<ArtifactEntry>((value) => typeof value === 'object' && value !== null && 'artifact' in value);
const execution = z.custom<ExecutionInfo>((value) => typeof value === 'object' && value !== null && 'mode' in value);
const comparison = z.custom<RunComparison>((value) => typeof value === 'object' && value !== null && 'parameters' in value);
const logChunk = z.custom<LogChunk>((value) => typeof value === 'object' && value !== null && 'offset' in value);

/** Where a subscription's events arrive: the web server's stream path prefix, or the IPC event name. */
export const RUN_EVENTS_CHANNEL = 'run-events';
const subscription = z.object({ subscriptionId: z.string(), channel: z.literal(RUN_EVENTS_CHANNEL) });

/**
 * Where a run call goes: the name of a cluster profile (CLUSTER_CALLS), or absent for this computer (the embedded
 * local runtime). Run ids are only meaningful with the target they came from.
 */
export const runTarget = z.string().min(1).max(100).optional();
const target = runTarget;
/** A pipeline version uploaded to a KFP target; without `versionId`, the pipeline's latest version. */
export const pipelineVersionRef = z.strictObject({ pipelineId: id, versionId: id.optional() });

export const RUN_CALLS = {
  /** The runtime runs are sent to, and how it runs steps (shown to people as is). */
  runtimeInfo: { request: z.strictObject({ target }), response: z.object({ kind: z.string(), execution }) },
  /**
   * Exactly one of `document` (compiled in the host: IR for local and KFP, a Workflow for Argo), `pipelineText`
   * (IR YAML or JSON) and `pipelineVersion` (a version uploaded to a KFP target with `pipelineUpload`).
   */
  runSubmit: {
    request: z
      .strictObject({
        target,
        document: document.optional(),
        pipelineText: z.string().min(1).max(MAX_PIPELINE_TEXT).optional(),
        pipelineVersion: pipelineVersionRef.optional(),
        parameters: z.record(z.string(), jsonValue).optional(),
        experimentId: id.optional(),
        displayName: z.string().max(500).optional(),
        enableCaching: z.boolean().optional(),
        sourcePath: z.string().max(4096).optional(),
      })
      .refine(
        (r) => [r.document, r.pipelineText, r.pipelineVersion].filter((source) => source !== undefined).length === 1,
        'give one of a document, a pipelineText or a pipelineVersion',
      ),
    response: z.object({ runId: z.string() }),
  },
  /**
   * Runs of the target, filtered and sorted. With `pageSize` (or a `pageToken`) one page and the token of the next
   * (KFP's own tokens on a KFP target); without, every run.
   */
  runList: {
    request: z.strictObject({
      target,
      experimentId: id.optional(),
      states: z.array(z.enum(RUN_STATES)).max(6).optional(),
      text: z.string().max(500).optional(),
      pipelineName: z.string().min(1).max(300).optional(),
      createdAfter: isoTime.optional(),
      createdBefore: isoTime.optional(),
      sortBy: z.enum(['createdAt', 'duration', 'displayName', 'state']).optional(),
      descending: z.boolean().optional(),
      pageSize: z.number().int().min(1).max(200).optional(),
      pageToken: z.string().min(1).max(8192).optional(),
    }),
    response: z.object({ runs: z.array(run), nextPageToken: z.string().optional(), totalSize: z.number().optional() }),
  },
  /** The run, and the document it ran as (kept at submit, or imported from its IR) for drawing it on a canvas. */
  runGet: {
    request: z.strictObject({ target, runId: id }),
    response: z.object({ run, document: document.optional() }),
  },
  runWatch: { request: z.strictObject({ target, runId: id }), response: subscription },
  runLogFollow: { request: z.strictObject({ target, runId: id, taskId: id, from: z.number().int().min(0).optional() }), response: subscription },
  runUnwatch: { request: z.strictObject({ subscriptionId: id }), response: z.object({}) },
  runLogRead: { request: z.strictObject({ target, runId: id, taskId: id, from: z.number().int().min(0).optional() }), response: logChunk },
  runArtifactList: { request: z.strictObject({ target, runId: id }), response: z.object({ artifacts: z.array(artifactEntry) }) },
  /** Up to `maxBytes` of an artifact file as text (`binary` when it is not UTF-8 text; then `text` is empty). */
  runArtifactRead: {
    request: z.strictObject({
      target,
      runId: id,
      taskId: id,
      output: id,
      path: z.string().max(4096).optional(),
      maxBytes: z.number().int().min(1).max(MAX_ARTIFACT_PREVIEW_BYTES).optional(),
    }),
    response: z.object({ text: z.string(), bytes: z.number(), size: z.number().optional(), truncated: z.boolean(), binary: z.boolean() }),
  },
  /** A whole artifact file (a file of a folder artifact with `path`), base64, to be saved by the person. */
  runArtifactDownload: {
    request: z.strictObject({ target, runId: id, taskId: id, output: id, path: z.string().max(4096).optional() }),
    response: z.object({ fileName: z.string(), base64: z.string(), bytes: z.number() }),
  },
  /** 2–10 runs of one target side by side: parameters, metrics, step states, ROC curves and confusion matrices. */
  runCompare: { request: z.strictObject({ target, runIds: z.array(id).min(1).max(20) }), response: z.object({ comparison }) },
  runTerminate: { request: z.strictObject({ target, runId: id }), response: z.object({}) },
  runRetry: { request: z.strictObject({ target, runId: id }), response: z.object({}) },
  experimentList: { request: z.strictObject({ target }), response: z.object({ experiments: z.array(experiment) }) },
  experimentCreate: {
    request: z.strictObject({ target, name: z.string().min(1).max(200), description: z.string().max(2000).optional() }),
    response: z.object({ experiment }),
  },
} as const;

/** One event of a subscription. `end` is the last: the run (or the task's log) has finished, or it was unwatched. */
export type RunEvent =
  | { subscriptionId: string; type: 'snapshot'; snapshot: RunSnapshot }
  | { subscriptionId: string; type: 'log'; chunk: LogChunk }
  | { subscriptionId: string; type: 'end'; reason?: string };

/** How the UI receives a subscription's events; each binding implements it over its channel. */
export interface HostEvents {
  subscribe(subscriptionId: string, listener: (event: RunEvent) => void): () => void;
}

/**
 * The web binding's one event stream per page (GET, server-sent events, with the session token header): it carries
 * every subscription attached to the channel, each event tagged with its subscriptionId. Browsers allow six
 * connections per host, so a page must not hold a stream per subscription.
 */
export function runEventsChannelPath(channelId: string): string {
  return `/api/${RUN_EVENTS_CHANNEL}/channel/${encodeURIComponent(channelId)}`;
}

/** POST: attaches a subscription to a channel's stream (before or after the stream connects). */
export function runEventsAttachPath(channelId: string, subscriptionId: string): string {
  return `${runEventsChannelPath(channelId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
}

// The HostApi contract: every call the UI makes of the host, one definition each (name, request, response).
// electron/host implements it, electron/web and the preload bind it; none of them can drift from this file.
import { z } from 'zod';
import type { ComponentSpec, PipelineDocument } from '../model/document';
import { pipelineDocumentSchema } from '../model/document.schema';
import type { HostResult } from './host-result';
import { DOCUMENT_CALLS } from './document.calls';
import { SECRET_CALLS } from './secret.calls';
import { RUN_CALLS } from './run.calls';
import { CLUSTER_CALLS } from './cluster.calls';
import { CLUSTER_RUN_CALLS } from './cluster-run.calls';
import { CATALOG_CALLS } from './catalog.calls';
import { IMAGE_CALLS } from './image.calls';

/** Bounds on what a request may carry; the host refuses more. */
export const MAX_PATH_LENGTH = 4096;
export const MAX_COMPONENT_TEXT = 4 * 1024 * 1024;

const componentSpec = z.custom<ComponentSpec>((value) => typeof value === 'object' && value !== null && 'implementation' in value);
const document = z.custom<PipelineDocument>((value) => pipelineDocumentSchema.safeParse(value).success, 'not a valid pipeline document');
const filePath = z.string().min(1).max(MAX_PATH_LENGTH);

export { catalogEntrySchema, type CatalogEntry } from './catalog.calls';

export const exampleSummarySchema = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });
export type ExampleSummary = z.infer<typeof exampleSummarySchema>;

function call<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

export const HOST_CALLS = {
  documentOpen: call(z.strictObject({ path: filePath }), z.object({ path: z.string(), document, revision: z.string().optional() })),
  // expectedRevision: the revision documentOpen (or the last save) gave; a file changed since then is not overwritten (KFS507).
  documentSave: call(
    // replace: the person confirmed replacing a file that holds another document (otherwise refused with KFS307).
    z.strictObject({ path: filePath, document, expectedRevision: z.string().min(1).max(128).optional(), replace: z.boolean().optional() }),
    z.object({ path: z.string(), bytes: z.number(), revision: z.string().optional() }),
  ),
  exampleList: call(z.strictObject({}), z.object({ examples: z.array(exampleSummarySchema) })),
  exampleOpen: call(z.strictObject({ id: z.string().min(1).max(200) }), z.object({ id: z.string(), document })),
  importComponentFile: call(
    z.strictObject({ name: z.string().min(1).max(1000), text: z.string().max(MAX_COMPONENT_TEXT) }),
    z.object({ id: z.string(), component: componentSpec, components: z.record(z.string(), componentSpec) }),
  ),
  ...CATALOG_CALLS,
  ...DOCUMENT_CALLS,
  ...SECRET_CALLS,
  ...RUN_CALLS,
  ...CLUSTER_CALLS,
  ...CLUSTER_RUN_CALLS,
  ...IMAGE_CALLS,
} as const;

export type HostCallName = keyof typeof HOST_CALLS;
export const HOST_CALL_NAMES = Object.keys(HOST_CALLS) as HostCallName[];

export type HostRequest<N extends HostCallName> = z.input<(typeof HOST_CALLS)[N]['request']>;
export type HostResponse<N extends HostCallName> = z.output<(typeof HOST_CALLS)[N]['response']>;

/** What the UI sees: one async method per call, answering the envelope. */
export type HostApi = { [N in HostCallName]: (request: HostRequest<N>) => Promise<HostResult<HostResponse<N>>> };

/** What a binding dispatches to: the same methods, taking unchecked input. */
export type HostHandlers = { [N in HostCallName]: (request: unknown) => Promise<HostResult<HostResponse<N>>> };

export function isHostCallName(name: string): name is HostCallName {
  return Object.prototype.hasOwnProperty.call(HOST_CALLS, name);
}

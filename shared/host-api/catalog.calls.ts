// HostApi calls for catalogs: the bundled components plus the team's sources (folders, URLs, indexes, Git
// repositories), loading a component from a URL, and saving and publishing into a folder catalog.
// Spread into HOST_CALLS (host-api.calls.ts).
import { z } from 'zod';
import type { ComponentSpec, PipelineDocument } from '../model/document';
import { pipelineDocumentSchema } from '../model/document.schema';
import { hostErrorSchema } from './host-result';

const componentSpec = z.custom<ComponentSpec>((value) => typeof value === 'object' && value !== null && 'implementation' in value);
const document = z.custom<PipelineDocument>((value) => pipelineDocumentSchema.safeParse(value).success, 'not a valid pipeline document');
const sourceId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a catalog id is 1 to 64 lowercase letters, digits or "-"');
const url = z.string().min(8).max(4096);

export const catalogEntrySchema = z.object({
  /** Key under which the component goes into a document's `components`. */
  id: z.string(),
  /** Unique across catalogs; documents keep it in `source: {kind: 'catalog', ref, digest}`. */
  ref: z.string(),
  group: z.string(),
  keywords: z.array(z.string()),
  component: componentSpec,
  /** The component and any it needs (a graph component's children), keyed by id. */
  components: z.record(z.string(), componentSpec),
  /** The source's id (`bundled` for the app's own) and name. */
  catalog: z.string(),
  catalogName: z.string(),
  /** `sha256:…` of the component file's text: what documents pin. */
  digest: z.string(),
  version: z.string().optional(),
  /** The file inside the catalog, or the URL it was fetched from. */
  location: z.string(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

export const CATALOG_SOURCE_KINDS = ['folder', 'url', 'git'] as const;

export const catalogSourceSchema = z.object({
  id: z.string(),
  /** `url` is a single component.yaml or an index (told apart when fetched: see `form`). */
  kind: z.enum(['bundled', ...CATALOG_SOURCE_KINDS]),
  name: z.string(),
  /** The folder, URL or repository as the person gave it. */
  location: z.string(),
  /** Git: the branch or tag followed. */
  ref: z.string().optional(),
  /** What was found there: a single component, a folder of files, or an index in one of the read forms. */
  form: z.enum(['component', 'files', 'kfp-studio', 'tangle', 'elyra']).optional(),
  componentCount: z.number(),
  pipelines: z.array(z.object({ name: z.string(), description: z.string().optional(), archive: z.string().optional(), document: z.string().optional() })),
  /** ISO time remote content was last fetched (the palette works from that copy until the next refresh). */
  fetchedAt: z.string().optional(),
  /** The last fetch failed: the entries are the cached copy. */
  offline: z.boolean(),
  /** A folder the app may save components and publish pipelines into. */
  writable: z.boolean(),
  /** Coded problems: the whole source failing to load, or single files in it refused. */
  problems: z.array(hostErrorSchema),
});
export type CatalogSource = z.infer<typeof catalogSourceSchema>;

export const catalogChangeSchema = z.object({
  catalog: z.string(),
  ref: z.string(),
  name: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type CatalogChange = z.infer<typeof catalogChangeSchema>;

const catalogListing = z.object({
  groups: z.array(z.string()),
  entries: z.array(catalogEntrySchema),
  sources: z.array(catalogSourceSchema),
  /** Changes whenever any source's entries may have (a watched folder changed, a refresh, an add or remove). */
  revision: z.number(),
});
export type CatalogListing = z.infer<typeof catalogListing>;

export const importedComponentSchema = z.object({ id: z.string(), component: componentSpec, components: z.record(z.string(), componentSpec) });

export const CATALOG_CALLS = {
  catalogList: { request: z.strictObject({}), response: catalogListing },
  /** Cheap: ask every few seconds; list again when the revision moved. */
  catalogRevision: { request: z.strictObject({}), response: z.object({ revision: z.number() }) },
  catalogAdd: {
    request: z.strictObject({
      kind: z.enum(CATALOG_SOURCE_KINDS),
      location: z.string().min(1).max(4096),
      name: z.string().min(1).max(200).optional(),
      ref: z.string().regex(/^[A-Za-z0-9._/-]{1,200}$/).optional(),
    }),
    response: z.object({ source: catalogSourceSchema }),
  },
  catalogRemove: { request: z.strictObject({ id: sourceId }), response: z.object({ removed: z.boolean() }) },
  /** Fetches remote sources again (all, or one) and answers what changed. */
  catalogRefresh: {
    request: z.strictObject({ id: sourceId.optional() }),
    response: z.object({ sources: z.array(catalogSourceSchema), changes: z.array(catalogChangeSchema) }),
  },
  /** A component.yaml from an http(s) URL: cached, size-capped, its digest given; offline, the cached copy or KFS444. */
  componentFromUrl: {
    request: z.strictObject({ url }),
    response: importedComponentSchema.extend({ url: z.string(), digest: z.string(), cached: z.boolean() }),
  },
  /** Writes a component file into a folder catalog (`fileName` inside it); refuses to overwrite unless `replace`. */
  catalogSaveComponent: {
    request: z.strictObject({ catalog: sourceId, fileName: z.string().min(1).max(255), text: z.string().min(1).max(4 * 1024 * 1024), replace: z.boolean().optional() }),
    response: z.object({ path: z.string(), digest: z.string() }),
  },
  /** Writes a pipeline (document, compiled .tar.gz) and its components into a folder catalog and updates its index. */
  catalogPublish: {
    request: z.strictObject({ catalog: sourceId, name: z.string().min(1).max(200), description: z.string().max(4000).optional(), document }),
    response: z.object({ files: z.array(z.string()), index: z.string() }),
  },
} as const;

// HostApi calls for documents that are never lost: change checks, autosave and recovery after a crash.
// Spread into HOST_CALLS (host-api.calls.ts); kept apart so each group of calls stays small.
import { z } from 'zod';
import type { PipelineDocument } from '../model/document';
import { pipelineDocumentSchema } from '../model/document.schema';

const document = z.custom<PipelineDocument>((value) => pipelineDocumentSchema.safeParse(value).success, 'not a valid pipeline document');
const filePath = z.string().min(1).max(4096);
/** Chosen by the editor, one per open document (e.g. a random id); it names the autosave file. */
export const autosaveKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an autosave key is 1 to 64 letters, digits, "-" or "_"');
export const revision = z.string().min(1).max(128);

export const autosaveEntrySchema = z.object({
  key: z.string(),
  /** The file the work belongs to; absent for a document that was never saved. */
  path: z.string().optional(),
  name: z.string(),
  /** ISO time of the last autosave. */
  savedAt: z.string(),
});
export type AutosaveEntryInfo = z.infer<typeof autosaveEntrySchema>;

export const documentListingSchema = z.object({
  /** The file name inside the documents folder (what Save and Open take as a path). */
  file: z.string(),
  /** The pipeline's display name or name, when the file parses. */
  name: z.string().optional(),
  id: z.string().optional(),
  modifiedAt: z.string(),
});
export type DocumentListing = z.infer<typeof documentListingSchema>;

/** What was open when the app last ran: a saved document by its path, else the (clean) document itself. */
export const sessionSchema = z.object({ path: filePath.optional(), document: document.optional() });

export const DOCUMENT_CALLS = {
  /** The pipeline documents in the data folder's documents folder, newest first: the Save dialog lists them. */
  documentList: { request: z.strictObject({}), response: z.object({ documents: z.array(documentListingSchema) }) },
  /** What is open now, so a reload or restart reopens it; unsaved changes are kept by autosave, not here. */
  sessionWrite: { request: z.strictObject({ path: filePath.optional(), document: document.optional() }), response: z.object({}) },
  sessionRead: { request: z.strictObject({}), response: sessionSchema },
  /** Whether the file still holds what the editor opened (ask on window focus): `changed` when someone else wrote it. */
  documentStatus: {
    request: z.strictObject({ path: filePath, revision }),
    response: z.object({ exists: z.boolean(), changed: z.boolean(), revision: z.string().optional() }),
  },
  /** Stores unsaved work under the data folder; call every few seconds while the document is dirty. */
  documentAutosave: {
    request: z.strictObject({ key: autosaveKey, path: filePath.optional(), document }),
    response: z.object({ key: z.string(), savedAt: z.string() }),
  },
  /** Unsaved work left by an earlier session that did not end cleanly, newest first. */
  recoveryList: { request: z.strictObject({}), response: z.object({ entries: z.array(autosaveEntrySchema) }) },
  /** The autosaved document; it stays stored until `recoveryDiscard` (call that once the work is saved). */
  recoveryTake: {
    request: z.strictObject({ key: autosaveKey }),
    response: autosaveEntrySchema.extend({ document }),
  },
  recoveryDiscard: { request: z.strictObject({ key: autosaveKey }), response: z.object({}) },
} as const;

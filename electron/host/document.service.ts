// Opening and saving pipeline documents by the path a person gave (relative paths are inside the documents folder).
// The file work (atomic writes, revisions, refusing what does not parse) lives in ./documents.
import type { PipelineDocument } from '../../shared/model/document';
import {
  DOCUMENT_SUFFIX,
  documentFileStatus,
  openDocumentFile,
  resolveDocumentPath,
  saveDocumentFile,
  writeAtomic,
  type OpenedDocument,
  type SavedDocument,
} from './documents';

export { DOCUMENT_SUFFIX, resolveDocumentPath, writeAtomic };

export async function openDocument(documentsDir: string, requested: string): Promise<OpenedDocument> {
  return openDocumentFile(resolveDocumentPath(documentsDir, requested, false), requested);
}

export async function saveDocument(documentsDir: string, requested: string, document: PipelineDocument, expectedRevision?: string, replace?: boolean): Promise<SavedDocument> {
  const file = resolveDocumentPath(documentsDir, requested, true);
  return saveDocumentFile(file, document, { displayName: requested, ...(expectedRevision ? { expectedRevision } : {}), ...(replace ? { replace } : {}) });
}

export async function documentStatus(documentsDir: string, requested: string, revision: string): Promise<{ exists: boolean; changed: boolean; revision?: string }> {
  return documentFileStatus(resolveDocumentPath(documentsDir, requested, false), revision);
}

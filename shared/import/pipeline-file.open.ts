// Opening any file a person may hold a pipeline in: a KFP Studio document, a compiled KFP IR (YAML or JSON), or an
// archive of one (.tar.gz, .zip), read exactly as the KFP backend reads uploads. One way in, for the CLI and the app.
import { readPipelineArchive, type ArchiveFormat } from '../archive';
import { KfsError } from '../errors/codes';
import type { PipelineDocument } from '../model/document';
import { DOCUMENT_FORMAT } from '../model/document';
import { parseDocument } from '../model/document.parse';
import { loadYamlDocuments } from '../yaml/safe-load';
import { importIrObjects } from './ir.import';

export interface OpenedPipeline {
  document: PipelineDocument;
  /** `document`: a saved KFP Studio document; `compiled`: imported from a compiled pipeline (a new, unsaved document). */
  kind: 'document' | 'compiled';
  /** The file form it came in. */
  format: ArchiveFormat;
  /** The archive entry the pipeline came from, for archives. */
  entry?: string;
}

/** The file types the Open dialog offers. */
export const OPEN_ACCEPT = '.pipeline.json,.json,.yaml,.yml,.tar.gz,.tgz,.zip';

export function openPipelineFile(bytes: Uint8Array, fileName: string): OpenedPipeline {
  const { text, entry, format } = readPipelineArchive(bytes, fileName);
  if (fileName.endsWith('.pipeline.json') || looksLikeDocument(text)) {
    return { document: parseDocument(text, { file: fileName }), kind: 'document', format };
  }
  const docs = loadYamlDocuments(text, { file: fileName });
  const first = docs[0] as { apiVersion?: unknown; kind?: unknown } | undefined;
  if (typeof first?.apiVersion === 'string' && first.apiVersion.startsWith('argoproj.io') && first.kind === 'Workflow') {
    throw new KfsError(
      'KFS612',
      'This is a KFP v1 pipeline (an Argo Workflow). KFP Studio opens KFP v2 pipelines for editing: recompile it with the KFP SDK v2, or upload it to a cluster as it is.',
      { file: fileName },
    );
  }
  return { document: importIrObjects(docs, { file: fileName }), kind: 'compiled', format, ...(entry !== undefined ? { entry } : {}) };
}

/** A JSON object whose `format` names the document format: a saved document under another file name. */
function looksLikeDocument(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    return (JSON.parse(text) as { format?: unknown }).format === DOCUMENT_FORMAT;
  } catch {
    return false;
  }
}

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

/**
 * What a pipeline file holds, told apart once for every caller: a KFP Studio document (parsed), a compiled KFP v2
 * pipeline (its text and YAML documents, not yet imported), or an Argo Workflow (KFP v1 or plain Argo). Commands that
 * send a compiled pipeline on as it is (submit, run) read files with this; opening for editing goes on to import.
 */
export type PipelineFileContent =
  | { kind: 'document'; document: PipelineDocument; format: ArchiveFormat }
  | { kind: 'compiled' | 'workflow'; text: string; docs: unknown[]; format: ArchiveFormat; entry?: string };

export function readPipelineFile(bytes: Uint8Array, fileName: string): PipelineFileContent {
  const { text, entry, format } = readPipelineArchive(bytes, fileName);
  if (fileName.endsWith('.pipeline.json') || looksLikeDocument(text)) {
    return { kind: 'document', document: parseDocument(text, { file: fileName }), format };
  }
  const docs = loadYamlDocuments(text, { file: fileName });
  const first = docs[0] as { apiVersion?: unknown; kind?: unknown } | undefined;
  const workflow = typeof first?.apiVersion === 'string' && first.apiVersion.startsWith('argoproj.io') && first.kind === 'Workflow';
  return { kind: workflow ? 'workflow' : 'compiled', text, docs, format, ...(entry !== undefined ? { entry } : {}) };
}

export function openPipelineFile(bytes: Uint8Array, fileName: string): OpenedPipeline {
  const content = readPipelineFile(bytes, fileName);
  if (content.kind === 'document') return content;
  if (content.kind === 'workflow') {
    throw new KfsError(
      'KFS612',
      'This is a KFP v1 pipeline (an Argo Workflow). KFP Studio opens KFP v2 pipelines for editing: recompile it with the KFP SDK v2, or upload it to a cluster as it is.',
      { file: fileName },
    );
  }
  const { docs, format, entry } = content;
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

// What a run submission carries and the checks every target applies to it, and how artifact bytes are previewed.
import { buildPipeline, type BuildOutput, type BuildTarget } from '../../../shared/build/build-pipeline';
import { KfsError } from '../../../shared/errors/codes';
import { MAX_ARTIFACT_DOWNLOAD_BYTES } from '../../../shared/host-api/run.calls';
import type { JsonValue, PipelineDocument } from '../../../shared/model/document';
import type { Runtime } from '../../../shared/runtime/runtime';

export interface SubmitInput {
  document?: PipelineDocument;
  pipelineText?: string;
  /** A version uploaded to a KFP target (only a KFP profile runs one). */
  pipelineVersion?: { pipelineId: string; versionId?: string };
  parameters?: { [name: string]: JsonValue };
  experimentId?: string;
  displayName?: string;
  enableCaching?: boolean;
  sourcePath?: string;
}

export interface ArtifactPreview {
  text: string;
  bytes: number;
  size?: number;
  truncated: boolean;
  binary: boolean;
}

/** The document built for `target`; one with errors is refused, naming the first (with its location) and how many more. */
export function buildOrRefuse<T extends BuildTarget>(doc: PipelineDocument, target: T): BuildOutput<T> {
  const outcome = buildPipeline(doc, target);
  if (outcome.ok) return outcome.output;
  const errors = outcome.errors;
  const first = errors[0];
  if (!first) throw new KfsError('KFS301', 'The pipeline cannot run until it is fixed.');
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new KfsError(first.code, `The pipeline cannot run until it is fixed: ${first.message}${more}`, first.location);
}

/** Text when the bytes are UTF-8 without NULs (a cut may end inside a character: that is not binary). */
export function decodePreview(bytes: Uint8Array): { text: string; binary: boolean } {
  if (bytes.includes(0)) return { text: '', binary: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }), binary: false };
  } catch {
    return { text: '', binary: true };
  }
}

/** A whole artifact file for the person to save; KFS957 when it passes MAX_ARTIFACT_DOWNLOAD_BYTES. */
export async function artifactDownload(runtime: Runtime, request: { runId: string; taskId: string; output: string; path?: string }): Promise<{ fileName: string; base64: string; bytes: number }> {
  const bytes = await runtime.readArtifact(request.runId, request.taskId, request.output, { ...(request.path ? { path: request.path } : {}), maxBytes: MAX_ARTIFACT_DOWNLOAD_BYTES + 1 });
  if (bytes.length > MAX_ARTIFACT_DOWNLOAD_BYTES) {
    throw new KfsError('KFS957', `The artifact "${request.output}" of step "${request.taskId}" is larger than ${MAX_ARTIFACT_DOWNLOAD_BYTES / 1024 / 1024} MB, the most the app saves: copy it from where the run keeps it (its URI).`, { task: request.taskId, output: request.output });
  }
  const fileName = (request.path ?? request.output).split('/').filter(Boolean).pop() ?? request.output;
  return { fileName, base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length };
}

// What a run submission carries and the checks every target applies to it, and how artifact bytes are previewed.
import { KfsError } from '../../../shared/errors/codes';
import type { JsonValue, PipelineDocument } from '../../../shared/model/document';
import { validate } from '../../../shared/validate/validate';

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

/** Refuses a document with validation errors, naming the first (with its location) and how many more. */
export function refuseInvalid(doc: PipelineDocument): void {
  const errors = validate(doc).filter((d) => d.severity === 'error');
  const first = errors[0];
  if (!first) return;
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

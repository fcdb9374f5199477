// Compiling the open document to a file Kubeflow Pipelines accepts, in the renderer: shared/build's one build path
// (with the browser's own gzip for a .tar.gz where it has one), then the file's name and type. Refused (with the
// errors) while the document has any; the diagnostics the store already holds are passed in, not recomputed.
import type { Diagnostic } from '../../shared/errors/codes';
import { buildPipeline, buildPipelineWith, type PipelineFileFormat } from '../../shared/build/build-pipeline';
import type { PipelineDocument } from '../../shared/model/document';
import { browserGzip, hasBrowserGzip } from './browser-gzip';

/** An archive or YAML of KFP v2 IR, or an Argo Workflow (`argo.yaml`, for KFP v1 or plain Argo). */
export type CompileFormat = Extract<PipelineFileFormat, 'tar.gz' | 'zip' | 'yaml' | 'argo.yaml'>;

export const COMPILE_FORMATS: readonly { format: CompileFormat; label: string; mime: string }[] = [
  { format: 'tar.gz', label: '.tar.gz archive (pipeline.yaml inside)', mime: 'application/gzip' },
  { format: 'zip', label: '.zip archive (pipeline.yaml inside)', mime: 'application/zip' },
  { format: 'yaml', label: '.yaml file', mime: 'application/yaml' },
  { format: 'argo.yaml', label: 'Argo Workflow .argo.yaml (KFP v1 or plain Argo)', mime: 'application/yaml' },
];

export const DEFAULT_COMPILE_FORMAT: CompileFormat = 'tar.gz';

export type CompileOutcome =
  | { ok: true; bytes: Uint8Array; fileName: string; mime: string; taskCount: number }
  | { ok: false; errors: Diagnostic[] };

/** `classic-pipeline.tar.gz`: the pipeline name, made safe as a file name. */
export function compiledFileName(document: PipelineDocument, format: CompileFormat): string {
  const base = document.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'pipeline';
  return `${base}.${format}`;
}

/**
 * The document as the bytes of a `format` file. `diagnostics`: the document's, when the caller holds them.
 * Throws the compiler's KfsError when the document passes validation but still cannot be compiled.
 */
export async function compilePipeline(document: PipelineDocument, format: CompileFormat, diagnostics?: readonly Diagnostic[]): Promise<CompileOutcome> {
  const options = diagnostics ? { diagnostics } : {};
  const outcome = format === 'tar.gz' && hasBrowserGzip() ? await buildPipelineWith(browserGzip, document, format, options) : buildPipeline(document, format, options);
  if (!outcome.ok) return outcome;
  const mime = COMPILE_FORMATS.find((f) => f.format === format)?.mime ?? 'application/octet-stream';
  return { ok: true, bytes: outcome.output, fileName: compiledFileName(document, format), mime, taskCount: Object.keys(document.graph.tasks).length };
}

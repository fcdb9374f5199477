// Compiling the open document to a file Kubeflow Pipelines accepts, in the renderer: validate, compile to IR,
// YAML, then the chosen file form. Refused (with the errors) while validate() reports any.
import { writePipelineArchive, writePipelineArchiveWith, type ArchiveFormat } from '../../shared/archive';
import { compileToArgoYaml } from '../../shared/compile/argo';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYamlBytes } from '../../shared/compile/ir.yaml';
import type { Diagnostic } from '../../shared/errors/codes';
import type { PipelineDocument } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';
import { browserGzip, hasBrowserGzip } from './browser-gzip';

/** An archive or YAML of KFP v2 IR, or an Argo Workflow (`argo.yaml`, for KFP v1 or plain Argo). */
export type CompileFormat = Extract<ArchiveFormat, 'tar.gz' | 'zip' | 'yaml'> | 'argo.yaml';

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

export function compileErrors(document: PipelineDocument): Diagnostic[] {
  return validate(document).filter((d) => d.severity === 'error');
}

/** Throws the compiler's KfsError when the document passes validation but still cannot be compiled. */
export function compilePipeline(document: PipelineDocument, format: CompileFormat): CompileOutcome {
  const errors = compileErrors(document);
  if (errors.length) return { ok: false, errors };
  const mime = COMPILE_FORMATS.find((f) => f.format === format)?.mime ?? 'application/octet-stream';
  const bytes = format === 'argo.yaml' ? new TextEncoder().encode(compileToArgoYaml(document)) : writePipelineArchive(irToYamlBytes(compileToIr(document)), format);
  return { ok: true, bytes, fileName: compiledFileName(document, format), mime, taskCount: Object.keys(document.graph.tasks).length };
}

/** compilePipeline, with the browser's own gzip for a .tar.gz where the browser has one. */
export async function compilePipelineNative(document: PipelineDocument, format: CompileFormat): Promise<CompileOutcome> {
  if (format !== 'tar.gz' || !hasBrowserGzip()) return compilePipeline(document, format);
  const errors = compileErrors(document);
  if (errors.length) return { ok: false, errors };
  const bytes = await writePipelineArchiveWith(browserGzip, irToYamlBytes(compileToIr(document)), format);
  return { ok: true, bytes, fileName: compiledFileName(document, format), mime: 'application/gzip', taskCount: Object.keys(document.graph.tasks).length };
}

// The one build path from a pipeline document to what a caller writes or sends: validate once, compile (KFP v2 IR
// or an Argo Workflow), serialize, pack the file form. The CLI (compile, submit, run), the host (local and cluster
// runs, uploads, schedules) and the renderer's Compile all build through here, so a document with errors is refused
// the same way everywhere and no build validates twice. The compilers themselves are not changed here, only chained.
import { writePipelineArchive, writePipelineArchiveWith, type ArchiveFormat, type AsyncGzip } from '../archive';
import { argoToYaml, compileToArgo } from '../compile/argo';
import type { ArgoObject } from '../compile/argo/argo-types';
import { compileToIr, type IrCompileResult } from '../compile/ir.compile';
import { encodeUtf8 } from '../archive/utf8';
import { irToYamlStream } from '../compile/ir.yaml';
import type { Diagnostic } from '../errors/codes';
import type { PipelineDocument } from '../model/document';
import { validate } from '../validate/validate';

/** A file a build can write: KFP v2 IR as an archive, YAML or JSON, or an Argo Workflow as YAML (`argo.yaml`). */
export type PipelineFileFormat = ArchiveFormat | 'argo.yaml';

/** What a build ends in: the compiled objects (`ir`, `argo`), or the bytes of a file. */
export type BuildTarget = 'ir' | 'argo' | PipelineFileFormat;

export type BuildOutput<T extends BuildTarget> = T extends 'ir' ? IrCompileResult : T extends 'argo' ? ArgoObject : Uint8Array;

export interface BuildOptions {
  /**
   * The document's diagnostics, when the caller already holds them for this very document (the renderer's store
   * computes them once per document version); validated here otherwise.
   */
  diagnostics?: readonly Diagnostic[];
}

export interface Built<T extends BuildTarget> {
  ok: true;
  output: BuildOutput<T>;
  /** The KFP v2 IR of the document: the one the build compiled when its target went through IR, else compiled now. */
  ir(): IrCompileResult;
}

export type BuildOutcome<T extends BuildTarget> = Built<T> | { ok: false; errors: Diagnostic[] };

/** The errors (not warnings) that stop a build. */
export function buildErrors(document: PipelineDocument, options: BuildOptions = {}): Diagnostic[] {
  return (options.diagnostics ?? validate(document)).filter((d) => d.severity === 'error');
}

function built<T extends BuildTarget>(document: PipelineDocument, output: BuildOutput<T>, compiled?: IrCompileResult): Built<T> {
  let ir = compiled;
  return { ok: true, output, ir: () => (ir ??= compileToIr(document)) };
}

export function buildPipeline<T extends BuildTarget>(document: PipelineDocument, target: T, options: BuildOptions = {}): BuildOutcome<T> {
  const errors = buildErrors(document, options);
  if (errors.length) return { ok: false, errors };
  if (target === 'argo') return built(document, compileToArgo(document) as BuildOutput<T>);
  if (target === 'argo.yaml') return built(document, encodeUtf8(argoToYaml(compileToArgo(document))) as BuildOutput<T>);
  const ir = compileToIr(document);
  if (target === 'ir') return built(document, ir as BuildOutput<T>, ir);
  return built(document, writePipelineArchive(irToYamlStream(ir), target as ArchiveFormat) as BuildOutput<T>, ir);
}

/** buildPipeline to file bytes, with an asynchronous gzip for a `.tar.gz` (the browser's own); other forms as there. */
export async function buildPipelineWith(gzip: AsyncGzip, document: PipelineDocument, format: PipelineFileFormat, options: BuildOptions = {}): Promise<BuildOutcome<PipelineFileFormat>> {
  if (format !== 'tar.gz') return buildPipeline(document, format, options);
  const errors = buildErrors(document, options);
  if (errors.length) return { ok: false, errors };
  const ir = compileToIr(document);
  return built(document, await writePipelineArchiveWith(gzip, irToYamlStream(ir), format), ir);
}

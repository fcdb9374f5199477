// The Argo Workflow as YAML text, and as the KFP v1 pipeline package (`.tar.gz` holding pipeline.yaml) that the KFP
// backend accepts as a v1 pipeline. Keys keep the compiler's order (apiVersion, kind, metadata, spec; name first in
// each template), which is fixed, so the same document always gives the same bytes.
import { dump } from 'js-yaml';
import { writePipelineArchive } from '../../archive/archive.write';
import type { PipelineDocument } from '../../model/document';
import type { ArgoCompileOptions } from './argo.compile';
import { compileToArgo } from './argo.compile';

export function argoToYaml(workflow: object): string {
  return dump(workflow, { noRefs: true, lineWidth: -1, quotingType: "'" });
}

export function compileToArgoYaml(doc: PipelineDocument, options?: ArgoCompileOptions): string {
  return argoToYaml(compileToArgo(doc, options));
}

export function compileToArgoArchive(doc: PipelineDocument, options?: ArgoCompileOptions): Uint8Array {
  return writePipelineArchive(compileToArgoYaml(doc, options), 'tar.gz');
}

// A real pipeline document (resources/examples/classic-local.pipeline.json) compiled with the project's compilers:
// to KFP IR and a .tar.gz archive, and to an Argo Workflow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePipelineArchive } from '../../shared/archive';
import { compileToArgo } from '../../shared/compile/argo';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import type { PipelineDocument } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_FILE = path.join(repoRoot, 'resources/examples/classic-local.pipeline.json');

export function exampleDocument(): PipelineDocument {
  return parseDocument(readFileSync(EXAMPLE_FILE, 'utf8'), { file: EXAMPLE_FILE });
}

export function exampleIrYaml(): string {
  return irToYaml(compileToIr(exampleDocument()));
}

export function exampleArchive(): Uint8Array {
  return writePipelineArchive(exampleIrYaml(), 'tar.gz');
}

export function exampleWorkflow(): { [key: string]: unknown } {
  return compileToArgo(exampleDocument()) as unknown as { [key: string]: unknown };
}

/** The task ids of the document's root graph, as the canvas names them. */
export function exampleTaskIds(): string[] {
  return Object.keys(exampleDocument().graph.tasks).sort();
}

// The one way into a compiled pipeline for every reader (the importer, the local runtime, the cluster runtimes'
// reading of a run's spec): IR text or parsed documents → the PipelineSpec and the optional PlatformSpec, with what
// every reader relies on checked once: at most two documents, no `__proto__` key anywhere (KFS520), a PipelineSpec
// with `root` and `pipelineInfo` mappings (KFS610). The rest is the readers' to check field by field as they narrow it
// (the file is untrusted, so its type stays unknown below the top; pipeline-spec.ts types what the compiler writes).
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import { refuseReservedKeys } from '../names/names';
import { loadYamlDocuments } from '../yaml/safe-load';
import type { PipelineSpec } from './pipeline-spec';

export type IrMap = { [key: string]: unknown };

/** A PipelineSpec whose top level was checked; every field below is still to be checked by its reader. */
export type CheckedPipelineSpec = IrMap & { root: IrMap; pipelineInfo: IrMap };

export interface IrDocuments {
  pipelineSpec: CheckedPipelineSpec;
  /** The second document, when there is one (not checked here: only the importer reads it). */
  platformSpec?: unknown;
}

export function isIrMap(value: unknown): value is IrMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** IR text (YAML or JSON), its parsed documents, or one parsed PipelineSpec (as a runtime is handed one). */
export function readIrDocuments(input: string | readonly unknown[] | PipelineSpec | IrMap, options: { file?: string } = {}): IrDocuments {
  const where: Location = options.file !== undefined ? { file: options.file } : {};
  const docs = typeof input === 'string' ? loadYamlDocuments(input, where) : Array.isArray(input) ? input : [input];
  if (docs.length === 0 || docs.length > 2) {
    throw new KfsError('KFS610', `An IR file holds a PipelineSpec and at most a PlatformSpec; this one has ${docs.length} documents.`, where);
  }
  for (const doc of docs) refuseReservedKeys(doc, where);
  const [spec, platformSpec] = docs;
  if (!isIrMap(spec) || !isIrMap(spec.root) || !isIrMap(spec.pipelineInfo)) {
    throw new KfsError('KFS610', 'This is not a compiled KFP pipeline (PipelineSpec): it needs pipelineInfo and root.', where);
  }
  return platformSpec === undefined ? { pipelineSpec: spec as CheckedPipelineSpec } : { pipelineSpec: spec as CheckedPipelineSpec, platformSpec };
}

// A compiled pipeline as the API takes it inline: IR text (one document, or the PipelineSpec and a PlatformSpec)
// or an object, turned into the `pipeline_spec` field.
import { loadAll } from 'js-yaml';
import { KfsError } from '../../../../shared/errors/codes';
import type { SubmitRequest } from '../../../../shared/runtime/runtime';

type Obj = { [key: string]: unknown };

/** IR text (one or two YAML/JSON documents) or a spec object, as the API takes it inline. */
export function inlineSpecOf(pipeline: SubmitRequest['pipeline']): Obj {
  if (typeof pipeline !== 'string') return pipeline;
  const docs = loadAll(pipeline).filter((doc) => doc !== null && doc !== undefined) as Obj[];
  const [spec, platform] = docs;
  if (!spec || typeof spec !== 'object') throw new KfsError('KFS610', 'The pipeline is empty: it is not a KFP pipeline IR.');
  return platform ? { pipeline_spec: spec, platform_spec: platform } : spec;
}

export function pipelineNameOf(spec: Obj): string {
  const inner = (spec.pipeline_spec as Obj | undefined) ?? spec;
  return String((inner.pipelineInfo as Obj | undefined)?.name ?? 'pipeline');
}


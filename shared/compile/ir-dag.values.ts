// The small pieces of a DAG task's IR that need no graph: input buckets, caching and retry policies, JSON templates
// and raw loop items (used by ir-dag.compile.ts).
import { KfsError } from '../errors/codes';
import type { Argument, JsonValue, Task } from '../model/document';
import type { Channel } from './ir-channels';
import { pyJsonDumps } from './ir-placeholders';
import type { IrInputArtifactSpec, IrInputParameterSpec, IrPipelineTaskSpec, IrRetryPolicy, IrTaskInputsSpec } from '../ir/pipeline-spec';

/** A task's inputs while they are collected; each bucket is made on first use (many tasks have one kind only). */
export interface IrInputs {
  parameters?: { [name: string]: IrInputParameterSpec };
  artifacts?: { [name: string]: IrInputArtifactSpec };
}

export function bucketOf(channel: Channel): 'parameters' | 'artifacts' {
  return channel.type.kind === 'parameter' ? 'parameters' : 'artifacts';
}

export function cachingOptionsOf(task: Task): NonNullable<IrPipelineTaskSpec['cachingOptions']> {
  const options: NonNullable<IrPipelineTaskSpec['cachingOptions']> = {};
  if (task.options.cacheKey !== undefined) options.cacheKey = task.options.cacheKey;
  if (task.options.caching !== false) options.enableCache = true;
  return options;
}

export function retryPolicyOf(task: Task): IrRetryPolicy | undefined {
  const retry = task.options.retry;
  if (!retry) return undefined;
  const policy: IrRetryPolicy = {};
  if (retry.backoffDuration !== undefined) policy.backoffDuration = retry.backoffDuration;
  if (retry.backoffFactor !== undefined) policy.backoffFactor = retry.backoffFactor;
  if (retry.backoffMaxDuration !== undefined) policy.backoffMaxDuration = retry.backoffMaxDuration;
  policy.maxRetryCount = retry.maxRetryCount;
  return policy;
}

export function parseJsonTemplate(text: string, where: object): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new KfsError('KFS602', 'A JSON template must spell valid JSON once its values are inserted.', where);
  }
}

export function compactInputs(inputs: IrInputs): IrTaskInputsSpec | undefined {
  if (!inputs.artifacts && !inputs.parameters) return undefined;
  const out: IrTaskInputsSpec = {};
  if (inputs.artifacts) out.artifacts = inputs.artifacts;
  if (inputs.parameters) out.parameters = inputs.parameters;
  return out;
}

export function rawItems(items: Argument, where: object): string {
  if (items.kind !== 'constant' || !Array.isArray(items.value)) {
    throw new KfsError('KFS105', 'A loop over constant items needs a JSON list.', where);
  }
  return pyJsonDumps(items.value, true);
}

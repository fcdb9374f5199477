// Outputs that leave sub-DAGs: `dsl.Collected` (a loop's outputs gathered into a list) and `dsl.OneOf` (the output
// of whichever condition branch ran), surfaced group by group as `pipelinechannel--<task>-<output>` outputs.
import type { KfpType } from '../model/document';
import type { IrDefinitions, IrObject } from './ir-types';
import { addDefinition } from './ir-types';

export interface GroupOutputs {
  parameters: { [name: string]: IrObject };
  artifacts: { [name: string]: IrObject };
  definitions: IrDefinitions;
}

export function emptyOutputs(): GroupOutputs {
  return { parameters: {}, artifacts: {}, definitions: {} };
}

export function selectorOutput(type: KfpType, producer: string, key: string): { bucket: 'parameters' | 'artifacts'; value: IrObject } {
  return type.kind === 'parameter'
    ? { bucket: 'parameters', value: { valueFromParameter: { outputParameterKey: key, producerSubtask: producer } } }
    : { bucket: 'artifacts', value: { artifactSelectors: [{ outputArtifactKey: key, producerSubtask: producer }] } };
}

/**
 * Declares `name` as an output of each group in `groups` (outermost first), each taking it from the next one in,
 * the innermost from `producer`'s output `key`. Returns the output key to read at the outermost group.
 */
export function surface(
  outputsOf: (group: string) => GroupOutputs,
  groups: readonly string[],
  producer: string,
  key: string,
  name: string,
  type: KfpType,
  asList: boolean,
): string {
  let inner = producer;
  let innerKey = key;
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i] as string;
    const outputs = outputsOf(group);
    const { bucket, value } = selectorOutput(type, inner, innerKey);
    outputs[bucket][name] = value;
    addDefinition(outputs.definitions, name, type, asList);
    inner = group;
    innerKey = name;
  }
  return innerKey;
}

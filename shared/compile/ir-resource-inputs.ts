// Resources taken at run time, as the SDK 2.14 writes them (pipeline_spec_builder.replace_and_inject_placeholders):
// the task gets the channel input (`pipelinechannel--t-Output`) and a carrier input holding its placeholder
// (`cpu_limit`), the executor's field the placeholder; no dependency on the producer is written (the SDK writes none).
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { Argument, ResourceSourceField, Task } from '../model/document';
import type { Channel } from './ir-channels';
import type { IrInputs } from './ir-dag.values';
import { channelName, inputPlaceholder } from './ir-names';
import { RESOURCE_CARRIERS } from './ir-resources';
import type { IrObject } from './ir-types';

/** Adds the inputs of task `id`'s run-time resources to `inputs`; returns the channels to pass down into its groups. */
export function resourceInputs(
  id: string,
  task: Task,
  inputs: IrInputs,
  at: { channelOf: (arg: Argument) => Channel | undefined; refFor: (channel: Channel) => IrObject },
  where: Location,
): Channel[] {
  const channels: Channel[] = [];
  for (const [field, arg] of Object.entries(task.options.resources?.from ?? {}) as [ResourceSourceField, Argument][]) {
    if (arg.kind === 'constant') continue;
    const channel = at.channelOf(arg);
    if (!channel || channel.type.kind !== 'parameter') {
      throw new KfsError('KFS602', `The ${field} of task ${id} can only come from a parameter value, not "${arg.kind}".`, { ...where, task: id });
    }
    const key = channelName(channel.key);
    (inputs.parameters ??= {})[key] = at.refFor(channel);
    (inputs.parameters ??= {})[RESOURCE_CARRIERS[field]] = { runtimeValue: { constant: inputPlaceholder(key) } };
    channels.push(channel);
  }
  return channels;
}

/** The text a container field holds for a value: a constant as text, anything else as its channel's placeholder. */
export function valuePlaceholder(arg: Argument, channelOf: (arg: Argument) => Channel | undefined, where: Location): string {
  if (arg.kind === 'constant') return typeof arg.value === 'string' ? arg.value : JSON.stringify(arg.value);
  const channel = channelOf(arg);
  if (!channel) throw new KfsError('KFS602', `A "${arg.kind}" value cannot be used in a container field.`, where);
  return inputPlaceholder(channelName(channel.key));
}

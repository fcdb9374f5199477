// Container resources taken at run time: the executor's resource fields name task inputs by placeholder
// (`{{$.inputs.parameters['pipelinechannel--cpu-limit-Output']}}`); the task holds that channel input and, as the SDK
// 2.14 writes it, a carrier input (`cpu_limit`) whose constant is the same placeholder. Both are the resource's, not
// arguments of the component: they are taken off the task and the resource gets the value the channel refers to.
import { markedTaskInput } from '../compile/ir-resources';
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { Argument, ComponentSpec, ResourceSourceField, Resources } from '../model/document';
import type { IrMap } from './ir-ports.import';
import { isMap } from './ir-ports.import';

/**
 * The task without the inputs that only carry resource values, and the resources with each run-time value resolved;
 * unchanged when no resource is taken at run time.
 */
export function resourceInputs(
  task: IrMap,
  component: ComponentSpec,
  resources: Resources | undefined,
  resolve: (ref: unknown) => Argument,
  where: Location,
): { task: IrMap; resources?: Resources } {
  const from = resources?.from;
  if (!resources || !from) return { task, ...(resources ? { resources } : {}) };
  const inputs = isMap(task.inputs) ? task.inputs : {};
  const parameters: IrMap = isMap(inputs.parameters) ? { ...inputs.parameters } : {};
  const declared = new Set(component.inputs.map((p) => p.name));
  const resolved: Resources['from'] = {};
  const channels = new Set<string>();
  for (const [field, marker] of Object.entries(from) as [ResourceSourceField, Argument][]) {
    const channel = markedTaskInput(marker);
    if (channel === undefined) {
      resolved[field] = marker;
      continue;
    }
    if (parameters[channel] === undefined) {
      throw new KfsError('KFS611', `The ${field} of the container names task input "${channel}", which the task does not set.`, { ...where, port: channel });
    }
    resolved[field] = resolve(parameters[channel]);
    channels.add(channel);
  }
  const placeholders = new Set([...channels].map((c) => `{{$.inputs.parameters['${c}']}}`));
  for (const [name, ref] of Object.entries(parameters)) {
    const constant = isMap(ref) && isMap(ref.runtimeValue) ? ref.runtimeValue.constant : undefined;
    if (!declared.has(name) && typeof constant === 'string' && placeholders.has(constant)) delete parameters[name];
  }
  // A channel also used by an argument (an f-string) stays for it.
  const stillUsed = (channel: string) => Object.values(parameters).some((ref) => JSON.stringify(ref).includes(`'${channel}'`));
  for (const channel of channels) if (!stillUsed(channel)) delete parameters[channel];
  return { task: { ...task, inputs: { ...inputs, parameters } }, resources: { ...resources, from: resolved } };
}

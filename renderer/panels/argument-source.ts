// The sources an input can take in the inspector's picker: not set, a constant, a pipeline parameter, or a
// compatible upstream output. Values are strings for a <select>.
import type { Argument, PipelineDocument, PortSpec } from '../../shared/model/document';
import { checkCompatibility } from '../../shared/types/type-compat';
import { taskLabel } from '../canvas/flow-model';
import { inputHandle, outputHandle } from '../canvas/port-handles';
import { checkWire } from '../canvas/wire-check';

export interface SourceOption {
  value: string;
  label: string;
  argument: Argument | null;
}

export function sourceValue(argument: Argument | undefined): string {
  if (!argument) return 'none';
  switch (argument.kind) {
    case 'constant':
      return 'constant';
    case 'graphInput':
      return `param:${argument.input}`;
    case 'taskOutput':
      return `out:${argument.task}:${argument.output}`;
    default:
      return `other:${argument.kind}`;
  }
}

export function sourceOptions(document: PipelineDocument, taskId: string, input: PortSpec, current: Argument | undefined): SourceOption[] {
  const options: SourceOption[] = [{ value: 'none', label: input.default !== undefined ? 'Default value' : 'Not set', argument: null }];
  if (input.type.kind === 'parameter') options.push({ value: 'constant', label: 'Constant value', argument: { kind: 'constant', value: '' } });
  for (const parameter of document.graph.inputs) {
    if (checkCompatibility(parameter.type, input.type) === undefined) {
      options.push({ value: `param:${parameter.name}`, label: `Parameter ${parameter.name}`, argument: { kind: 'graphInput', input: parameter.name } });
    }
  }
  for (const task of Object.values(document.graph.tasks)) {
    const component = document.components[task.component];
    for (const output of component?.outputs ?? []) {
      const wire = { source: task.id, sourceHandle: outputHandle(output.name), target: taskId, targetHandle: inputHandle(input.name) };
      if (checkWire(document, wire) === undefined) {
        options.push({ value: `out:${task.id}:${output.name}`, label: `${taskLabel(task)} → ${output.name}`, argument: { kind: 'taskOutput', task: task.id, output: output.name } });
      }
    }
  }
  const value = sourceValue(current);
  if (current && !options.some((o) => o.value === value)) options.push({ value, label: `Current (${current.kind})`, argument: current });
  return options;
}

// The sources an input can take in the inspector's picker: not set, a constant, a pipeline parameter, a
// compatible upstream output, or the outputs of a task inside a parallel-for collected as a list (dsl.Collected).
// Values are strings for a <select>.
import { taskLabel, type Argument, type KfpType, type PipelineDocument, type PortSpec } from '../model/document';
import { checkCompatibility } from '../types/type-compat';
import { inputHandle, outputHandle } from './port-handles';
import { checkWire } from './wire-check';
import { graphIndex } from '../model/graph-index';
import { own } from '../names/names';

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
    case 'loopItem':
      return `loop:${argument.loop}${argument.field !== undefined ? `:${argument.field}` : ''}`;
    case 'collected':
      return `collected:${argument.task}:${argument.output}`;
    default:
      return `other:${argument.kind}`;
  }
}

export function sourceOptions(document: PipelineDocument, taskId: string, input: PortSpec, current: Argument | undefined): SourceOption[] {
  const options: SourceOption[] = [{ value: 'none', label: input.default !== undefined ? 'Default value' : 'Not set', argument: null }];
  // Picked but not typed yet: null, which the validator reports as unfilled for a required input.
  if (input.type.kind === 'parameter') options.push({ value: 'constant', label: 'Constant value', argument: { kind: 'constant', value: null } });
  for (const parameter of document.graph.inputs) {
    if (checkCompatibility(parameter.type, input.type) === undefined) {
      options.push({ value: `param:${parameter.name}`, label: `Parameter ${parameter.name}`, argument: { kind: 'graphInput', input: parameter.name } });
    }
  }
  const index = graphIndex(document.graph);
  const readerChain = index.taskChain(taskId);
  const downstream = index.downstreamOf(taskId);
  const collected: SourceOption[] = [];
  for (const task of index.tasks.values()) {
    const component = own(document.components, task.component);
    const reach = index.reachOf(task.id, readerChain);
    if (reach === 'none' || downstream.has(task.id)) continue;
    for (const output of component?.outputs ?? []) {
      if (reach === 'collected') {
        if (checkCompatibility(collectedType(output.type), input.type) === undefined) {
          const loop = loopAround(document, index.outsideOf(task.id, readerChain));
          collected.push({ value: `collected:${task.id}:${output.name}`, label: `${taskLabel(task)} → ${output.name}, collected over ${loop}`, argument: { kind: 'collected', task: task.id, output: output.name } });
        }
        continue;
      }
      const wire = { source: task.id, sourceHandle: outputHandle(output.name), target: taskId, targetHandle: inputHandle(input.name) };
      if (checkWire(document, wire) === undefined) {
        options.push({ value: `out:${task.id}:${output.name}`, label: `${taskLabel(task)} → ${output.name}`, argument: { kind: 'taskOutput', task: task.id, output: output.name } });
      }
    }
  }
  options.push(...collected);
  for (const loop of index.enclosingLoops(own(document.graph.tasks, taskId)?.parent)) {
    options.push({ value: `loop:${loop}`, label: `Loop item of ${own(document.graph.groups, loop)?.displayName || loop}`, argument: { kind: 'loopItem', loop } });
  }
  const value = sourceValue(current);
  if (current && !options.some((o) => o.value === value)) options.push({ value, label: `Current (${current.kind})`, argument: current });
  return options;
}

/** What a collected output carries: a parameter becomes a List, an artifact a list of that artifact. */
export function collectedType(type: KfpType): KfpType {
  return type.kind === 'parameter' ? { kind: 'parameter', type: 'LIST' } : { ...type, isList: true };
}

/** `loop 'shards'`: the outermost container around the producer that the reader is outside of (a parallel-for). */
function loopAround(document: PipelineDocument, loop: string | undefined): string {
  const group = loop === undefined ? undefined : own(document.graph.groups, loop);
  return `loop '${group?.displayName || loop}'`;
}

/** Sources for a comparison side or a loop's items: a constant, parameters, upstream parameter outputs, loop items. */
export function valueOptions(document: PipelineDocument, container: string | undefined, current: Argument | undefined, listsOnly = false): SourceOption[] {
  const options: SourceOption[] = [{ value: 'constant', label: listsOnly ? 'Constant list' : 'Constant value', argument: { kind: 'constant', value: listsOnly ? [] : '' } }];
  const fits = (type: PortSpec['type']) => type.kind === 'parameter' && (!listsOnly || type.type === 'LIST');
  for (const parameter of document.graph.inputs) {
    if (fits(parameter.type)) options.push({ value: `param:${parameter.name}`, label: `Parameter ${parameter.name}`, argument: { kind: 'graphInput', input: parameter.name } });
  }
  const index = graphIndex(document.graph);
  for (const task of index.tasks.values()) {
    for (const output of own(document.components, task.component)?.outputs ?? []) {
      if (fits(output.type)) options.push({ value: `out:${task.id}:${output.name}`, label: `${taskLabel(task)} → ${output.name}`, argument: { kind: 'taskOutput', task: task.id, output: output.name } });
    }
  }
  for (const loop of index.enclosingLoops(container)) options.push({ value: `loop:${loop}`, label: `Loop item of ${loop}`, argument: { kind: 'loopItem', loop } });
  const value = sourceValue(current);
  if (current && !options.some((o) => o.value === value)) options.push({ value, label: `Current (${current.kind})`, argument: current });
  return options;
}

const STRING: KfpType = { kind: 'parameter', type: 'STRING' };

/**
 * Where a secret's, config map's or claim's name can come from at run time: typed in (no argument), a String pipeline
 * parameter, a String output of a task this one may read, or the item of a loop around it.
 */
export function nameSourceOptions(document: PipelineDocument, taskId: string, current: Argument | undefined, accepts: readonly KfpType[] = [STRING]): SourceOption[] {
  const options: SourceOption[] = [{ value: 'none', label: 'Typed name', argument: null }];
  const fits = (type: KfpType) => accepts.some((a) => checkCompatibility(type, a) === undefined);
  for (const parameter of document.graph.inputs) {
    if (fits(parameter.type)) options.push({ value: `param:${parameter.name}`, label: `Parameter ${parameter.name}`, argument: { kind: 'graphInput', input: parameter.name } });
  }
  const index = graphIndex(document.graph);
  const readerChain = index.taskChain(taskId);
  const downstream = index.downstreamOf(taskId);
  for (const task of index.tasks.values()) {
    if (downstream.has(task.id) || index.reachOf(task.id, readerChain) !== 'plain') continue;
    for (const output of own(document.components, task.component)?.outputs ?? []) {
      if (fits(output.type)) options.push({ value: `out:${task.id}:${output.name}`, label: `${taskLabel(task)} → ${output.name}`, argument: { kind: 'taskOutput', task: task.id, output: output.name } });
    }
  }
  for (const loop of index.enclosingLoops(own(document.graph.tasks, taskId)?.parent)) options.push({ value: `loop:${loop}`, label: `Loop item of ${own(document.graph.groups, loop)?.displayName || loop}`, argument: { kind: 'loopItem', loop } });
  const value = sourceValue(current);
  if (current && !options.some((o) => o.value === value)) options.push({ value, label: `Current (${current.kind})`, argument: current });
  return options;
}

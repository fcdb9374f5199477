// Each task against its component: the component exists, every argument feeds a declared input with a value of the
// right type, and every required input gets one.
import type { Argument, KfpType, PortSpec, Task } from '../../model/document';
import { typeLabel } from '../../types/type-compat';
import { resolveArgument, type Consumer } from '../argument-resolve';
import type { ValidationIndex } from '../validation-index';
import { argumentsOf } from '../validation-index';
import type { Report, Site } from '../report';
import { isRecord, quote } from '../../model/shape';
import { describeValue, expectedValue, isKfpType, valueMatches } from '../value-type';

/**
 * The reader of a task input. Its name and location for messages are built only when a message needs them, and one
 * reader serves a whole pass, moved to each input in turn (a check keeps nothing of it): validate runs on every edit.
 */
class TaskInput implements Consumer {
  task = '';
  port = '';
  chain: readonly string[] = [];

  moveTo(task: string, port: string, chain: readonly string[]): this {
    this.task = task;
    this.port = port;
    this.chain = chain;
    return this;
  }

  get site(): Site {
    return { task: this.task, port: this.port };
  }

  get what(): string {
    return `Input ${quote(this.port)} of task ${quote(this.task)}`;
  }
}

function checkConstant(report: Report, input: TaskInput, port: PortSpec, type: KfpType, value: unknown): void {
  if (type.kind === 'artifact') {
    report.add('KFS203', `${input.what} is a ${typeLabel(type)} artifact and cannot take a constant: connect it to an upstream output${port.optional ? ' or leave it empty' : ''}.`, input.site);
    return;
  }
  if (value === null || value === undefined) {
    if (port.optional || port.default !== undefined) return;
    // An empty constant (picked, nothing typed) is not a value: the input is still unfilled.
    report.add('KFS201', `${input.what} is required and its constant is empty: type ${expectedValue(type.type)}${type.type === 'STRING' ? ' (type "" for empty text on purpose)' : ''}, or connect a source.`, input.site);
    return;
  }
  if (type.type === 'TASK_FINAL_STATUS') {
    report.add('KFS203', `${input.what} receives the final status of an exit handler's group and cannot take a constant: connect the task final status.`, input.site);
    return;
  }
  if (!valueMatches(value as never, type.type)) {
    report.add('KFS203', `${input.what} expects ${expectedValue(type.type)} (${typeLabel(type)}) but is set to ${describeValue(value)}: change the value.`, input.site);
  }
}

function checkTask(ix: ValidationIndex, report: Report, reader: TaskInput, id: string, task: Task): void {
  const componentId = task.component;
  const ports = ix.portsOf(componentId);
  // The task is at hand: its chain is its parent's (no lookup of the task by id; none at all for a top-level task).
  const chain = ix.chainOf(task.parent);
  const args = argumentsOf(task);
  if (!ports) {
    report.add('KFS401', `Task ${quote(id)} uses component ${quote(componentId)}, which is not in this pipeline: import the component again or pick another one for the task.`, { task: id, field: 'component' });
  }
  for (const name of Object.keys(args)) {
    const argument = args[name] as Argument;
    const input = reader.moveTo(id, name, chain);
    const port = ports?.inputs.get(name);
    if (ports && !port) {
      const names = [...(ports?.inputs.keys() ?? [])];
      report.add(
        'KFS202',
        `Task ${quote(id)} sets input ${quote(name)}, which component ${quote(componentId)} does not have` +
          (names.length ? ` (its inputs: ${names.map(quote).join(', ')}): remove the argument or rename it.` : ': remove the argument.'),
        input.site,
      );
    }
    const portType = port && isKfpType(port.type) ? port.type : undefined;
    if (isRecord(argument) && argument.kind === 'constant') {
      if (port && portType) checkConstant(report, input, port, portType, argument.value);
      continue;
    }
    const type = resolveArgument(ix, report, argument, input);
    if (type && portType) {
      const problem = ix.compat(type, portType);
      if (problem) report.add('KFS204', `${input.what} has a type mismatch: ${problem}. Connect a source of type ${typeLabel(portType)} instead.`, input.site);
    }
  }
  if (!ports) return;
  for (const name of ports.required) {
    if (Object.hasOwn(args, name)) continue;
    const sources = ix.graphId === undefined ? 'a pipeline parameter' : 'an input of the sub-pipeline';
    report.add('KFS201', `Input ${quote(name)} of task ${quote(id)} is required: connect an upstream output, ${sources} or set a constant.`, { task: id, port: name });
  }
}

export function checkArguments(ix: ValidationIndex, report: Report): void {
  const reader = new TaskInput();
  ix.tasks.forEach((task, id) => checkTask(ix, report, reader, id, task));
}

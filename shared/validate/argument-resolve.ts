// Follows one argument to what it refers to: reports dangling references and references that cross a condition,
// loop or exit handler the way the KFP SDK refuses (compiler_utils.get_dependencies and the dsl.Collected /
// dsl.OneOf checks), and returns the type the argument carries, when it can be known.
import type { ErrorCode } from '../errors/codes';
import type { Argument, KfpType, Task, TemplatePart } from '../model/document';
import type { ValidationIndex } from './validation-index';
import { commonDepth } from '../model/graph-index';
import type { Report, Site } from './report';
import { isRecord, listOf, quote, text } from '../model/shape';
import { typeOfValue, isKfpType, sameType } from './value-type';
import { typeLabel } from '../types/type-compat';

/** Who reads the argument: a task input, a group (loop items, a branch condition) or a graph output. */
export interface Consumer {
  /** `Input 'x' of task 't'`, `The items of loop 'l'`, ...: starts the messages. */
  what: string;
  site: Site;
  /** Containers the reading happens in, outermost first. */
  chain: readonly string[];
  task?: string;
  group?: string;
  /** Problems with a graph output's source all carry KFS107. */
  output?: boolean;
}

export function graphInputLabel(ix: ValidationIndex, name: string): string {
  return ix.graphId === undefined ? `pipeline parameter ${quote(name)}` : `input ${quote(name)} of sub-pipeline ${quote(ix.graphId)}`;
}

function containerLabel(ix: ValidationIndex, id: string): string {
  const kind = ix.containerKind(id);
  if (kind === 'branch') {
    const conditionId = ix.branches.get(id)?.conditionId;
    return `branch ${quote(id)}${conditionId ? ` of condition ${quote(conditionId)}` : ''}`;
  }
  if (kind === 'parallelFor') return `parallel-for ${quote(id)}`;
  if (kind === 'exitHandler') return `exit handler ${quote(id)}`;
  return `condition ${quote(id)}`;
}

/** The producer task of a reference, or undefined after reporting why there is none. */
function producerOf(ix: ValidationIndex, report: Report, consumer: Consumer, code: (c: ErrorCode) => ErrorCode, task: unknown, output: unknown): { task: Task; id: string; type?: KfpType } | undefined {
  const id = text(task);
  const out = text(output);
  const producer = typeof task === 'string' ? ix.tasks.get(task) : undefined;
  if (!producer) {
    const isGroup = ix.groups.has(id) || ix.branches.has(id);
    report.add(
      code('KFS102'),
      isGroup
        ? `${consumer.what} reads from ${quote(id)}, which is a group, not a task: connect it to an output of a task.`
        : `${consumer.what} reads output ${quote(out)} of task ${quote(id)}, which does not exist: reconnect it to an existing task or remove the connection.`,
      consumer.site,
    );
    return undefined;
  }
  const ports = ix.portsOf(text(producer.component));
  if (!ports) return { task: producer, id };
  const port = typeof output === 'string' ? ports.outputs.get(output) : undefined;
  if (!port) {
    const names = [...ports.outputs.keys()];
    report.add(
      code('KFS102'),
      `${consumer.what} reads output ${quote(out)} of task ${quote(id)}, but its component ${quote(producer.component)} has no such output` +
        (names.length ? ` (it has ${names.map(quote).join(', ')}): pick one of those.` : ' (it has no outputs): connect another task.'),
      consumer.site,
    );
    return undefined;
  }
  return { task: producer, id, type: isKfpType(port.type) ? port.type : undefined };
}

/** A group that reads an output of a task inside itself waits on its own contents. */
function readsFromInside(ix: ValidationIndex, report: Report, consumer: Consumer, producerId: string): boolean {
  if (consumer.group === undefined || !ix.taskChain(producerId).includes(consumer.group)) return false;
  report.add(
    consumer.output ? 'KFS107' : 'KFS101',
    `${consumer.what} reads from task ${quote(producerId)}, which runs inside it: that is a cycle. Take the value from a task outside the group.`,
    consumer.site,
  );
  return true;
}

/** False (after reporting) when the consumer cannot see the producer's output. */
function checkPlainScope(ix: ValidationIndex, report: Report, consumer: Consumer, code: (c: ErrorCode) => ErrorCode, producerId: string, output: string): boolean {
  const outer = ix.outsideOf(producerId, consumer.chain);
  if (outer === undefined) return true;
  const kind = ix.containerKind(outer);
  const reads = `${consumer.what} reads output ${quote(output)} of task ${quote(producerId)}, which sits inside ${containerLabel(ix, outer)}`;
  if (kind === 'parallelFor') {
    report.add(code('KFS104'), `${reads} and runs once per item: gather its outputs with a collected connection, or move the reader into the same loop.`, consumer.site);
  } else if (kind === 'exitHandler') {
    report.add(code('KFS104'), `${reads}: only tasks inside that exit handler can read it. Move the reader into the exit handler.`, consumer.site);
  } else {
    report.add(code('KFS104'), `${reads} and may not run: move the reader into the same branch, or use a oneOf over outputs from every branch of the condition.`, consumer.site);
  }
  return false;
}

function checkCollectedScope(ix: ValidationIndex, report: Report, consumer: Consumer, code: (c: ErrorCode) => ErrorCode, producerId: string): void {
  const producerChain = ix.taskChain(producerId);
  const depth = commonDepth(producerChain, consumer.chain);
  const uncommon = producerChain.slice(depth);
  if (!uncommon.some((id) => ix.containerKind(id) === 'parallelFor')) {
    report.add(
      code('KFS104'),
      `${consumer.what} collects the outputs of task ${quote(producerId)}, which is not inside a parallel-for that the reader is outside of: use a plain connection instead.`,
      consumer.site,
    );
    return;
  }
  const outer = uncommon[0] as string;
  if (ix.containerKind(outer) !== 'parallelFor') {
    report.add(
      code('KFS104'),
      `${consumer.what} collects the outputs of task ${quote(producerId)}, but its loop sits inside ${containerLabel(ix, outer)}, which may not run: move the reader into ${quote(outer)} too.`,
      consumer.site,
    );
  }
}

function resolveOneOf(ix: ValidationIndex, report: Report, consumer: Consumer, code: (c: ErrorCode) => ErrorCode, sources: unknown): KfpType | undefined {
  const list = listOf(sources as unknown[]);
  if (list.length === 0) {
    report.add(code('KFS102'), `${consumer.what} is a oneOf with no sources: add an output from each branch of the condition.`, consumer.site);
    return undefined;
  }
  const found: { id: string; output: string; task: Task; type?: KfpType }[] = [];
  for (const source of list) {
    const s = isRecord(source) ? source : {};
    const producer = producerOf(ix, report, consumer, code, s.task, s.output);
    if (producer) found.push({ ...producer, output: text(s.output) });
  }
  if (found.length !== list.length) return found[0]?.type;
  if (found.some((f) => readsFromInside(ix, report, consumer, f.id))) return undefined;

  let conditionId: string | undefined;
  const perBranch = new Map<string, string>();
  for (const f of found) {
    const branchId = typeof f.task.parent === 'string' && ix.branches.has(f.task.parent) ? f.task.parent : undefined;
    const owner = branchId ? ix.branches.get(branchId)?.conditionId : undefined;
    if (!branchId || !owner) {
      report.add(code('KFS104'), `${consumer.what} is a oneOf over task ${quote(f.id)}, which is not directly inside a branch of a condition: use a plain connection, or move the task into a branch.`, consumer.site);
      return f.type;
    }
    if (conditionId === undefined) conditionId = owner;
    else if (conditionId !== owner) {
      report.add(code('KFS104'), `${consumer.what} is a oneOf over tasks from different conditions (${quote(conditionId)} and ${quote(owner)}): take one output from each branch of a single condition.`, consumer.site);
      return f.type;
    }
    const previous = perBranch.get(branchId);
    if (previous !== undefined) {
      report.add(code('KFS104'), `${consumer.what} is a oneOf with two sources from branch ${quote(branchId)} (tasks ${quote(previous)} and ${quote(f.id)}): keep one per branch.`, consumer.site);
    } else perBranch.set(branchId, f.id);
  }
  const condition = conditionId !== undefined ? ix.groups.get(conditionId) : undefined;
  if (condition?.kind === 'condition' && conditionId !== undefined) {
    const branches = listOf(condition.branches).filter(isRecord);
    const missing = branches.filter((b) => !perBranch.has(b.id)).map((b) => quote(b.id));
    if (missing.length) {
      report.add(code('KFS104'), `${consumer.what} is a oneOf with no source from ${missing.length > 1 ? 'branches' : 'branch'} ${missing.join(', ')} of condition ${quote(conditionId)}: add an output from every branch.`, consumer.site);
    }
    const last = branches.at(-1);
    if (last && last.when !== undefined) {
      report.add(code('KFS104'), `${consumer.what} is a oneOf over condition ${quote(conditionId)}, which has no else branch, so no output may exist at run time: add an else branch with a source.`, consumer.site);
    }
    if (consumer.chain.includes(conditionId)) {
      report.add(code('KFS104'), `${consumer.what} is a oneOf over condition ${quote(conditionId)} but sits inside that condition: a oneOf is read after the condition, outside it.`, consumer.site);
    } else {
      const around = ix.groupAncestors(conditionId);
      if (commonDepth(around, consumer.chain) < around.length) {
        const outer = around[commonDepth(around, consumer.chain)] as string;
        report.add(code('KFS104'), `${consumer.what} is a oneOf over condition ${quote(conditionId)}, which sits inside ${containerLabel(ix, outer)} that does not hold the reader: move the reader into ${quote(outer)}.`, consumer.site);
      }
    }
  }
  const first = found[0];
  if (first?.type) {
    const other = found.find((f) => f.type && !sameType(f.type, first.type as KfpType));
    if (other?.type) {
      report.add(
        code('KFS204'),
        `${consumer.what} is a oneOf whose sources differ in type: ${quote(first.id)} gives ${typeLabel(first.type)} but ${quote(other.id)} gives ${typeLabel(other.type)}. Use outputs of one type.`,
        consumer.site,
      );
    }
  }
  return first?.type;
}

/** The type of one loop's item (or of one field of it), when it can be known. */
export function loopItemType(ix: ValidationIndex, loopId: string, field: string | undefined): KfpType | undefined {
  const loop = ix.groups.get(loopId);
  if (loop?.kind !== 'parallelFor' || !isRecord(loop.items)) return undefined;
  const items = loop.items as Argument;
  if (items.kind === 'constant') {
    if (!Array.isArray(items.value) || items.value.length === 0) return undefined;
    let type: KfpType | undefined;
    for (const element of items.value) {
      const value = field === undefined ? element : isRecord(element) ? element[field] : undefined;
      const t = typeOfValue(value);
      if (!t) return undefined;
      if (type && !sameType(type, t)) {
        // Integers and decimals mixed in one list are all numbers.
        if (type.kind === 'parameter' && t.kind === 'parameter' && [type.type, t.type].every((x) => x === 'NUMBER_INTEGER' || x === 'NUMBER_DOUBLE')) {
          type = { kind: 'parameter', type: 'NUMBER_DOUBLE' };
          continue;
        }
        return undefined;
      }
      type = type ?? t;
    }
    return type;
  }
  if (field !== undefined) return undefined;
  if (items.kind === 'taskOutput' || items.kind === 'collected') {
    const producer = ix.tasks.get(items.task);
    const component = producer ? ix.component(producer.component) : undefined;
    const port = component ? ix.ports(component).outputs.get(items.output) : undefined;
    if (items.kind === 'taskOutput' && port && isKfpType(port.type) && port.type.kind === 'artifact' && port.type.isList) return { ...port.type, isList: false };
    if (items.kind === 'collected' && port && isKfpType(port.type) && port.type.kind === 'artifact' && !port.type.isList) return port.type;
  }
  return undefined;
}

function resolveLoopItem(ix: ValidationIndex, report: Report, consumer: Consumer, code: (c: ErrorCode) => ErrorCode, loop: unknown, field: unknown): KfpType | undefined {
  const id = text(loop);
  const group = typeof loop === 'string' ? ix.groups.get(loop) : undefined;
  if (group?.kind !== 'parallelFor') {
    report.add(code('KFS108'), `${consumer.what} uses the item of ${quote(id)}, which is not a parallel-for: choose the loop it sits in, or another source.`, consumer.site);
    return undefined;
  }
  if (!consumer.chain.includes(id)) {
    report.add(code('KFS108'), `${consumer.what} uses the item of parallel-for ${quote(id)} but is not inside that loop: move it into the loop, or choose another source.`, consumer.site);
    return undefined;
  }
  const fieldName = typeof field === 'string' ? field : undefined;
  const items = isRecord(group.items) ? (group.items as Argument) : undefined;
  if (fieldName !== undefined && items?.kind === 'constant' && Array.isArray(items.value)) {
    const lacking = items.value.findIndex((element) => !isRecord(element) || !Object.hasOwn(element, fieldName));
    if (lacking >= 0) {
      report.add(code('KFS108'), `${consumer.what} uses field ${quote(fieldName)} of the items of parallel-for ${quote(id)}, but item ${lacking + 1} has no such field: add it to every item, or use the whole item.`, consumer.site);
      return undefined;
    }
  }
  return loopItemType(ix, id, fieldName);
}

/** Problems with a graph output's source all carry KFS107; others their own code (two functions, not a closure per call). */
const ownCode = (c: ErrorCode): ErrorCode => c;
const outputCode = (): ErrorCode => 'KFS107';

/**
 * Checks what a non-constant argument refers to and returns the type it carries (undefined when unknown
 * or broken). Constants are the caller's to check against the port they feed.
 */
export function resolveArgument(ix: ValidationIndex, report: Report, argument: Argument, consumer: Consumer): KfpType | undefined {
  const code = consumer.output ? outputCode : ownCode;
  if (!isRecord(argument)) {
    report.add(code('KFS102'), `${consumer.what} has a connection that is not valid: remove it and connect it again.`, consumer.site);
    return undefined;
  }
  switch (argument.kind) {
    case 'constant':
      return typeOfValue(argument.value);
    case 'graphInput': {
      const port = typeof argument.input === 'string' ? ix.inputs.get(argument.input) : undefined;
      if (!port) {
        report.add(
          code('KFS304'),
          `${consumer.what} uses ${graphInputLabel(ix, text(argument.input))}, which is not defined: add it ${ix.graphId === undefined ? 'to the pipeline parameters' : 'to the sub-pipeline inputs'}, or choose another source.`,
          consumer.site,
        );
        return undefined;
      }
      ix.usedInputs.add(argument.input);
      return isKfpType(port.type) ? port.type : undefined;
    }
    case 'taskOutput': {
      const producer = producerOf(ix, report, consumer, code, argument.task, argument.output);
      if (!producer || readsFromInside(ix, report, consumer, producer.id)) return undefined;
      // A type check on a connection that must change anyway would only add noise.
      return checkPlainScope(ix, report, consumer, code, producer.id, text(argument.output)) ? producer.type : undefined;
    }
    case 'collected': {
      const producer = producerOf(ix, report, consumer, code, argument.task, argument.output);
      if (!producer || readsFromInside(ix, report, consumer, producer.id)) return undefined;
      checkCollectedScope(ix, report, consumer, code, producer.id);
      if (!producer.type) return undefined;
      return producer.type.kind === 'parameter' ? { kind: 'parameter', type: 'LIST' } : { ...producer.type, isList: true };
    }
    case 'oneOf':
      return resolveOneOf(ix, report, consumer, code, argument.sources);
    case 'loopItem':
      return resolveLoopItem(ix, report, consumer, code, argument.loop, argument.field);
    case 'taskFinalStatus':
      if (consumer.task === undefined || !ix.exitTasks.has(consumer.task)) {
        report.add(
          code('KFS206'),
          `${consumer.what} takes the final status of a task group, which only the exit task of an exit handler receives: make ${consumer.task !== undefined ? `task ${quote(consumer.task)}` : 'it'} an exit task, or choose another source.`,
          consumer.site,
        );
        return undefined;
      }
      return { kind: 'parameter', type: 'TASK_FINAL_STATUS' };
    case 'template':
      return resolveTemplate(ix, report, argument.parts, argument.format, consumer);
    default:
      report.add(code('KFS102'), `${consumer.what} has a connection of unknown kind ${quote((argument as { kind?: unknown }).kind)}: remove it and connect it again.`, consumer.site);
      return undefined;
  }
}

/** Each value in a template is read like a connection of its own and turned into text, so it must be a parameter. */
function resolveTemplate(ix: ValidationIndex, report: Report, parts: readonly TemplatePart[], format: 'json' | undefined, consumer: Consumer): KfpType | undefined {
  const code: ErrorCode = consumer.output ? 'KFS107' : 'KFS204';
  for (const part of listOf(parts)) {
    if (typeof part === 'string') continue;
    if (isRecord(part) && (part as { kind?: unknown }).kind === 'template') {
      report.add(consumer.output ? 'KFS107' : 'KFS102', `${consumer.what} has a text template inside a text template: flatten it into one.`, consumer.site);
      continue;
    }
    const type = resolveArgument(ix, report, part as Argument, consumer);
    if (type?.kind === 'artifact') {
      report.add(code, `${consumer.what} puts artifact ${typeLabel(type)} into text: only parameters can be written into text. Use the artifact's URI in the component instead.`, consumer.site);
    }
  }
  // A JSON template spells a structured value whose type the parts decide at run time.
  return format === 'json' ? undefined : { kind: 'parameter', type: 'STRING' };
}

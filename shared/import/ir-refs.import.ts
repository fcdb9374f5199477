// How an IR input refers to its value (`componentInputParameter`, `taskOutputParameter`, `runtimeValue`, ...) →
// a model Argument, through the scope of the DAG it sits in and back out of the sub-DAGs that surface outputs.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { Argument, JsonValue } from '../model/document';
import type { IrMap } from './ir-ports.import';
import { isMap, mapAt } from './ir-ports.import';
import { own } from '../names/names';

/** IR input name (`x`, `pipelinechannel--t-o`) → the value it carries, for one DAG. */
export type Scope = Map<string, Argument>;

export interface GroupInfo {
  kind: 'loop' | 'condition' | 'branches' | 'exit';
  component: IrMap;
}

export class RefResolver {
  /** IR group name → its kind and sub-DAG component (all groups of the graph, registered before resolving). */
  readonly groups = new Map<string, GroupInfo>();

  constructor(
    readonly tasks: Set<string>,
    private readonly where: Location,
  ) {}

  /** `port`, when given, is added to `where` in a refusal: the location is made only then (an import resolves every input). */
  resolve(ref: unknown, scope: Scope, base: Location, port?: string): Argument {
    if (port !== undefined && isMap(ref)) {
      const fast = this.resolveKnown(ref, scope);
      if (fast !== undefined) return fast;
    }
    const where = port === undefined ? base : { ...base, port };
    const r = mapAt(ref, 'input', where);
    let arg: Argument;
    if (isMap(r.runtimeValue)) {
      arg = { kind: 'constant', value: (r.runtimeValue.constant ?? null) as JsonValue };
    } else if (typeof r.componentInputParameter === 'string' || typeof r.componentInputArtifact === 'string') {
      const name = (r.componentInputParameter ?? r.componentInputArtifact) as string;
      const found = scope.get(name);
      if (!found) throw new KfsError('KFS611', `Input "${name}" is not defined where it is used.`, where);
      arg = found;
    } else if (isMap(r.taskOutputParameter) || isMap(r.taskOutputArtifact)) {
      const spec = (r.taskOutputParameter ?? r.taskOutputArtifact) as IrMap;
      const producer = spec.producerTask;
      const key = spec.outputParameterKey ?? spec.outputArtifactKey;
      if (typeof producer !== 'string' || typeof key !== 'string') {
        throw new KfsError('KFS610', 'A task output reference needs producerTask and the output key.', where);
      }
      arg = this.output(producer, key, where);
    } else if (isMap(r.taskFinalStatus)) {
      arg = { kind: 'taskFinalStatus' };
    } else {
      throw new KfsError('KFS612', `Input form ${Object.keys(r).join(', ') || '(empty)'} is not supported.`, where);
    }
    if (typeof r.parameterExpressionSelector === 'string') arg = withSelector(arg, r.parameterExpressionSelector, where);
    return arg;
  }

  /** The common forms that cannot be refused (a constant, a defined input, a task's output), else undefined. */
  private resolveKnown(r: IrMap, scope: Scope): Argument | undefined {
    if (typeof r.parameterExpressionSelector === 'string') return undefined;
    if (isMap(r.runtimeValue)) return { kind: 'constant', value: (r.runtimeValue.constant ?? null) as JsonValue };
    if (typeof r.componentInputParameter === 'string' || typeof r.componentInputArtifact === 'string') {
      const name = r.componentInputParameter ?? r.componentInputArtifact;
      return typeof name === 'string' ? scope.get(name) : undefined;
    }
    const spec = r.taskOutputParameter ?? r.taskOutputArtifact;
    if (!isMap(spec)) return undefined;
    const producer = spec.producerTask;
    const key = spec.outputParameterKey ?? spec.outputArtifactKey;
    return typeof producer === 'string' && typeof key === 'string' && this.tasks.has(producer) ? { kind: 'taskOutput', task: producer, output: key } : undefined;
  }

  /** The value of output `key` of `producer` (a task, or a group that surfaces an inner output). */
  output(producer: string, key: string, where: Location): Argument {
    if (this.tasks.has(producer)) return { kind: 'taskOutput', task: producer, output: key };
    const group = this.groups.get(producer);
    if (!group) throw new KfsError('KFS611', `Output "${key}" refers to unknown task "${producer}".`, where);
    const dag = mapAt(group.component.dag, 'dag', where);
    const outputs = mapAt(dag.outputs, 'dag.outputs', where);
    const spec = own(mapAt(outputs.parameters, 'parameters', where), key) ?? own(mapAt(outputs.artifacts, 'artifacts', where), key);
    if (!isMap(spec)) throw new KfsError('KFS611', `Group ${producer} has no output "${key}".`, where);
    let inner: Argument;
    if (isMap(spec.valueFromParameter)) {
      inner = this.selected(spec.valueFromParameter, 'outputParameterKey', where);
    } else if (isMap(spec.valueFromOneof) || Array.isArray(spec.artifactSelectors)) {
      const selectors = isMap(spec.valueFromOneof) ? spec.valueFromOneof.parameterSelectors : spec.artifactSelectors;
      if (!Array.isArray(selectors) || selectors.length === 0) throw new KfsError('KFS610', `Output ${key} of ${producer} selects nothing.`, where);
      const keyField = isMap(spec.valueFromOneof) ? 'outputParameterKey' : 'outputArtifactKey';
      const sources = selectors.map((s) => this.selected(s, keyField, where));
      if (sources.length === 1 && !isMap(spec.valueFromOneof)) inner = sources[0] as Argument;
      else {
        inner = {
          kind: 'oneOf',
          sources: sources.map((s) => {
            if (s.kind !== 'taskOutput') throw new KfsError('KFS612', 'A oneOf source must be a task output.', where);
            return { task: s.task, output: s.output };
          }),
        };
      }
    } else {
      throw new KfsError('KFS612', `Output ${key} of ${producer} has an unsupported form.`, where);
    }
    if (group.kind !== 'loop') return inner;
    if (inner.kind === 'taskOutput' || inner.kind === 'collected') return { kind: 'collected', task: inner.task, output: inner.output };
    throw new KfsError('KFS612', `Output ${key} of loop ${producer} cannot be collected.`, where);
  }

  private selected(selector: unknown, keyField: string, where: Location): Argument {
    const s = mapAt(selector, 'selector', where);
    if (typeof s.producerSubtask !== 'string' || typeof s[keyField] !== 'string') {
      throw new KfsError('KFS610', `An output selector needs producerSubtask and ${keyField}.`, where);
    }
    return this.output(s.producerSubtask, s[keyField] as string, where);
  }

  get location(): Location {
    return this.where;
  }
}

function withSelector(arg: Argument, selector: string, where: Location): Argument {
  const match = /^parseJson\(string_value\)\[("(?:[^"\\]|\\.)*")\]$/.exec(selector);
  if (!match || arg.kind !== 'loopItem' || arg.field !== undefined) {
    throw new KfsError('KFS612', `parameterExpressionSelector "${selector}" is supported only on a loop item.`, where);
  }
  return { kind: 'loopItem', loop: arg.loop, field: JSON.parse(match[1] as string) as string };
}

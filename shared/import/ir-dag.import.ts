// One IR DAG (the root, or a nested pipeline component) → a model graph: its tasks, the groups its sub-DAGs stand
// for (loops, conditions and their branches, exit handlers), arguments resolved to edges, and the ordering
// edges that the data does not already imply.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import { CHANNEL_PREFIX } from '../compile/ir-names';
import type {
  Argument,
  ComponentSpec,
  ConditionBranch,
  Group,
  PipelineGraph,
  PortSpec,
  Task,
  TaskOptions,
} from '../model/document';
import { emptyGraph, PARAMETER_TYPES } from '../model/document';
import { own } from '../names/names';
import type { CelOperand, CelTerm } from './ir-condition.parse';
import { parseCondition } from './ir-condition.parse';
import type { IrMap } from './ir-ports.import';
import { isMap, mapAt } from './ir-ports.import';
import type { GroupInfo, Scope } from './ir-refs.import';
import { RefResolver } from './ir-refs.import';
import { followsOnFailure, groupKind, receivesStatusOf } from './ir-groups.import';
import { graphOutputs, taskArguments } from './ir-values.import';
import { resourceInputs } from './ir-resources.import';
import { platformValuesOf } from '../compile/platform-scheduling.compile';

const TASK_FIELDS = new Set([
  'componentRef',
  'taskInfo',
  'inputs',
  'dependentTasks',
  'cachingOptions',
  'triggerPolicy',
  'retryPolicy',
  'parameterIterator',
  'artifactIterator',
  'iteratorPolicy',
]);

export interface DagImportHooks {
  components: IrMap;
  /** The model component for an IR component used by a task, created on first use (nested pipelines recurse). */
  componentFor(
    irName: string,
    where: Location,
    resolve: (ref: unknown, scope: Scope) => Argument,
    scope: Scope,
  ): { key: string; component: ComponentSpec; options: TaskOptions };
}

export class DagImporter {
  private readonly graph: PipelineGraph = emptyGraph();
  private readonly refs: RefResolver;
  /** Ordering edges of groups beyond what data implies: given to the tasks inside as `after`. */
  private readonly groupAfter = new Map<string, string[]>();
  private readonly ids = new Set<string>();
  /** Exit handler groups by their exit task (the first one that names it), made before the task is read. */
  private readonly exitHandlerOf = new Map<string, Group>();

  constructor(
    private readonly hooks: DagImportHooks,
    private readonly where: Location,
  ) {
    this.refs = new RefResolver(new Set(), where);
  }

  importGraph(owner: IrMap, inputs: PortSpec[], outputPorts: PortSpec[]): PipelineGraph {
    const dag = mapAt(owner.dag, 'dag', this.where);
    this.register(dag);
    this.graph.inputs = inputs.map((p) => ({ ...p }));
    const scope: Scope = new Map(inputs.map((p) => [p.name, { kind: 'graphInput', input: p.name } as Argument]));
    this.walk(dag, undefined, scope);
    for (const [group, after] of this.groupAfter) {
      for (const task of Object.values(this.graph.tasks)) {
        if (this.isInside(task, group)) for (const a of after) if (!task.after.includes(a)) task.after.push(a);
      }
    }
    // Each task's `after` is its own fresh list: only one with two or more entries can hold a repeat.
    for (const task of Object.values(this.graph.tasks)) if (task.after.length > 1) task.after = [...new Set(task.after)];
    this.graph.outputs = graphOutputs(this.refs, dag, outputPorts, this.where);
    return this.graph;
  }

  private isInside(task: Task, group: string): boolean {
    const branchOwner = new Map<string, string>();
    for (const g of Object.values(this.graph.groups)) if (g.kind === 'condition') for (const b of g.branches) branchOwner.set(b.id, g.id);
    const seen = new Set<string>();
    for (let p = task.parent; p !== undefined && !seen.has(p); ) {
      if (p === group) return true;
      seen.add(p);
      p = branchOwner.get(p) ?? own(this.graph.groups, p)?.parent;
    }
    return false;
  }

  private claimId(id: string, where: Location): string {
    if (this.ids.has(id)) throw new KfsError('KFS612', `Name "${id}" is used twice in one pipeline graph.`, where);
    this.ids.add(id);
    return id;
  }

  private uniqueId(base: string): string {
    let id = base;
    const taken = (candidate: string) => this.ids.has(candidate) || this.refs.tasks.has(candidate) || this.refs.groups.has(candidate);
    for (let n = 2; taken(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }

  /** Sorts every IR task of the graph into a group or a task before any reference is resolved. */
  private register(dag: IrMap, inside: readonly string[] = []): void {
    const siblings = mapAt(dag.tasks, 'dag.tasks', this.where);
    for (const [name, raw] of Object.entries(siblings)) {
      const task = this.taskAt(raw, name);
      const componentName = this.componentName(name, task);
      const component = own(this.hooks.components, componentName);
      const kind = isMap(component) ? groupKind(name, task, component, siblings, this.hooks.components) : undefined;
      if (kind && isMap(component)) {
        if (inside.includes(componentName)) {
          throw new KfsError('KFS610', `Sub-DAG ${componentName} contains itself.`, { ...this.where, group: name });
        }
        this.refs.groups.set(name, { kind, component });
        this.register(mapAt(component.dag, 'dag', { ...this.where, group: name }), [...inside, componentName]);
      } else this.refs.tasks.add(name);
    }
  }

  /** An IR task's mapping; its location is made only for a refusal (an import reads every task more than once). */
  private taskAt(raw: unknown, name: string): IrMap {
    return isMap(raw) ? raw : mapAt(raw, `tasks.${name}`, { ...this.where, task: name });
  }

  private componentName(name: string, task: IrMap): string {
    const ref = isMap(task.componentRef) ? task.componentRef : mapAt(task.componentRef, 'componentRef', { ...this.where, task: name });
    if (typeof ref.name !== 'string') throw new KfsError('KFS610', `Task ${name} has no componentRef.name.`, { ...this.where, task: name });
    return ref.name;
  }

  private walk(dag: IrMap, parent: string | undefined, scope: Scope): void {
    const tasks = Object.entries(mapAt(dag.tasks, 'dag.tasks', this.where)).map(([name, raw]) => [name, this.taskAt(raw, name)] as const);
    for (const [name, task] of tasks) {
      if (this.refs.groups.has(name)) this.group(name, task, parent, scope, tasks);
    }
    for (const [name, task] of tasks) {
      if (!this.refs.groups.has(name)) this.task(name, task, parent, scope);
    }
  }

  private innerScope(name: string, task: IrMap, scope: Scope): Scope {
    const inner: Scope = new Map();
    const inputs = mapAt(task.inputs, 'inputs', { ...this.where, group: name });
    for (const bucket of ['parameters', 'artifacts']) {
      for (const [key, ref] of Object.entries(mapAt(inputs[bucket], bucket, { ...this.where, group: name }))) {
        inner.set(key, this.refs.resolve(ref, scope, { ...this.where, group: name, port: key }));
      }
    }
    return inner;
  }

  /** Producers named by a task's inputs: the ordering edges that its data already implies. */
  private impliedDeps(task: IrMap): Set<string> {
    const implied = new Set<string>();
    const inputs = isMap(task.inputs) ? task.inputs : {};
    for (const bucket of ['parameters', 'artifacts']) {
      const refs = isMap(inputs[bucket]) ? (inputs[bucket] as IrMap) : {};
      for (const ref of Object.values(refs)) {
        if (!isMap(ref)) continue;
        for (const field of ['taskOutputParameter', 'taskOutputArtifact', 'taskFinalStatus']) {
          const spec = ref[field];
          if (isMap(spec) && typeof spec.producerTask === 'string') implied.add(spec.producerTask);
        }
      }
    }
    return implied;
  }

  private explicitDeps(task: IrMap, where: Location, extraImplied: string[] = []): string[] {
    const deps = Array.isArray(task.dependentTasks) ? task.dependentTasks.filter((d): d is string => typeof d === 'string') : [];
    for (const dep of deps) {
      if (!this.refs.tasks.has(dep) && !this.refs.groups.has(dep)) {
        throw new KfsError('KFS611', `dependentTasks names "${dep}", which is not a task of this pipeline graph.`, { ...where, field: 'dependentTasks' });
      }
    }
    const implied = this.impliedDeps(task);
    for (const e of extraImplied) implied.add(e);
    return deps.filter((d) => !implied.has(d));
  }

  private displayName(name: string, task: IrMap): string | undefined {
    const info = isMap(task.taskInfo) ? task.taskInfo : {};
    return typeof info.name === 'string' && info.name !== name ? info.name : undefined;
  }

  private group(name: string, task: IrMap, parent: string | undefined, scope: Scope, siblings: readonly (readonly [string, IrMap])[]): void {
    const where = { ...this.where, group: name };
    const info = this.refs.groups.get(name) as GroupInfo;
    for (const field of Object.keys(task)) {
      if (!TASK_FIELDS.has(field)) throw new KfsError('KFS612', `Task field "${field}" is not supported.`, { ...where, field });
    }
    const id = this.claimId(name, where);
    const displayName = this.displayName(name, task);
    const base = { id, ...(displayName !== undefined ? { displayName } : {}), ...(parent !== undefined ? { parent } : {}) };
    const inner = this.innerScope(name, task, scope);
    const after = this.explicitDeps(task, where);
    if (after.length) this.groupAfter.set(id, after);
    const dag = mapAt(info.component.dag, 'dag', where);
    let group: Group;
    if (info.kind === 'loop') {
      group = this.loop(base, task, info.component, inner, where);
    } else if (info.kind === 'exit') {
      // The exit task is the follower that receives this group's final status; without one, any follower will do
      // (a task that ignores upstream failures compiles the same way).
      const followers = siblings.filter(([n, t]) => n !== name && followsOnFailure(t, name) && !this.refs.groups.has(n));
      const exitTask = followers.find(([, t]) => receivesStatusOf(t, name)) ?? followers[0];
      if (!exitTask) throw new KfsError('KFS612', `Exit handler ${name} has no exit task.`, where);
      group = { ...base, kind: 'exitHandler', exitTask: exitTask[0] };
      if (!this.exitHandlerOf.has(exitTask[0])) this.exitHandlerOf.set(exitTask[0], group);
    } else if (info.kind === 'condition') {
      const terms = this.condition(task, where);
      const own = terms.length === 1 && terms[0] && !terms[0].negated ? terms[0] : undefined;
      if (!own) throw new KfsError('KFS613', `Condition ${name} is not a single comparison.`, where);
      const branch: ConditionBranch = { id: this.uniqueId(`${name}-then`), when: this.comparison(own, inner, where) };
      group = { ...base, kind: 'condition', branches: [branch] };
      this.graph.groups[id] = group;
      this.walk(dag, branch.id, inner);
      return;
    } else {
      group = { ...base, kind: 'condition', branches: [] };
      this.graph.groups[id] = group;
      this.branches(group, dag, inner, where);
      return;
    }
    this.graph.groups[id] = group;
    this.walk(dag, id, inner);
  }

  private loop(base: { id: string; parent?: string }, task: IrMap, component: IrMap, inner: Scope, where: Location): Group {
    const iterator = mapAt(task.parameterIterator ?? task.artifactIterator, 'parameterIterator', where);
    const itemInput = iterator.itemInput;
    if (typeof itemInput !== 'string') throw new KfsError('KFS610', 'The loop iterator needs itemInput.', where);
    const items = mapAt(iterator.items, 'items', where);
    let itemsArg: Argument;
    if (typeof items.raw === 'string') {
      try {
        itemsArg = { kind: 'constant', value: JSON.parse(items.raw) as never };
      } catch {
        throw new KfsError('KFS610', `Loop items "${items.raw}" are not JSON.`, where);
      }
    } else {
      const channel = items.inputParameter ?? items.inputArtifact;
      const found = typeof channel === 'string' ? inner.get(channel) : undefined;
      if (!found) throw new KfsError('KFS611', 'The loop runs over an input it is not given.', where);
      itemsArg = found;
    }
    const defs = mapAt(component.inputDefinitions, 'inputDefinitions', where);
    const itemDef = own(mapAt(defs.parameters, 'parameters', where), itemInput);
    const itemType = isMap(itemDef) ? PARAMETER_TYPES.find((t) => t === itemDef.parameterType) : undefined;
    const policy = isMap(task.iteratorPolicy) ? task.iteratorPolicy : {};
    inner.set(itemInput, { kind: 'loopItem', loop: base.id });
    return {
      ...base,
      kind: 'parallelFor',
      items: itemsArg,
      ...(policy.parallelismLimit !== undefined ? { parallelism: Number(policy.parallelismLimit) } : {}),
      itemName: itemInput.startsWith(CHANNEL_PREFIX) ? itemInput.slice(CHANNEL_PREFIX.length) : itemInput,
      ...(itemType ? { itemType } : {}),
    };
  }

  private condition(task: IrMap, where: Location): CelTerm[] {
    const policy = mapAt(task.triggerPolicy, 'triggerPolicy', where);
    if (typeof policy.condition !== 'string') throw new KfsError('KFS610', 'A condition sub-DAG needs triggerPolicy.condition.', where);
    return parseCondition(policy.condition, { ...where, field: 'triggerPolicy.condition' });
  }

  private operand(op: CelOperand, scope: Scope, where: Location): Argument {
    if ('constant' in op) return { kind: 'constant', value: op.constant };
    const found = scope.get(op.input);
    if (!found) throw new KfsError('KFS611', `The condition reads "${op.input}", which the condition is not given.`, where);
    return found;
  }

  private comparison(term: CelTerm, scope: Scope, where: Location) {
    return {
      left: this.operand(term.comparison.left, scope, where),
      operator: term.comparison.operator,
      right: this.operand(term.comparison.right, scope, where),
    };
  }

  private branches(group: Extract<Group, { kind: 'condition' }>, dag: IrMap, scope: Scope, where: Location): void {
    const entries = Object.entries(mapAt(dag.tasks, 'dag.tasks', where)).map(([name, raw]) => {
      const task = mapAt(raw, `tasks.${name}`, { ...where, task: name });
      if (this.refs.groups.get(name)?.kind !== 'condition') {
        throw new KfsError('KFS612', `Task ${name} inside ${group.id} is not a condition branch.`, { ...where, task: name });
      }
      const terms = this.condition(task, { ...where, group: name });
      return { name, task, terms, negations: terms.filter((t) => t.negated).length };
    });
    entries.sort((a, b) => a.negations - b.negations || a.name.localeCompare(b.name, 'en', { numeric: true }));
    for (const { name, task, terms } of entries) {
      const bwhere = { ...where, group: name };
      const inner = this.innerScope(name, task, scope);
      const own = terms.filter((t) => !t.negated);
      if (own.length > 1) throw new KfsError('KFS613', `Branch ${name} tests more than one comparison.`, bwhere);
      const branch: ConditionBranch = { id: this.claimId(name, bwhere) };
      if (own[0]) branch.when = this.comparison(own[0], inner, bwhere);
      group.branches.push(branch);
      const after = this.explicitDeps(task, bwhere);
      if (after.length) this.groupAfter.set(name, after);
      this.walk(mapAt(mapAt(this.refs.groups.get(name)?.component, 'component', bwhere).dag, 'dag', bwhere), name, inner);
    }
  }

  private task(name: string, irTask: IrMap, parent: string | undefined, scope: Scope): void {
    const where = { ...this.where, task: name };
    for (const field of Object.keys(irTask)) {
      if (!TASK_FIELDS.has(field)) throw new KfsError('KFS612', `Task field "${field}" is not supported.`, { ...where, field });
    }
    if (irTask.parameterIterator !== undefined || irTask.artifactIterator !== undefined || irTask.iteratorPolicy !== undefined) {
      throw new KfsError('KFS612', 'An iterator on a task that is not a loop sub-DAG is not supported.', where);
    }
    const id = this.claimId(name, where);
    const { key, component, options } = this.hooks.componentFor(
      this.componentName(name, irTask),
      where,
      (ref, sc) => this.refs.resolve(ref, sc, where),
      scope,
    );
    const fromResources = resourceInputs(irTask, component, options.resources, (ref) => this.refs.resolve(ref, scope, where), where);
    const task = fromResources.task;
    const args = taskArguments(this.refs, task, component, scope, where);
    const policy = isMap(task.triggerPolicy) ? task.triggerPolicy : {};
    if (policy.condition !== undefined) throw new KfsError('KFS612', 'A condition on a single task is not supported.', where);
    const exitOf = this.exitHandlerOf.get(name);
    const isExit = exitOf !== undefined;
    const opts: TaskOptions = { ...options };
    if (fromResources.resources) opts.resources = fromResources.resources;
    const caching = isMap(task.cachingOptions) ? task.cachingOptions : undefined;
    for (const field of Object.keys(caching ?? {})) {
      if (field !== 'enableCache' && field !== 'cacheKey') throw new KfsError('KFS612', `Caching option "${field}" is not supported.`, { ...where, field });
    }
    if (typeof caching?.cacheKey === 'string') opts.cacheKey = caching.cacheKey;
    if (caching?.enableCache !== true) opts.caching = false;
    if (policy.strategy === 'ALL_UPSTREAM_TASKS_COMPLETED' && !isExit) opts.ignoreUpstreamFailure = true;
    if (isMap(task.retryPolicy)) {
      const r = task.retryPolicy;
      opts.retry = {
        maxRetryCount: Number(r.maxRetryCount ?? 0),
        ...(typeof r.backoffDuration === 'string' ? { backoffDuration: r.backoffDuration } : {}),
        ...(r.backoffFactor !== undefined ? { backoffFactor: Number(r.backoffFactor) } : {}),
        ...(typeof r.backoffMaxDuration === 'string' ? { backoffMaxDuration: r.backoffMaxDuration } : {}),
      };
    }
    const secretProducers = platformValuesOf(options).flatMap((v) => (v.kind === 'taskOutput' ? [v.task] : []));
    const after = this.explicitDeps(task, where, [...(exitOf ? [exitOf.id] : []), ...secretProducers]);
    const displayName = this.displayName(name, task);
    this.graph.tasks[id] = {
      id,
      component: key,
      ...(displayName !== undefined ? { displayName } : {}),
      ...(parent !== undefined ? { parent } : {}),
      arguments: args,
      after,
      options: opts,
    };
  }
}

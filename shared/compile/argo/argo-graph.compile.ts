// One graph (the pipeline, or a nested pipeline) as Argo DAG templates: a container template per task, a DAG template
// per scope (see argo-scopes.ts), values brought into scopes as template inputs, outputs surfaced out of them
// (a loop's outputs are gathered by Argo into a JSON list: `dsl.Collected`), `after` edges and data edges as
// `dependencies` between the DAG tasks that differ in the scope both share.
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { Argument, ComponentSpec, Group, PipelineDocument, PipelineGraph, Task } from '../../model/document';
import { byCodeUnit } from '../ir-structure';
import { containerTemplate, importerTemplate, taskGives } from './argo-container.compile';
import { ArgoNames } from './argo-names';
import type { Scope } from './argo-scopes';
import { GraphScopes, TOP } from './argo-scopes';
import type { ArgoObject, TaskTemplate } from './argo-types';
import { constantText, valueText } from './argo-values';
import { branchWhen } from './argo-condition';
import { emitScope } from './argo-emit';
import type { DagNode } from './argo-emit';
import { classifyExitHandlers } from './argo-exit';
import { ValueResolver } from './argo-resolve';
import { own } from '../../names/names';

export const MAX_DAG_TASKS = 200;

export interface WorkflowContext {
  doc: PipelineDocument;
  templates: ArgoObject[];
  templateNames: ArgoNames;
  stack: string[];
  /** The top-level exit handler's DAG template, for `spec.onExit`. */
  onExit?: string;
}

export interface GraphResult {
  template: string;
  /** Graph output → Argo output name of the graph's DAG template. */
  outputs: Map<string, { name: string; artifact: boolean }>;
}

export class ArgoGraphCompiler {
  private readonly scopes: GraphScopes;
  private readonly nodeNames = new ArgoNames();
  private readonly taskNode = new Map<string, string>();
  private readonly taskScope = new Map<string, string>();
  private readonly taskInfo = new Map<string, TaskTemplate>();
  private readonly nodes = new Map<string, Map<string, DagNode>>();
  private readonly where: Location;
  private readonly values: ValueResolver;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly graph: PipelineGraph,
    /** Inputs of a nested graph that its caller gives (port → Argo name); undefined for the pipeline itself. */
    private readonly nestedInputs: Map<string, { name: string; artifact: boolean }> | undefined,
    private readonly prefix: string,
    private readonly graphKey: string | undefined,
    /** The id path of the task that runs this nested graph (`outer/inner`), kept on its steps' pods. */
    private readonly taskPathPrefix = '',
  ) {
    this.where = graphKey !== undefined ? { graph: graphKey } : {};
    const taskIds = Object.keys(graph.tasks).sort(byCodeUnit);
    for (const id of taskIds) this.taskNode.set(id, this.nodeNames.node(id));
    this.scopes = new GraphScopes(graph, this.where, (key, kind, group, branchIndex) => {
      const node = key === TOP ? '' : this.nodeNames.node(key);
      const template = ctx.templateNames.node(key === TOP ? prefix || 'pipeline' : prefix ? `${prefix}-${node}` : node);
      return {
        key, kind, node, template, inputs: new Map(), outputs: new Map(), inputNames: new ArgoNames(), outputNames: new ArgoNames(),
        ...(group ? { group } : {}), ...(branchIndex !== undefined ? { branchIndex } : {}),
      };
    });
    for (const key of this.scopes.scopes.keys()) this.nodes.set(key, new Map());
    const top = this.scopes.get(TOP);
    for (const [port, input] of nestedInputs ?? []) {
      top.inputs.set(`input-${port}`, { name: top.inputNames.param(input.name), artifact: input.artifact, outer: '', expression: false });
    }
    if (nestedInputs === undefined) {
      for (const port of graph.inputs.filter((p) => p.type.kind === 'artifact')) {
        top.inputs.set(`input-${port.name}`, { name: top.inputNames.param(port.name), artifact: true, outer: '', expression: false });
      }
    }
    for (const id of taskIds) this.taskScope.set(id, this.scopes.containerOf((own(graph.tasks, id) as Task).parent, { task: id }));
    this.values = new ValueResolver({
      graph,
      scopes: this.scopes,
      where: this.where,
      nestedInputs,
      taskNode: this.taskNode,
      taskScope: this.taskScope,
      taskInfo: this.taskInfo,
      component: (id) => this.component(id),
      nodesOf: (scope) => this.nodesOf(scope),
    });
  }

  compile(outputs: PipelineGraph['outputs']): GraphResult {
    const top = this.scopes.get(TOP);
    // Template names in a stable order: the graph's DAG first, then each scope, then each task.
    const exits = classifyExitHandlers(this.graph, this.graphKey === undefined, this.where);
    for (const id of Object.keys(this.graph.tasks).sort(byCodeUnit)) this.compileTaskTemplate(id);
    for (const scope of this.scopes.scopes.values()) {
      if (scope.key === TOP) continue;
      const node: DagNode = { name: scope.node, template: scope.template, scope, deps: new Set(), anyOutcome: false, parameters: [], artifacts: [] };
      this.nodesOf(scope.parent ?? TOP).set(scope.node, node);
    }
    for (const id of Object.keys(this.graph.tasks).sort(byCodeUnit)) {
      const exit = exits.get(id);
      if (exit?.mode === 'onExit') this.onExitTask(id, exit.group);
      else if (exit?.mode === 'hook') this.hookTask(id, exit.group);
      else this.placeTask(id);
    }
    for (const scope of this.scopes.scopes.values()) {
      if (scope.kind === 'loop') this.placeLoop(scope);
      if (scope.kind === 'branch') this.placeBranch(scope);
    }
    const graphOutputs = this.graphOutputs(outputs);
    const dagTemplates: ArgoObject[] = [];
    for (const scope of this.scopes.scopes.values()) {
      const nodes = [...this.nodesOf(scope.key).values()];
      if (nodes.length === 0) {
        const what = scope.group ? `Group ${scope.group.id}` : this.graphKey !== undefined ? `Nested pipeline ${this.graphKey}` : 'The pipeline';
        throw new KfsError('KFS620', `${what} has no steps to run; an Argo DAG needs at least one.`, {
          ...this.where,
          ...(scope.group ? { group: scope.kind === 'branch' ? scope.key : scope.group.id } : {}),
        });
      }
      if (nodes.length > MAX_DAG_TASKS) {
        throw new KfsError('KFS626', `Argo runs at most ${MAX_DAG_TASKS} tasks in one DAG; this one has ${nodes.length}. Group steps into nested pipelines.`, {
          ...this.where,
          ...(scope.group ? { group: scope.group.id } : {}),
        });
      }
      dagTemplates.push(...emitScope(scope, nodes));
    }
    this.ctx.templates.unshift(...dagTemplates);
    return { template: top.template, outputs: graphOutputs };
  }

  private nodesOf(scope: string): Map<string, DagNode> {
    return this.nodes.get(scope) as Map<string, DagNode>;
  }

  private component(id: string): ComponentSpec {
    const task = own(this.graph.tasks, id) as Task;
    const component = own(this.ctx.doc.components, task.component);
    if (!component) throw new KfsError('KFS401', `Task ${id} uses unknown component "${task.component}".`, { ...this.where, task: id });
    return component;
  }

  private compileTaskTemplate(id: string): void {
    const task = own(this.graph.tasks, id) as Task;
    const component = this.component(id);
    const where = { ...this.where, task: id };
    const node = this.taskNode.get(id) as string;
    const base = this.prefix ? `${this.prefix}-${node}` : node;
    const taskPath = this.prefix ? `${this.taskPathPrefix}/${id}` : id;
    const impl = component.implementation;
    if (impl.kind === 'graph') {
      if (this.ctx.stack.includes(task.component)) {
        throw new KfsError('KFS601', `Nested pipeline "${task.component}" contains itself.`, where);
      }
      const ports = impl.graph.inputs.length ? impl.graph.inputs : component.inputs;
      const given = ports.filter((p) => taskGives(task, p));
      const inputs = new Map<string, { name: string; artifact: boolean }>();
      const names = new ArgoNames();
      for (const p of given) inputs.set(p.name, { name: names.param(p.name), artifact: p.type.kind === 'artifact' });
      this.ctx.stack.push(task.component);
      const nested = new ArgoGraphCompiler(this.ctx, impl.graph, inputs, base, task.component, taskPath).compile(impl.graph.outputs);
      this.ctx.stack.pop();
      this.taskInfo.set(id, { template: nested.template, inputs, outputs: nested.outputs, extras: [] });
      return;
    }
    const templateName = this.ctx.templateNames.node(base);
    const context = { templateName, taskPath, hasWorkspace: this.ctx.doc.workspace !== undefined, where };
    const { template, info } = impl.kind === 'importer' ? importerTemplate(component, task, context) : containerTemplate(component, task, context);
    this.ctx.templates.push(template);
    this.taskInfo.set(id, info);
  }

  // ---- placing tasks ----

  private callArguments(id: string, scope: string, consumer: string | undefined, finalStatus?: string): { parameters: ArgoObject[]; artifacts: ArgoObject[] } {
    const task = own(this.graph.tasks, id) as Task;
    const info = this.taskInfo.get(id) as TaskTemplate;
    const component = this.component(id);
    const parameters: ArgoObject[] = [];
    const artifacts: ArgoObject[] = [];
    const ports = component.implementation.kind === 'graph' && component.implementation.graph.inputs.length ? component.implementation.graph.inputs : component.inputs;
    for (const [portName, input] of info.inputs) {
      const where = { ...this.where, task: id, port: portName };
      const port = ports.find((p) => p.name === portName);
      const arg: Argument = own(task.arguments, portName) ?? { kind: 'constant', value: port?.default ?? null };
      if (arg.kind === 'taskFinalStatus') {
        if (finalStatus === undefined) this.values.resolveValue(arg, scope, consumer, where);
        parameters.push({ name: input.name, value: finalStatus });
        continue;
      }
      const value = this.values.resolveValue(arg, scope, consumer, where);
      if (input.artifact !== value.artifact) {
        throw new KfsError('KFS204', `Input ${portName} takes ${input.artifact ? 'an artifact' : 'a parameter'}.`, where);
      }
      if (value.artifact) artifacts.push(value.expression ? { name: input.name, fromExpression: value.text } : { name: input.name, from: value.text });
      else parameters.push({ name: input.name, value: valueText(value.text, value.expression) });
    }
    for (const extra of info.extras) {
      const value = this.values.resolveValue(extra.arg, scope, consumer, { ...this.where, task: id, field: extra.name });
      parameters.push({ name: extra.name, value: valueText(value.text, value.expression) });
    }
    return { parameters, artifacts };
  }

  private placeTask(id: string): void {
    const task = own(this.graph.tasks, id) as Task;
    const scope = this.taskScope.get(id) as string;
    const name = this.taskNode.get(id) as string;
    const info = this.taskInfo.get(id) as TaskTemplate;
    const node: DagNode = { name, template: info.template, deps: new Set(), anyOutcome: task.options.ignoreUpstreamFailure === true, parameters: [], artifacts: [] };
    this.nodesOf(scope).set(name, node);
    const args = this.callArguments(id, scope, name);
    node.parameters = args.parameters;
    node.artifacts = args.artifacts;
    for (const upstream of task.after) this.after(upstream, id, scope, name);
  }

  private after(upstream: string, id: string, scope: string, name: string): void {
    const where = { ...this.where, task: id };
    if (own(this.graph.tasks, upstream)) {
      this.values.depend(this.values.commonScope(this.taskScope.get(upstream) as string, scope), [this.elementIn(upstream, this.values.commonScope(this.taskScope.get(upstream) as string, scope))], scope, name, where);
      return;
    }
    const targets = this.scopes.scopesOfId(upstream);
    if (!targets.length) throw new KfsError('KFS103', `Task ${id} runs after "${upstream}", which is not in this graph.`, where);
    for (const target of targets) {
      const common = this.values.commonScope(this.scopes.get(target).parent ?? TOP, scope);
      this.values.depend(common, [this.elementIn(target, common)], scope, name, where);
    }
  }

  /** The DAG node in scope `common` that holds task or scope `id`. */
  private elementIn(id: string, common: string): string {
    const path = own(this.graph.tasks, id) ? [...this.scopes.path(this.taskScope.get(id) as string)] : this.scopes.path(id);
    const at = path.indexOf(common);
    const next = path[at + 1];
    if (next === undefined) return own(this.graph.tasks, id) ? (this.taskNode.get(id) as string) : this.scopes.get(id).node;
    return this.scopes.get(next).node;
  }

  private placeLoop(scope: Scope): void {
    const loop = scope.group as Extract<Group, { kind: 'parallelFor' }>;
    const parent = scope.parent ?? TOP;
    const node = this.nodesOf(parent).get(scope.node) as DagNode;
    const where = { ...this.where, group: loop.id };
    if (loop.parallelism !== undefined && loop.parallelism > 0) {
      scope.wrapper = { template: this.ctx.templateNames.node(`${scope.template}-parallelism`), parallelism: loop.parallelism };
    }
    if (loop.items.kind === 'constant') {
      if (!Array.isArray(loop.items.value)) throw new KfsError('KFS105', 'A loop over constant items needs a JSON list.', where);
      node.withItems = loop.items.value;
      if (scope.wrapper) scope.wrapper.items = loop.items.value;
    } else {
      const value = this.values.resolveValue(loop.items, parent, scope.node, where);
      if (value.artifact) throw new KfsError('KFS622', 'Argo loops run over parameters, not over a list of artifacts.', where);
      node.withParam = valueText(value.text, value.expression);
      if (scope.wrapper) scope.wrapper.itemsInput = scope.inputNames.param('loop-items');
    }
  }

  private placeBranch(scope: Scope): void {
    const parent = scope.parent ?? TOP;
    const node = this.nodesOf(parent).get(scope.node) as DagNode;
    const group = scope.group as Extract<Group, { kind: 'condition' }>;
    const where = { ...this.where, group: group.id };
    const when = branchWhen(group.branches, scope.branchIndex ?? 0, (arg) => {
      if (arg.kind === 'constant') return { text: constantText(arg.value), constant: arg.value };
      if (arg.kind !== 'graphInput' && arg.kind !== 'taskOutput' && arg.kind !== 'loopItem') {
        throw new KfsError('KFS602', `A condition cannot test a "${arg.kind}" value.`, where);
      }
      const source = this.values.sourceOf(arg, parent, where);
      const value = this.values.bring(source, parent, scope.node, where);
      return { text: value.text, ...(source.type ? { type: source.type } : {}) };
    }, where);
    if (when) node.when = when;
  }

  // ---- exit handlers ----

  /** A top-level exit handler's step: run by `spec.onExit` through a one-task DAG, after the whole workflow. */
  private onExitTask(id: string, group: string): void {
    const info = this.taskInfo.get(id) as TaskTemplate;
    const status = JSON.stringify({ error: {}, pipelineJobResourceName: '{{workflow.name}}', pipelineTaskName: this.scopes.get(group).node, state: '{{workflow.status}}' });
    const args = this.callArguments(id, TOP, undefined, status);
    const name = this.ctx.templateNames.node(`${this.scopes.get(group).node}-on-exit`);
    const task: ArgoObject = { name: this.taskNode.get(id), template: info.template };
    const callArgs = compactArguments(args);
    if (callArgs) task.arguments = callArgs;
    this.ctx.templates.push({ name, dag: { tasks: [task] } });
    this.ctx.onExit = name;
  }

  /** A nested exit handler's step: an Argo exit hook on the group's DAG task, run however the group ends. */
  private hookTask(id: string, group: string): void {
    const info = this.taskInfo.get(id) as TaskTemplate;
    const scope = this.scopes.get(group);
    const parent = scope.parent ?? TOP;
    const args = this.callArguments(id, parent, undefined);
    const hook: ArgoObject = { template: info.template };
    const callArgs = compactArguments(args);
    if (callArgs) hook.arguments = callArgs;
    const node = this.nodesOf(parent).get(scope.node) as DagNode;
    node.hooks = { exit: hook };
  }

  // ---- outputs ----

  private graphOutputs(outputs: PipelineGraph['outputs']): Map<string, { name: string; artifact: boolean }> {
    const top = this.scopes.get(TOP);
    const result = new Map<string, { name: string; artifact: boolean }>();
    for (const output of outputs) {
      const where = { ...this.where, output: output.name };
      if (output.source.kind !== 'taskOutput' && output.source.kind !== 'collected' && output.source.kind !== 'oneOf') {
        throw new KfsError('KFS107', `Pipeline output ${output.name} must come from a task output.`, where);
      }
      const source = this.values.sourceOf(output.source, TOP, where);
      if (source.origin !== TOP) throw new KfsError('KFS107', `Pipeline output ${output.name} comes from inside a group; collect it or use oneOf.`, where);
      const name = top.outputNames.param(output.name);
      top.outputs.set(`graph-output-${output.name}`, { name, artifact: source.artifact, inner: source.text, expression: source.expression });
      result.set(output.name, { name, artifact: source.artifact });
    }
    return result;
  }
}

export function compactArguments(args: { parameters: ArgoObject[]; artifacts: ArgoObject[] }): ArgoObject | undefined {
  const out: ArgoObject = {};
  if (args.parameters.length) out.parameters = args.parameters;
  if (args.artifacts.length) out.artifacts = args.artifacts;
  return Object.keys(out).length ? out : undefined;
}

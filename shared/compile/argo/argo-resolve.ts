// Values between scopes: where a value is valid (a task's output in its scope, a loop item in its loop, a workflow
// parameter everywhere), how it is surfaced out of groups (a loop's outputs gathered by Argo into a JSON list, a oneOf
// picked from the branch that succeeded) and brought down into the scope that uses it, and the dependencies that adds.
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { Argument, ComponentSpec, Group, PipelineGraph, PortSpec } from '../../model/document';
import type { DagNode } from './argo-emit';
import { argoParamName } from './argo-names';
import type { GraphScopes } from './argo-scopes';
import { TOP } from './argo-scopes';
import type { TaskTemplate } from './argo-types';
import type { Source } from './argo-values';
import { constantText, inputReference, outputExpression, outputReference, valueText } from './argo-values';

export type Resolved = { text: string; expression: boolean; artifact: boolean };

/** What the resolver reads of the graph being compiled. */
export interface ResolverContext {
  graph: PipelineGraph;
  scopes: GraphScopes;
  where: Location;
  /** Inputs of a nested graph that its caller gives; undefined for the pipeline itself. */
  nestedInputs: Map<string, { name: string; artifact: boolean }> | undefined;
  taskNode: Map<string, string>;
  taskScope: Map<string, string>;
  taskInfo: Map<string, TaskTemplate>;
  component(id: string): ComponentSpec;
  nodesOf(scope: string): Map<string, DagNode>;
}

export class ValueResolver {
  constructor(private readonly c: ResolverContext) {}


  private producerInfo(task: string, output: string, where: Location): { node: string; scope: string; name: string; artifact: boolean } {
    const info = this.c.taskInfo.get(task);
    const out = info?.outputs.get(output);
    if (!info || !out) throw new KfsError('KFS102', `Task ${task} has no output "${output}".`, { ...where, output });
    return { node: this.c.taskNode.get(task) as string, scope: this.c.taskScope.get(task) as string, ...out };
  }

  private portType(ports: readonly PortSpec[], name: string): PortSpec['type'] | undefined {
    return ports.find((p) => p.name === name)?.type;
  }

  /** Carries `inner` (valid inside scope `from`) out through each scope up to, not including, `to`. */
  private surface(from: string, to: string, key: string, artifact: boolean, inner: string, where: Location, collect: boolean): { text: string; node: string } {
    const path = this.c.scopes.path(from);
    const at = path.indexOf(to);
    if (at < 0) throw new KfsError('KFS104', 'A value is used outside the group it comes from.', where);
    let text = inner;
    let node = '';
    let crossedLoop = false;
    for (let i = path.length - 1; i > at; i--) {
      const scope = this.c.scopes.get(path[i] as string);
      if (scope.kind === 'loop') {
        if (!collect) throw new KfsError('KFS104', 'An output from inside a loop must be collected to be used outside it.', where);
        if (artifact) throw new KfsError('KFS622', 'Argo cannot gather the artifacts of a loop into a list; collect parameters only.', where);
        crossedLoop = true;
      }
      let output = scope.outputs.get(key);
      if (!output) {
        output = { name: scope.outputNames.param(key), artifact, inner: text, expression: false };
        scope.outputs.set(key, output);
      }
      node = scope.node;
      text = outputReference(scope.node, artifact, output.name);
    }
    if (collect && !crossedLoop) throw new KfsError('KFS104', 'A collected output must come from inside a loop the consumer is not in.', where);
    return { text, node };
  }

  private outputName(scope: string, key: string): string {
    return this.c.scopes.get(scope).outputs.get(key)?.name ?? key;
  }

  sourceOf(arg: Exclude<Argument, { kind: 'constant' | 'template' | 'taskFinalStatus' }>, consumerScope: string, where: Location): Source {
    switch (arg.kind) {
      case 'graphInput': {
        if (this.c.nestedInputs === undefined) {
          const port = this.c.graph.inputs.find((p) => p.name === arg.input);
          if (!port) throw new KfsError('KFS304', `The pipeline has no input "${arg.input}".`, { ...where, parameter: arg.input });
          if (port.type.kind === 'artifact') {
            // The Workflow's argument artifacts reach the entrypoint DAG as its inputs, and go down from there.
            const input = this.c.scopes.get(TOP).inputs.get(`input-${arg.input}`);
            if (!input) throw new KfsError('KFS622', `Pipeline input ${arg.input} is not handed to the workflow.`, { ...where, parameter: arg.input });
            return { key: `input-${arg.input}`, artifact: true, origin: TOP, text: inputReference(true, input.name), expression: false, nodes: [] };
          }
          return { key: arg.input, artifact: false, origin: null, text: `{{workflow.parameters.${argoParamName(arg.input)}}}`, expression: false, nodes: [], type: port.type.type };
        }
        const input = this.c.nestedInputs.get(arg.input);
        if (!input) throw new KfsError('KFS622', `Nested pipeline input ${arg.input} is not given by the step that runs it.`, { ...where, parameter: arg.input });
        const type = this.portType(this.c.graph.inputs, arg.input);
        return {
          key: `input-${arg.input}`, artifact: input.artifact, origin: TOP, text: inputReference(input.artifact, input.name), expression: false, nodes: [],
          ...(type?.kind === 'parameter' ? { type: type.type } : {}),
        };
      }
      case 'taskOutput': {
        const p = this.producerInfo(arg.task, arg.output, where);
        const type = this.portType(this.c.component(arg.task).outputs, arg.output);
        return {
          key: `${arg.task}-${arg.output}`, artifact: p.artifact, origin: p.scope, text: outputReference(p.node, p.artifact, p.name), expression: false, nodes: [p.node],
          ...(type?.kind === 'parameter' ? { type: type.type } : {}),
        };
      }
      case 'loopItem': {
        const scope = this.c.scopes.scopes.get(arg.loop);
        if (!scope || scope.kind !== 'loop') throw new KfsError('KFS108', `"${arg.loop}" is not a parallelFor group.`, { ...where, group: arg.loop });
        const key = arg.field === undefined ? 'item' : `item-${arg.field}`;
        let input = scope.inputs.get(key);
        if (!input) {
          input = { name: scope.inputNames.param(`${arg.loop}-${key}`), artifact: false, outer: arg.field === undefined ? '{{item}}' : `{{item.${arg.field}}}`, expression: false, item: true };
          scope.inputs.set(key, input);
        }
        const group = scope.group as Extract<Group, { kind: 'parallelFor' }>;
        return { key: `${arg.loop}-${key}`, artifact: false, origin: arg.loop, text: inputReference(false, input.name), expression: false, nodes: [], type: arg.field === undefined ? (group.itemType ?? 'STRING') : 'STRING' };
      }
      case 'collected': {
        const p = this.producerInfo(arg.task, arg.output, where);
        const common = this.commonScope(p.scope, consumerScope);
        const key = `collected-${arg.task}-${arg.output}`;
        const { text, node } = this.surface(p.scope, common, key, p.artifact, outputReference(p.node, p.artifact, p.name), where, true);
        return { key, artifact: p.artifact, origin: common, text, expression: false, nodes: [node], type: 'LIST' };
      }
      case 'oneOf':
        return this.oneOfSource(arg.sources, where);
    }
  }

  private oneOfSource(sources: readonly { task: string; output: string }[], where: Location): Source {
    const first = sources[0];
    if (!first) throw new KfsError('KFS602', 'oneOf needs at least one source.', where);
    const firstPath = this.c.scopes.path(this.c.taskScope.get(first.task) ?? TOP);
    const branchKey = firstPath.find((k) => this.c.scopes.get(k).kind === 'branch' && (this.c.scopes.get(k).group as Group).kind === 'condition' && ((this.c.scopes.get(k).group as Extract<Group, { kind: 'condition' }>).branches.length > 1));
    if (branchKey === undefined) throw new KfsError('KFS104', 'oneOf sources must sit in the branches of one condition.', where);
    const condition = this.c.scopes.get(branchKey).group as Extract<Group, { kind: 'condition' }>;
    const origin = this.c.scopes.get(branchKey).parent ?? TOP;
    const picks: { node: string; name: string }[] = [];
    let artifact = false;
    const key = `oneof-${sources.map((s) => `${s.task}-${s.output}`).join('-')}`;
    for (const source of sources) {
      const p = this.producerInfo(source.task, source.output, where);
      artifact = p.artifact;
      const path = this.c.scopes.path(p.scope);
      const branch = path.find((k) => condition.branches.some((b) => b.id === k));
      if (branch === undefined) throw new KfsError('KFS104', `oneOf source ${source.task} is not in a branch of ${condition.id}.`, where);
      const { node } = this.surface(p.scope, origin, key, p.artifact, outputReference(p.node, p.artifact, p.name), where, false);
      picks.push({ node, name: this.outputName(branch, key) });
    }
    // The branch that ran is the one that succeeded; the last source is the fallback.
    let expression = '';
    for (let i = picks.length - 1; i >= 0; i--) {
      const pick = picks[i] as { node: string; name: string };
      const read = outputExpression(pick.node, artifact, pick.name);
      expression = i === picks.length - 1 ? read : `tasks['${pick.node}'].status == 'Succeeded' ? ${read} : (${expression})`;
    }
    return { key, artifact, origin, text: expression, expression: true, nodes: [...new Set(picks.map((p) => p.node))] };
  }

  commonScope(a: string, b: string): string {
    const pa = this.c.scopes.path(a);
    const pb = this.c.scopes.path(b);
    let i = 0;
    while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
    return pa[i - 1] ?? TOP;
  }

  /** Adds to the DAG node standing for `consumer` (a node of `scope`) a dependency on `nodes` of scope `origin`. */
  depend(origin: string, nodes: readonly string[], scope: string, consumer: string, where: Location): void {
    if (!nodes.length) return;
    const path = this.c.scopes.path(scope);
    const at = path.indexOf(origin);
    if (at < 0) throw new KfsError('KFS104', 'A value is used outside the group it comes from.', where);
    const holder = at === path.length - 1 ? consumer : this.c.scopes.get(path[at + 1] as string).node;
    const node = this.c.nodesOf(origin).get(holder);
    for (const n of nodes) if (n !== holder) node?.deps.add(n);
  }

  /** The value in `scope`, brought down through the scopes between, for DAG node `consumer` of that scope. */
  bring(source: Source, scope: string, consumer: string | undefined, where: Location): Resolved {
    if (source.origin === null) return { text: source.text, expression: false, artifact: source.artifact };
    const path = this.c.scopes.path(scope);
    const at = path.indexOf(source.origin);
    if (at < 0) throw new KfsError('KFS104', 'A value is used outside the group it comes from.', where);
    if (consumer !== undefined) this.depend(source.origin, source.nodes, scope, consumer, where);
    else if (source.nodes.length) throw new KfsError('KFS624', 'This value comes from a step; here it can only come from parameters or constants.', where);
    let text = source.text;
    let expression = source.expression;
    for (let i = at + 1; i < path.length; i++) {
      const inner = this.c.scopes.get(path[i] as string);
      let input = inner.inputs.get(source.key);
      if (!input) {
        input = { name: inner.inputNames.param(source.key), artifact: source.artifact, outer: valueText(text, expression && !source.artifact), expression: expression && source.artifact };
        inner.inputs.set(source.key, input);
      }
      text = inputReference(source.artifact, input.name);
      expression = false;
    }
    return { text, expression, artifact: source.artifact };
  }

  resolveValue(arg: Argument, scope: string, consumer: string | undefined, where: Location): Resolved {
    if (arg.kind === 'constant') return { text: constantText(arg.value), expression: false, artifact: false };
    if (arg.kind === 'taskFinalStatus') throw new KfsError('KFS624', 'On Argo only a top-level exit handler\'s exit step can receive the final status.', where);
    if (arg.kind === 'template') {
      let text = '';
      for (const part of arg.parts) {
        if (typeof part === 'string') text += part;
        else {
          const value = this.resolveValue(part, scope, consumer, where);
          if (value.artifact || value.expression) throw new KfsError('KFS602', 'A text template can only hold parameters.', where);
          text += value.text;
        }
      }
      return { text, expression: false, artifact: false };
    }
    return this.bring(this.sourceOf(arg, scope, where), scope, consumer, where);
  }
}

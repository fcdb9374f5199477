// Writes a scope's DAG template (and, for a loop with a parallelism limit, the wrapper that carries the limit) from
// the DAG tasks collected for it. DAG tasks use `dependencies`, unless one task of the DAG runs whatever its upstream
// tasks' outcome (`ignoreUpstreamFailure`): that DAG uses `depends` (Argo forbids mixing the two) and `failFast: false`.
import type { JsonValue } from '../../model/document';
import type { Scope, ScopeInput } from './argo-scopes';
import type { ArgoObject } from './argo-types';
import { inputReference } from './argo-values';

export interface DagNode {
  name: string;
  template: string;
  /** Set when the node runs a scope's DAG template (its arguments are that scope's inputs). */
  scope?: Scope;
  deps: Set<string>;
  /** Runs whatever its upstream tasks' outcome. */
  anyOutcome: boolean;
  parameters: ArgoObject[];
  artifacts: ArgoObject[];
  when?: string;
  withItems?: JsonValue[];
  withParam?: string;
  hooks?: ArgoObject;
}

const ITERATION = 'iteration';

function passInput(input: ScopeInput, value: string, expression: boolean): ArgoObject {
  if (input.artifact) return expression ? { name: input.name, fromExpression: value } : { name: input.name, from: value };
  return { name: input.name, value };
}

function argumentsOf(parameters: ArgoObject[], artifacts: ArgoObject[]): ArgoObject | undefined {
  const out: ArgoObject = {};
  if (parameters.length) out.parameters = parameters;
  if (artifacts.length) out.artifacts = artifacts;
  return Object.keys(out).length ? out : undefined;
}

function split(items: ArgoObject[]): { parameters: ArgoObject[]; artifacts: ArgoObject[] } {
  return { parameters: items.filter((i) => !('from' in i) && !('fromExpression' in i)), artifacts: items.filter((i) => 'from' in i || 'fromExpression' in i) };
}

function dependencyFields(node: DagNode, useDepends: boolean): ArgoObject {
  const deps = [...node.deps].sort();
  if (!deps.length) return {};
  if (!useDepends) return { dependencies: deps };
  const term = (d: string) => (node.anyOutcome ? `(${d}.Succeeded || ${d}.Failed || ${d}.Errored || ${d}.Skipped)` : d);
  return { depends: deps.map(term).join(' && ') };
}

function dagTask(node: DagNode, useDepends: boolean): ArgoObject {
  const scope = node.scope;
  const task: ArgoObject = { name: node.name, template: scope?.wrapper?.template ?? node.template };
  let args: ArgoObject | undefined;
  if (scope) {
    const passed: ArgoObject[] = [];
    for (const input of scope.inputs.values()) {
      if (input.item && scope.wrapper) continue;
      passed.push(passInput(input, input.outer, input.expression));
    }
    if (scope.wrapper?.itemsInput && node.withParam !== undefined) passed.push({ name: scope.wrapper.itemsInput, value: node.withParam });
    const { parameters, artifacts } = split(passed);
    args = argumentsOf(parameters, artifacts);
  } else args = argumentsOf(node.parameters, node.artifacts);
  if (args) task.arguments = args;
  Object.assign(task, dependencyFields(node, useDepends));
  if (node.when !== undefined) task.when = node.when;
  if (!scope?.wrapper) {
    if (node.withItems !== undefined) task.withItems = node.withItems;
    if (node.withParam !== undefined) task.withParam = node.withParam;
  }
  if (node.hooks) task.hooks = node.hooks;
  return task;
}

function ioDeclarations(inputs: Iterable<{ name: string; artifact: boolean }>): ArgoObject | undefined {
  const parameters: ArgoObject[] = [];
  const artifacts: ArgoObject[] = [];
  for (const input of inputs) (input.artifact ? artifacts : parameters).push({ name: input.name });
  return argumentsOf(parameters, artifacts);
}

function outputDeclarations(scope: Scope, innerOf: (name: string) => { text: string; expression: boolean } | undefined): ArgoObject | undefined {
  const parameters: ArgoObject[] = [];
  const artifacts: ArgoObject[] = [];
  for (const output of scope.outputs.values()) {
    const inner = innerOf(output.name) ?? { text: output.inner, expression: output.expression };
    if (output.artifact) artifacts.push(inner.expression ? { name: output.name, fromExpression: inner.text } : { name: output.name, from: inner.text });
    else parameters.push({ name: output.name, valueFrom: inner.expression ? { expression: inner.text } : { parameter: inner.text } });
  }
  return argumentsOf(parameters, artifacts);
}

/** The DAG template of a scope, with its parallelism wrapper first when it has one. */
export function emitScope(scope: Scope, nodes: DagNode[]): ArgoObject[] {
  const sorted = [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const useDepends = sorted.some((n) => n.anyOutcome && n.deps.size > 0);
  const body: ArgoObject = { name: scope.template };
  const inputs = ioDeclarations(scope.inputs.values());
  if (inputs) body.inputs = inputs;
  const outputs = outputDeclarations(scope, () => undefined);
  if (outputs) body.outputs = outputs;
  const dag: ArgoObject = { tasks: sorted.map((n) => dagTask(n, useDepends)) };
  if (useDepends) dag.failFast = false;
  body.dag = dag;
  const wrapper = scope.wrapper;
  if (!wrapper) return [body];
  const outer = [...scope.inputs.values()].filter((i) => !i.item);
  const declared = [...outer, ...(wrapper.itemsInput ? [{ name: wrapper.itemsInput, artifact: false }] : [])];
  const passed = [...scope.inputs.values()].map((input) => (input.item ? passInput(input, input.outer, false) : passInput(input, inputReference(input.artifact, input.name), false)));
  const { parameters, artifacts } = split(passed);
  const iteration: ArgoObject = { name: ITERATION, template: scope.template };
  const args = argumentsOf(parameters, artifacts);
  if (args) iteration.arguments = args;
  if (wrapper.itemsInput) iteration.withParam = inputReference(false, wrapper.itemsInput);
  else if (wrapper.items !== undefined) iteration.withItems = wrapper.items;
  const wrap: ArgoObject = { name: wrapper.template };
  const wrapInputs = ioDeclarations(declared);
  if (wrapInputs) wrap.inputs = wrapInputs;
  const wrapOutputs = outputDeclarations(scope, (name) => ({ text: `{{tasks.${ITERATION}.outputs.${scope.outputs.get(keyOf(scope, name))?.artifact ? 'artifacts' : 'parameters'}.${name}}}`, expression: false }));
  if (wrapOutputs) wrap.outputs = wrapOutputs;
  wrap.parallelism = wrapper.parallelism;
  wrap.dag = { tasks: [iteration] };
  return [wrap, body];
}

function keyOf(scope: Scope, name: string): string {
  for (const [key, output] of scope.outputs) if (output.name === name) return key;
  return name;
}

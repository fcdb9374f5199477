// Reference integrity of a PipelineSpec: every name that points somewhere must find its target.
// Reads the raw documents defensively: type errors were already reported by the decoder.
import { indexPath, keyPath } from './ir-check.path';
import { isPlainObject } from './proto-json.scalar';
import type { Report } from './proto-json.wkt';

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A field under its JSON name or its original snake_case name, with the key actually used. */
export function pick(obj: unknown, jsonName: string): { key: string; value: unknown } | undefined {
  if (!isPlainObject(obj)) return undefined;
  for (const key of [jsonName, snake(jsonName)]) {
    if (Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== null) return { key, value: obj[key] };
  }
  return undefined;
}

function at(base: string, obj: unknown, ...names: string[]): { path: string; value: unknown } | undefined {
  let path = base;
  let value: unknown = obj;
  for (const name of names) {
    const found = pick(value, name);
    if (!found) return undefined;
    path = keyPath(path, found.key);
    value = found.value;
  }
  return { path, value };
}

function entries(value: unknown): [string, unknown][] {
  return isPlainObject(value) ? Object.entries(value) : [];
}

function keysOf(value: unknown): Set<string> {
  return new Set(isPlainObject(value) ? Object.keys(value) : []);
}

function stringAt(base: string, obj: unknown, ...names: string[]): { path: string; value: string } | undefined {
  const found = at(base, obj, ...names);
  return found && typeof found.value === 'string' ? { path: found.path, value: found.value } : undefined;
}

interface Scope {
  componentNames: Set<string>;
  executorNames: Set<string>;
  report: Report;
}

function checkTask(scope: Scope, task: unknown, taskPath: string, taskName: string, siblings: Set<string>, inputs: unknown, component: string): void {
  const { report } = scope;
  const params = keysOf(at('', inputs, 'parameters')?.value);
  const artifacts = keysOf(at('', inputs, 'artifacts')?.value);
  const sibling = (ref: { path: string; value: string } | undefined, what: string): void => {
    if (ref && (!siblings.has(ref.value) || ref.value === taskName)) {
      report(ref.path, `${what} "${ref.value}" is not another task of the same dag (tasks: ${[...siblings].join(', ') || 'none'})`);
    }
  };

  const ref = stringAt(taskPath, task, 'componentRef', 'name');
  if (ref && !scope.componentNames.has(ref.value)) report(ref.path, `component "${ref.value}" is not in components`);

  const deps = at(taskPath, task, 'dependentTasks');
  if (deps && Array.isArray(deps.value)) {
    deps.value.forEach((dep, i) => {
      if (typeof dep === 'string') sibling({ path: indexPath(deps.path, i), value: dep }, 'dependent task');
    });
  }

  const taskInputs = at(taskPath, task, 'inputs');
  const paramInputs = taskInputs && at(taskInputs.path, taskInputs.value, 'parameters');
  for (const [name, spec] of entries(paramInputs?.value)) {
    const specPath = keyPath(paramInputs?.path ?? '', name);
    sibling(stringAt(specPath, spec, 'taskOutputParameter', 'producerTask'), 'producer task');
    sibling(stringAt(specPath, spec, 'taskFinalStatus', 'producerTask'), 'producer task');
    const input = stringAt(specPath, spec, 'componentInputParameter');
    if (input && !params.has(input.value)) report(input.path, `"${input.value}" is not an input parameter of ${component}`);
  }
  // The backend evaluates a trigger condition over the task's own inputs: each one it names must be there.
  const condition = stringAt(taskPath, task, 'triggerPolicy', 'condition');
  if (condition) {
    const own = keysOf(paramInputs?.value);
    for (const match of condition.value.matchAll(/inputs\.parameter_values\['([^']+)'\]/g)) {
      if (!own.has(match[1] as string)) report(condition.path, `the condition reads input "${match[1]}", which task ${taskName} does not have`);
    }
  }
  const artifactInputs = taskInputs && at(taskInputs.path, taskInputs.value, 'artifacts');
  for (const [name, spec] of entries(artifactInputs?.value)) {
    const specPath = keyPath(artifactInputs?.path ?? '', name);
    sibling(stringAt(specPath, spec, 'taskOutputArtifact', 'producerTask'), 'producer task');
    const input = stringAt(specPath, spec, 'componentInputArtifact');
    if (input && !artifacts.has(input.value)) report(input.path, `"${input.value}" is not an input artifact of ${component}`);
  }
}

function checkDagOutputs(dag: unknown, dagPath: string, tasks: Set<string>, report: Report): void {
  const producer = (ref: { path: string; value: string } | undefined): void => {
    if (ref && !tasks.has(ref.value)) report(ref.path, `producer subtask "${ref.value}" is not a task of this dag`);
  };
  const artifacts = at(dagPath, dag, 'outputs', 'artifacts');
  for (const [name, spec] of entries(artifacts?.value)) {
    const selectors = at(keyPath(artifacts?.path ?? '', name), spec, 'artifactSelectors');
    if (selectors && Array.isArray(selectors.value)) {
      selectors.value.forEach((s, i) => producer(stringAt(indexPath(selectors.path, i), s, 'producerSubtask')));
    }
  }
  const parameters = at(dagPath, dag, 'outputs', 'parameters');
  for (const [name, spec] of entries(parameters?.value)) {
    const specPath = keyPath(parameters?.path ?? '', name);
    producer(stringAt(specPath, spec, 'valueFromParameter', 'producerSubtask'));
    const oneof = at(specPath, spec, 'valueFromOneof', 'parameterSelectors');
    if (oneof && Array.isArray(oneof.value)) {
      oneof.value.forEach((s, i) => producer(stringAt(indexPath(oneof.path, i), s, 'producerSubtask')));
    }
  }
}

function checkComponent(scope: Scope, component: unknown, path: string, label: string): void {
  const executor = stringAt(path, component, 'executorLabel');
  if (executor && !scope.executorNames.has(executor.value)) {
    scope.report(executor.path, `executor "${executor.value}" is not in deploymentSpec.executors`);
  }
  const dag = at(path, component, 'dag');
  if (!dag) return;
  const tasks = at(dag.path, dag.value, 'tasks');
  const taskNames = keysOf(tasks?.value);
  const inputs = pick(component, 'inputDefinitions')?.value;
  for (const [name, task] of entries(tasks?.value)) {
    checkTask(scope, task, keyPath(tasks?.path ?? '', name), name, taskNames, inputs, label);
  }
  checkDagOutputs(dag.value, dag.path, taskNames, scope.report);
}

/** Checks the names inside a PipelineSpec document (and its optional PlatformSpec) point at things that exist. */
export function checkReferences(spec: unknown, platform: unknown, report: Report): void {
  const components = at('', spec, 'components');
  const executors = at('', spec, 'deploymentSpec', 'executors');
  const scope: Scope = { componentNames: keysOf(components?.value), executorNames: keysOf(executors?.value), report };
  for (const [name, component] of entries(components?.value)) {
    checkComponent(scope, component, keyPath(components?.path ?? '', name), `component ${name}`);
  }
  const root = at('', spec, 'root');
  if (root) checkComponent(scope, root.value, root.path, 'the root component');

  const k8sExecutors = at('', platform, 'platforms', 'kubernetes', 'deploymentSpec', 'executors');
  for (const [name] of entries(k8sExecutors?.value)) {
    if (!scope.executorNames.has(name)) report(keyPath(k8sExecutors?.path ?? '', name), `executor "${name}" is not in the PipelineSpec's deploymentSpec.executors`);
  }
}

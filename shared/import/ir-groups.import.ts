// Which IR tasks stand for model groups. Told by structure, so that sub-DAGs of any name are recognised, with the
// SDK's `exit-handler-N` name as the one extra sign an exit handler needs (a nested pipeline followed by a task that
// ignores upstream failures looks the same otherwise; the compiler refuses to write that look-alike).
import { hasSdkForm } from '../compile/ir-structure';
import { parseCondition } from './ir-condition.parse';
import type { IrMap } from './ir-ports.import';
import { isMap } from './ir-ports.import';
import { own } from '../names/names';
import type { GroupInfo } from './ir-refs.import';

function hasCondition(task: unknown): boolean {
  return isMap(task) && isMap(task.triggerPolicy) && typeof task.triggerPolicy.condition === 'string';
}

function isNegated(task: IrMap): boolean {
  try {
    return parseCondition(String((task.triggerPolicy as IrMap).condition), {}).some((t) => t.negated);
  } catch {
    return false;
  }
}

/** Whether a task runs after `name` even when it fails: how an exit task follows its exit handler. */
export function receivesStatusOf(task: IrMap, name: string): boolean {
  const parameters = isMap(task.inputs) && isMap(task.inputs.parameters) ? Object.values(task.inputs.parameters) : [];
  return parameters.some((p) => isMap(p) && isMap(p.taskFinalStatus) && p.taskFinalStatus.producerTask === name);
}

export function followsOnFailure(task: IrMap, name: string): boolean {
  return Array.isArray(task.dependentTasks) && task.dependentTasks.includes(name) && isMap(task.triggerPolicy) && task.triggerPolicy.strategy === 'ALL_UPSTREAM_TASKS_COMPLETED';
}

/**
 * What a task whose component is a sub-DAG stands for, told by structure so that any name works: an iterator makes a
 * loop, a trigger condition a condition (or branch); a sub-DAG holding only conditions, some negating others, is the
 * `condition-branches` wrapper of an if/elif/else; a sub-DAG named `exit-handler-N` that a sibling runs after even on
 * failure is an exit handler. Anything else is a nested pipeline (a task of a graph component).
 */
export function groupKind(name: string, task: IrMap, component: IrMap, siblings: IrMap, components: IrMap): GroupInfo['kind'] | undefined {
  if (!isMap(component.dag)) return undefined;
  if (task.parameterIterator !== undefined || task.artifactIterator !== undefined) return 'loop';
  if (hasCondition(task)) return 'condition';
  const inner = isMap(component.dag.tasks) ? Object.values(component.dag.tasks) : [];
  if (inner.length > 1 && inner.every((t) => hasCondition(t) && isMap(t) && isMap(t.componentRef) && isMap(own(components, String(t.componentRef.name))))) {
    if (inner.some((t) => isNegated(t as IrMap))) return 'branches';
  }
  if (hasSdkForm(name, 'exit') && Object.entries(siblings).some(([n, t]) => n !== name && isMap(t) && followsOnFailure(t, name))) return 'exit';
  return undefined;
}

// How each exit handler is written. A top-level one (the usual `with dsl.ExitHandler(...)` around the pipeline) becomes
// `spec.onExit`, so its step runs however the workflow ends and can read `{{workflow.status}}`. A nested one becomes an
// exit hook (`hooks.exit`) on the group's DAG task. Either way the exit step is not a DAG task, so nothing can use its
// outputs or wait on it; a nested exit step takes only parameters and constants (a hook waits for nothing).
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { Argument, PipelineGraph, Task } from '../../model/document';
import { byCodeUnit } from '../ir-structure';
import { own } from '../../names/names';

export interface ExitPlan {
  mode: 'onExit' | 'hook';
  /** The exit handler group's id. */
  group: string;
}

function mentions(value: unknown, task: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, task));
  if (value === null || typeof value !== 'object') return false;
  const obj = value as { [key: string]: unknown };
  if (obj.task === task && typeof obj.output === 'string') return true;
  return Object.values(obj).some((v) => mentions(v, task));
}

function isStatic(arg: Argument): boolean {
  if (arg.kind === 'constant' || arg.kind === 'graphInput' || arg.kind === 'taskFinalStatus') return true;
  return arg.kind === 'template' && arg.parts.every((p) => typeof p === 'string' || p.kind === 'constant' || p.kind === 'graphInput');
}

export function classifyExitHandlers(graph: PipelineGraph, isRoot: boolean, where: Location): Map<string, ExitPlan> {
  const plans = new Map<string, ExitPlan>();
  let onExitTaken = false;
  for (const id of Object.keys(graph.groups).sort(byCodeUnit)) {
    const group = own(graph.groups, id);
    if (group?.kind !== 'exitHandler') continue;
    const at = { ...where, group: id };
    const exit = own(graph.tasks, group.exitTask) as Task | undefined;
    if (!exit) throw new KfsError('KFS106', `Exit handler ${id} names exit task "${group.exitTask}", which is not in this graph.`, at);
    if (exit.parent !== group.parent) throw new KfsError('KFS106', `The exit task of ${id} must sit beside the group.`, at);
    if (plans.has(group.exitTask)) throw new KfsError('KFS624', `Step ${group.exitTask} is the exit step of two exit handlers.`, at);
    const users = Object.values(graph.tasks).filter(
      (t) => t.id !== exit.id && (t.after.includes(exit.id) || mentions(t.arguments, exit.id) || mentions(t.options, exit.id)),
    );
    if (users.length || mentions(graph.outputs, exit.id) || mentions(graph.groups, exit.id)) {
      throw new KfsError(
        'KFS624',
        `On Argo the exit step ${exit.id} runs as an exit handler, not as a DAG task: no step can use its outputs or wait on it.`,
        { ...at, task: exit.id },
      );
    }
    if (exit.after.some((a) => a !== id)) {
      throw new KfsError('KFS624', `On Argo the exit step ${exit.id} runs when ${id} ends; it cannot also wait on other steps.`, { ...at, task: exit.id });
    }
    const topLevel = isRoot && group.parent === undefined && Object.values(exit.arguments).every(isStatic) && !onExitTaken;
    if (topLevel) onExitTaken = true;
    plans.set(exit.id, { mode: topLevel ? 'onExit' : 'hook', group: id });
  }
  return plans;
}

// Conditions, parallel-fors and exit handlers: where they sit, what they need, and what their inputs read.
import type { Argument, Comparison, ConditionGroup, ExitHandlerGroup, Group, ParallelForGroup } from '../../model/document';
import { COMPARISON_OPERATORS } from '../../model/document';
import { typeLabel } from '../../types/type-compat';
import { resolveArgument } from '../argument-resolve';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { isRecord, listOf, quote, text } from '../../model/shape';
import { describeValue, isListType } from '../value-type';

function checkParent(ix: ValidationIndex, report: Report, id: string, group: Group): void {
  if (ix.nestingCycles.has(id)) {
    report.add('KFS106', `Group ${quote(id)} is nested inside itself through its parents: move it to the top of the graph or into another group.`, { group: id, field: 'parent' });
    return;
  }
  if (group.parent === undefined) return;
  if (typeof group.parent !== 'string' || ix.containerKind(group.parent) === undefined) {
    report.add('KFS106', `Group ${quote(id)} sits in ${quote(group.parent)}, which is not a group or branch: move it to the top of the graph or into an existing group.`, { group: id, field: 'parent' });
  } else if (ix.groups.get(group.parent)?.kind === 'condition') {
    report.add('KFS106', `Group ${quote(id)} sits directly in condition ${quote(group.parent)}: put it in one of its branches.`, { group: id, field: 'parent' });
  }
}

function checkCondition(ix: ValidationIndex, report: Report, id: string, group: ConditionGroup): void {
  const branches = listOf(group.branches);
  if (branches.length === 0) {
    report.add('KFS106', `Condition ${quote(id)} has no branches: add an if branch, or remove the condition.`, { group: id, field: 'branches' });
    return;
  }
  const chain = ix.groupAncestors(id);
  branches.forEach((branch, index) => {
    if (!isRecord(branch) || typeof branch.id !== 'string') {
      report.add('KFS106', `Branch ${index + 1} of condition ${quote(id)} has no id: remove it and add the branch again.`, { group: id, field: `branches[${index}]` });
      return;
    }
    if (branch.when === undefined) {
      if (index === 0) report.add('KFS106', `Condition ${quote(id)} starts with an else branch ${quote(branch.id)}: the first branch needs a comparison.`, { group: id, field: `branches[${index}].when` });
      else if (index < branches.length - 1) report.add('KFS106', `Else branch ${quote(branch.id)} of condition ${quote(id)} is not the last branch: move it to the end, or give it a comparison.`, { group: id, field: `branches[${index}].when` });
      return;
    }
    checkComparison(ix, report, id, branch.id, index, branch.when, chain);
  });
}

function checkComparison(ix: ValidationIndex, report: Report, id: string, branchId: string, index: number, when: Comparison, chain: readonly string[]): void {
  const field = `branches[${index}].when`;
  if (!isRecord(when) || !(COMPARISON_OPERATORS as readonly unknown[]).includes(when.operator)) {
    report.add('KFS106', `The comparison of branch ${quote(branchId)} in condition ${quote(id)} is incomplete: choose an operator and both sides.`, { group: id, field });
    return;
  }
  const sides: ['left' | 'right', Argument][] = [
    ['left', when.left],
    ['right', when.right],
  ];
  for (const [side, argument] of sides) {
    const site = { group: id, field: `${field}.${side}` };
    const type = resolveArgument(ix, report, argument, { what: `The ${side} side of the comparison in branch ${quote(branchId)}`, site, chain, group: id });
    if (type?.kind === 'artifact') {
      report.add('KFS204', `The ${side} side of the comparison in branch ${quote(branchId)} is a ${typeLabel(type)} artifact: conditions compare parameters only. Compare a parameter or an output parameter instead.`, site);
    }
  }
}

function checkParallelFor(ix: ValidationIndex, report: Report, id: string, group: ParallelForGroup): void {
  if (group.parallelism !== undefined && !(typeof group.parallelism === 'number' && Number.isInteger(group.parallelism) && group.parallelism >= 1)) {
    report.add('KFS106', `Parallel-for ${quote(id)} has parallelism ${text(group.parallelism)}: use a whole number of 1 or more, or leave it empty for no limit.`, { group: id, field: 'parallelism' });
  }
  const site = { group: id, field: 'items' };
  const items = group.items;
  if (!isRecord(items)) {
    report.add('KFS105', `Parallel-for ${quote(id)} has nothing to loop over: set its items to a list, a LIST parameter or a LIST output.`, site);
    return;
  }
  if (items.kind === 'constant') {
    if (!Array.isArray(items.value)) report.add('KFS105', `Parallel-for ${quote(id)} loops over ${describeValue(items.value)}, which is not a list: enter a JSON list such as [1, 2, 3].`, site);
    return;
  }
  const type = resolveArgument(ix, report, items, { what: `The items of parallel-for ${quote(id)}`, site, chain: ix.groupAncestors(id), group: id });
  if (type && !isListType(type)) {
    report.add('KFS105', `Parallel-for ${quote(id)} loops over a ${typeLabel(type)}, which is not a list: connect a LIST parameter or output, or a list of artifacts.`, site);
  }
}

function checkExitHandler(ix: ValidationIndex, report: Report, id: string, group: ExitHandlerGroup): void {
  const site = { group: id, field: 'exitTask' };
  const exitTask = group.exitTask;
  if (typeof exitTask !== 'string' || !ix.tasks.has(exitTask)) {
    report.add('KFS106', `Exit handler ${quote(id)} runs task ${quote(exitTask)} at its end, which does not exist: choose an existing task beside the group.`, site);
    return;
  }
  if (ix.taskChain(exitTask).includes(id)) {
    report.add('KFS106', `Exit handler ${quote(id)} has its exit task ${quote(exitTask)} inside itself: move the task out of the group, beside it.`, site);
    return;
  }
  const others = ix.exitTasks.get(exitTask) ?? [];
  if (others.length > 1 && others[0] !== id) {
    report.add('KFS106', `Task ${quote(exitTask)} is already the exit task of ${quote(others[0])}: give exit handler ${quote(id)} its own exit task.`, site);
  }
  if (listOf(ix.tasks.get(exitTask)?.after).length > 0) {
    // The SDK refuses an exit task with dependencies: it runs when the group ends, however it ends.
    report.add('KFS106', `Exit task ${quote(exitTask)} of exit handler ${quote(id)} is set to run after other tasks: remove its ordering edges; it already runs when the group ends.`, site);
  }
  const taskParent = ix.tasks.get(exitTask)?.parent;
  if ((taskParent ?? undefined) !== (group.parent ?? undefined)) {
    report.add('KFS106', `Exit task ${quote(exitTask)} of exit handler ${quote(id)} does not sit beside the group: put it in the same place as ${quote(id)}.`, site);
  }
}

export function checkGroups(ix: ValidationIndex, report: Report): void {
  for (const [id, group] of ix.groups) {
    checkParent(ix, report, id, group);
    if (group.kind === 'condition') checkCondition(ix, report, id, group);
    else if (group.kind === 'parallelFor') checkParallelFor(ix, report, id, group);
    else if (group.kind === 'exitHandler') checkExitHandler(ix, report, id, group);
    else report.add('KFS106', `Group ${quote(id)} is of unknown kind ${quote((group as { kind?: unknown }).kind)}: remove it and add a condition, parallel-for or exit handler.`, { group: id, field: 'kind' });
  }
  ix.tasks.forEach((task, id) => {
    const parent = task.parent;
    if (parent === undefined) return;
    if (typeof parent !== 'string' || ix.containerKind(parent) === undefined) {
      report.add('KFS106', `Task ${quote(id)} sits in ${quote(parent)}, which is not a group or branch: move it to the top of the graph or into an existing group.`, { task: id, field: 'parent' });
    } else if (ix.groups.get(parent)?.kind === 'condition') {
      report.add('KFS106', `Task ${quote(id)} sits directly in condition ${quote(parent)}: put it in one of its branches.`, { task: id, field: 'parent' });
    }
  });
}

// Where a task can be put and what it can wait for, as the Properties panel offers them: the containers it can sit
// in, and the tasks and whole groups it can be made to run after without a cycle.
import type { Group, PipelineDocument, Task } from '../model/document';
import { graphIndex } from '../model/graph-index';
import { groupTitle } from '../layout/group-frames';
import { checkOrdering } from './wire-check';

/** Containers a task can be placed in: groups other than conditions, and condition branches. */
export function containerChoices(document: PipelineDocument): { id: string; label: string }[] {
  return [...graphIndex(document.graph).groups.values()].flatMap((g) =>
    g.kind === 'condition' ? g.branches.map((b, i) => ({ id: b.id, label: `${groupTitle(g)} · ${!b.when ? 'else' : i === 0 ? 'if' : 'elif'} (branch ${i + 1})` })) : [{ id: g.id, label: groupTitle(g) }],
  );
}

/**
 * What a task can be made to run after: tasks that make no cycle, and whole groups (an if/elif/else, a loop), as the
 * IR's dependentTasks allows, other than the ones it already waits on or sits in.
 */
export function orderingCandidates(document: PipelineDocument, task: Task): { tasks: Task[]; groups: Group[] } {
  const index = graphIndex(document.graph);
  const around = new Set(index.taskChain(task.id));
  return {
    tasks: [...index.tasks.values()].filter((t) => checkOrdering(document, task.id, t.id) === undefined),
    groups: [...index.groups.values()].filter((g) => !task.after.includes(g.id) && !around.has(g.id)),
  };
}

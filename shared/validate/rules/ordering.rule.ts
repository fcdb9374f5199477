// `after` edges: each names another task or a group of the graph, and (as the KFP SDK requires) not one inside a
// condition or exit handler that the waiting task is outside of. Waiting on a task inside a parallel-for is allowed: it
// waits for every iteration. Waiting on a whole group (an if/elif/else, a loop, an exit handler) is what the IR's
// `dependentTasks: [condition-branches-1]` says: the group ends whichever branch ran, or none.
import { commonDepth } from '../../model/graph-index';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { listOf, quote, text } from '../../model/shape';

/** Where the ordering edge at `index` of a task's after list is; made only for a message. */
function afterSite(id: string, index: number): { task: string; field: string } {
  return { task: id, field: `after[${index}]` };
}

export function checkOrdering(ix: ValidationIndex, report: Report): void {
  ix.tasks.forEach((task, id) => {
    const after = listOf(task.after);
    if (after.length === 0) return;
    const chain = ix.chainOf(task.parent);
    for (let index = 0; index < after.length; index++) {
      const before = after[index];
      const name = text(before);
      if (before === id) {
        report.add('KFS103', `Task ${quote(id)} is set to run after itself: remove that ordering edge.`, afterSite(id, index));
        continue;
      }
      const isGroup = typeof before === 'string' && ix.groups.has(before);
      if (typeof before !== 'string' || !(ix.tasks.has(before) || isGroup)) {
        report.add(
          'KFS103',
          ix.branches.has(name)
            ? `Task ${quote(id)} is set to run after ${quote(name)}, which is one branch of a condition: run it after the whole condition or a task inside the branch.`
            : `Task ${quote(id)} is set to run after task ${quote(name)}, which does not exist: remove the ordering edge or point it at an existing task.`,
          afterSite(id, index),
        );
        continue;
      }
      if (isGroup && chain.includes(before)) {
        report.add('KFS101', `Task ${quote(id)} is set to run after group ${quote(name)}, which it sits in: that is a cycle. Remove the ordering edge.`, afterSite(id, index));
        continue;
      }
      const beforeChain = isGroup ? ix.groupAncestors(before) : ix.taskChain(before);
      const depth = commonDepth(beforeChain, chain);
      if (depth >= beforeChain.length) continue;
      const outer = beforeChain[depth] as string;
      const kind = ix.containerKind(outer);
      if (kind === 'parallelFor') continue;
      const where =
        kind === 'exitHandler'
          ? `exit handler ${quote(outer)}, which only tasks inside it can wait on`
          : `${kind === 'branch' ? 'branch' : 'condition'} ${quote(outer)} and may not run`;
      report.add('KFS109', `Task ${quote(id)} is set to run after task ${quote(name)}, which sits inside ${where}: move ${quote(id)} into ${quote(outer)} too, or remove the ordering edge.`, afterSite(id, index));
    }
  });
}

// `after` edges: each names another task of the graph, and (as the KFP SDK requires) not one inside a condition or
// exit handler that the waiting task is outside of. Waiting on a task inside a parallel-for is allowed: it waits for
// every iteration.
import { commonDepth } from '../graph-index';
import type { GraphIndex } from '../graph-index';
import type { Report } from '../report';
import { listOf, quote, text } from '../shape';

export function checkOrdering(ix: GraphIndex, report: Report): void {
  for (const [id, task] of ix.tasks) {
    const after = listOf(task.after);
    if (after.length === 0) continue;
    const chain = ix.taskChain(id);
    after.forEach((before, index) => {
      const site = { task: id, field: `after[${index}]` };
      const name = text(before);
      if (before === id) {
        report.add('KFS103', `Task ${quote(id)} is set to run after itself: remove that ordering edge.`, site);
        return;
      }
      if (typeof before !== 'string' || !ix.tasks.has(before)) {
        const isGroup = ix.groups.has(name) || ix.branches.has(name);
        report.add(
          'KFS103',
          isGroup
            ? `Task ${quote(id)} is set to run after ${quote(name)}, which is a group: ordering edges point at tasks; pick a task inside it.`
            : `Task ${quote(id)} is set to run after task ${quote(name)}, which does not exist: remove the ordering edge or point it at an existing task.`,
          site,
        );
        return;
      }
      const beforeChain = ix.taskChain(before);
      const depth = commonDepth(beforeChain, chain);
      if (depth >= beforeChain.length) return;
      const outer = beforeChain[depth] as string;
      const kind = ix.containerKind(outer);
      if (kind === 'parallelFor') return;
      const where =
        kind === 'exitHandler'
          ? `exit handler ${quote(outer)}, which only tasks inside it can wait on`
          : `${kind === 'branch' ? 'branch' : 'condition'} ${quote(outer)} and may not run`;
      report.add('KFS109', `Task ${quote(id)} is set to run after task ${quote(name)}, which sits inside ${where}: move ${quote(id)} into ${quote(outer)} too, or remove the ordering edge.`, site);
    });
  }
}

// Which task outputs a reader can take, by where the two sit among groups (the validator's KFS104 rules): a plain
// connection needs the producer's groups to hold the reader too; a collected one needs the first group the reader
// is outside of to be a parallel-for. And which tasks already depend on a task, so no source makes a cycle.
import type { Argument, PipelineDocument, Task } from '../model/document';
import { own } from '../names/names';

/** The groups and branches around `container` and `container` itself, outermost first. */
export function containerChain(document: PipelineDocument, container: string | undefined): string[] {
  const groups = document.graph.groups;
  const chain: string[] = [];
  for (let current = container, hops = 0; current !== undefined && hops < 100; hops++) {
    if (groups[current]) {
      chain.unshift(current);
      current = groups[current]?.parent;
      continue;
    }
    const owner = Object.values(groups).find((g) => g.kind === 'condition' && g.branches.some((b) => b.id === current));
    if (!owner) break;
    chain.unshift(owner.id, current);
    current = owner.parent;
  }
  return chain;
}

function commonDepth(a: readonly string[], b: readonly string[]): number {
  let depth = 0;
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++;
  return depth;
}

export type Reach = 'plain' | 'collected' | 'none';

/** How a reader sitting in `readerChain` may take an output of `producer`. */
export function reachOf(document: PipelineDocument, producer: Task, readerChain: readonly string[]): Reach {
  const chain = containerChain(document, producer.parent);
  const depth = commonDepth(chain, readerChain);
  if (depth >= chain.length) return 'plain';
  const outer = chain[depth] as string;
  return own(document.graph.groups, outer)?.kind === 'parallelFor' ? 'collected' : 'none';
}

function tasksIn(argument: Argument | undefined): string[] {
  if (!argument) return [];
  switch (argument.kind) {
    case 'taskOutput':
    case 'collected':
      return [argument.task];
    case 'oneOf':
      return argument.sources.map((s) => s.task);
    case 'template':
      return argument.parts.flatMap((p) => (typeof p === 'string' ? [] : tasksIn(p)));
    default:
      return [];
  }
}

/** The tasks a task waits on: its wires, ordering edges, and values naming its secrets, config maps and claims. */
export function upstreamOf(task: Task): Set<string> {
  const ups = new Set(task.after);
  for (const argument of Object.values(task.arguments)) for (const id of tasksIn(argument)) ups.add(id);
  const { secrets, configMaps, pvcs } = task.options;
  for (const s of secrets ?? []) for (const id of tasksIn(s.secretNameFrom)) ups.add(id);
  for (const c of configMaps ?? []) for (const id of tasksIn(c.configMapNameFrom)) ups.add(id);
  for (const p of pvcs ?? []) for (const id of tasksIn(p.pvcNameFrom)) ups.add(id);
  return ups;
}

/** `taskId` and every task downstream of it: none of these may feed it. */
export function downstreamOf(document: PipelineDocument, taskId: string): Set<string> {
  const next = new Map<string, string[]>();
  for (const task of Object.values(document.graph.tasks)) {
    for (const up of upstreamOf(task)) next.set(up, [...(next.get(up) ?? []), task.id]);
  }
  const seen = new Set<string>();
  const stack = [taskId];
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return seen;
}

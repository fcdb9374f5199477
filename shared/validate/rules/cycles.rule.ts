// Cycles through data edges, ordering edges, loop items, branch conditions and exit handlers.
// As the KFP compiler does, a dependency between two tasks in different groups becomes a dependency between their
// outermost differing ancestors (siblings in one DAG), so cycles that only appear at group level are found too.
import type { Argument } from '../../model/document';
import type { ValidationIndex } from '../validation-index';
import { readsOf } from '../../model/graph-index';
import type { Report } from '../report';
import { isRecord, listOf, quote } from '../../model/shape';

/** Element k of the chain followed by the node itself. */
function at(chain: readonly string[], self: string, k: number): string {
  return k < chain.length ? (chain[k] as string) : self;
}

class DependencyGraph {
  readonly ids: string[] = [];
  readonly index = new Map<string, number>();
  readonly next: number[][] = [];
  readonly selfLoops = new Set<string>();

  node(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.index.set(id, n);
      this.next.push([]);
    }
    return n;
  }

  /** `to` depends on `from`; both given with the containers around them, outermost first. */
  depend(from: string, fromChain: readonly string[], to: string, toChain: readonly string[]): void {
    if (from === to) {
      this.selfLoops.add(from);
      return;
    }
    const fromLength = fromChain.length + 1;
    const toLength = toChain.length + 1;
    let i = 0;
    while (i < fromLength && i < toLength && at(fromChain, from, i) === at(toChain, to, i)) i++;
    // One inside the other: reported where the reference is checked.
    if (i >= fromLength || i >= toLength) return;
    const a = this.node(at(fromChain, from, i));
    const b = this.node(at(toChain, to, i));
    this.next[a]?.push(b);
  }
}

const NONE: readonly string[] = [];

function producersOf(argument: Argument | undefined): readonly string[] {
  if (!isRecord(argument)) return NONE;
  if (argument.kind === 'taskOutput' || argument.kind === 'collected') return typeof argument.task === 'string' ? [argument.task] : NONE;
  if (argument.kind === 'oneOf') return listOf(argument.sources).flatMap((s) => (isRecord(s) && typeof s.task === 'string' ? [s.task] : []));
  return NONE;
}

function buildDependencies(ix: ValidationIndex): DependencyGraph {
  const graph = new DependencyGraph();
  for (const [id, task] of ix.tasks) {
    const chain = ix.taskChain(id);
    // What the task waits on, as the wire check and the source picker see it (graph index: wires, oneOf sources,
    // text templates, ordering edges, names from values); ordering edges may also name a whole group.
    for (const p of ix.upstreamOf(id)) {
      // Running after itself is the ordering rule's to report; reading its own output is a cycle.
      if (p === id && !readsOf(task).has(id)) continue;
      if (ix.tasks.has(p)) graph.depend(p, ix.taskChain(p), id, chain);
      else if (p !== id && ix.groups.has(p) && listOf(task.after).includes(p)) graph.depend(p, ix.groupAncestors(p), id, chain);
    }
  }
  for (const [id, group] of ix.groups) {
    const chain = ix.groupAncestors(id);
    const sources: (Argument | undefined)[] = [];
    if (group.kind === 'parallelFor') sources.push(group.items);
    if (group.kind === 'condition') for (const b of listOf(group.branches)) if (isRecord(b) && isRecord(b.when)) sources.push(b.when.left, b.when.right);
    for (const source of sources) for (const p of producersOf(source)) if (ix.tasks.has(p)) graph.depend(p, ix.taskChain(p), id, chain);
    if (group.kind === 'exitHandler' && typeof group.exitTask === 'string' && ix.tasks.has(group.exitTask)) {
      graph.depend(id, chain, group.exitTask, ix.taskChain(group.exitTask));
    }
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan's algorithm, without recursion). */
function components(graph: DependencyGraph): number[][] {
  const count = graph.ids.length;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const found: number[][] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const frame = work[work.length - 1] as [number, number];
      const v = frame[0];
      const out = graph.next[v] as number[];
      if (frame[1] < out.length) {
        const w = out[frame[1]++] as number;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === order[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          members.push(w);
        } while (w !== v);
        if (members.length > 1) found.push(members);
      }
    }
  }
  return found;
}

/** One concrete cycle through a component, starting at its smallest id, for the message. */
function cycleThrough(graph: DependencyGraph, members: number[]): string[] {
  const inside = new Set(members);
  const start = members.reduce((a, b) => ((graph.ids[a] as string) <= (graph.ids[b] as string) ? a : b));
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q] as number;
    for (const w of graph.next[v] ?? []) {
      if (w === start) {
        const path: string[] = [];
        for (let x = v; x !== -1; x = parent.get(x) ?? -1) path.push(graph.ids[x] as string);
        return path.reverse();
      }
      if (inside.has(w) && !parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return members.map((m) => graph.ids[m] as string);
}

const SHOWN = 12;

/** `'a' → 'b' → 'a'`; long cycles show their start and end. */
function describePath(path: string[], label: (id: string) => string): string {
  const first = path[0] as string;
  if (path.length <= SHOWN) return [...path, first].map(label).join(' → ');
  const head = path.slice(0, SHOWN - 2).map(label);
  const tail = path.slice(-2).map(label);
  return `${[...head, `… (${path.length - SHOWN} more) …`, ...tail, label(first)].join(' → ')}`;
}

export function checkCycles(ix: ValidationIndex, report: Report): void {
  const graph = buildDependencies(ix);
  const label = (id: string) => (ix.tasks.has(id) ? quote(id) : `group ${quote(id)}`);
  for (const id of graph.selfLoops) {
    report.add('KFS101', `Task ${quote(id)} reads one of its own outputs, so it can never start: connect the input to another task.`, { task: id });
  }
  for (const members of components(graph)) {
    const path = cycleThrough(graph, members);
    const first = path[0] as string;
    const where = ix.tasks.has(first) ? { task: first } : { group: first };
    const tasks = path.filter((id) => ix.tasks.has(id));
    report.add(
      'KFS101',
      `${tasks.length === path.length ? 'Tasks' : 'Steps'} ${describePath(path, label)} wait on each other in a cycle, so none can start: remove one of these connections or ordering edges.`,
      where,
    );
  }
}

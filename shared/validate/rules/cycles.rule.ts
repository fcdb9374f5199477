// Cycles through data edges, ordering edges, loop items, branch conditions and exit handlers.
// As the KFP compiler does, a dependency between two tasks in different groups becomes a dependency between their
// outermost differing ancestors (siblings in one DAG), so cycles that only appear at group level are found too.
import type { Argument } from '../../model/document';
import type { ValidationIndex } from '../validation-index';
import { readsOf, type IdSink } from '../../model/graph-index';
import type { Report } from '../report';
import { isRecord, listOf, quote } from '../../model/shape';

/** Element k of the chain followed by the node itself. */
function at(chain: readonly string[], self: string, k: number): string {
  return k < chain.length ? (chain[k] as string) : self;
}

/**
 * Who waits on whom among siblings. Every task, group and branch of the graph is a node, numbered once (tasks
 * first, in the graph's order); edges are kept flat (in typed arrays, outside the garbage-collected heap) and laid
 * out per node at the end, so a graph of any size costs a few arrays rather than one per node.
 */
class DependencyGraph {
  readonly ids: string[] = [];
  readonly number = new Map<string, number>();
  readonly selfLoops = new Set<string>();
  /** Edge k runs from[k] → to[k], for k below edgeCount; both grow by doubling. */
  private from = new Int32Array(64);
  private to = new Int32Array(64);
  private edgeCount = 0;

  constructor(ix: ValidationIndex) {
    // Task ids are distinct (keys of one record); a group or branch may repeat an id, and then shares its node.
    for (const id of ix.tasks.keys()) {
      this.number.set(id, this.ids.length);
      this.ids.push(id);
    }
    for (const id of ix.groups.keys()) this.add(id);
    for (const id of ix.branches.keys()) this.add(id);
  }

  private add(id: string): void {
    if (this.number.has(id)) return;
    this.number.set(id, this.ids.length);
    this.ids.push(id);
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
    this.edge(this.number.get(at(fromChain, from, i)) as number, this.number.get(at(toChain, to, i)) as number);
  }

  edge(a: number, b: number): void {
    if (this.edgeCount === this.from.length) {
      const from = new Int32Array(this.edgeCount * 2);
      const to = new Int32Array(this.edgeCount * 2);
      from.set(this.from);
      to.set(this.to);
      this.from = from;
      this.to = to;
    }
    this.from[this.edgeCount] = a;
    this.to[this.edgeCount] = b;
    this.edgeCount++;
  }

  /** The edges out of each node, in the order they were found: node v's run from targets[start[v]] to targets[start[v + 1]]. */
  adjacency(): Adjacency {
    const count = this.ids.length;
    const edges = this.edgeCount;
    const outDegree = new Int32Array(count);
    for (let k = 0; k < edges; k++) {
      const a = this.from[k] as number;
      outDegree[a] = (outDegree[a] as number) + 1;
    }
    const start = new Int32Array(count + 1);
    for (let v = 0; v < count; v++) start[v + 1] = (start[v] as number) + (outDegree[v] as number);
    // Reused as each node's next free slot.
    const fill = outDegree;
    fill.set(start.subarray(0, count));
    const targets = new Int32Array(edges);
    for (let k = 0; k < edges; k++) {
      const a = this.from[k] as number;
      const slot = fill[a] as number;
      targets[slot] = this.to[k] as number;
      fill[a] = slot + 1;
    }
    return { start, targets };
  }
}

interface Adjacency {
  start: Int32Array;
  targets: Int32Array;
}

const NONE: readonly string[] = [];

function producersOf(argument: Argument | undefined): readonly string[] {
  if (!isRecord(argument)) return NONE;
  if (argument.kind === 'taskOutput' || argument.kind === 'collected') return typeof argument.task === 'string' ? [argument.task] : NONE;
  if (argument.kind === 'oneOf') return listOf(argument.sources).flatMap((s) => (isRecord(s) && typeof s.task === 'string' ? [s.task] : []));
  return NONE;
}

/**
 * What one task waits on, as the wire check and the source picker see it (graph index: wires, oneOf sources, text
 * templates, names from values), taken from graph-index's readsOf one id at a time, as edges into the task.
 */
class TaskWaits implements IdSink {
  id = '';
  number = 0;
  chain: readonly string[] = NONE;

  constructor(
    private readonly graph: DependencyGraph,
    /** Task chains by node number (tasks are nodes 0..n-1). */
    private readonly chains: readonly (readonly string[])[],
  ) {}

  /** From now on, edges go into this task. */
  into(id: string, number: number): void {
    this.id = id;
    this.number = number;
    this.chain = this.chains[number] as readonly string[];
  }

  /** The task waits on task `p` (reading its own output is a cycle); a name that is no task is the argument rules' to report. */
  add(p: string): void {
    const number = this.graph.number.get(p);
    if (number === undefined || number >= this.chains.length) return;
    const chain = this.chains[number] as readonly string[];
    if (p === this.id) this.graph.selfLoops.add(p);
    // Both at the top of the graph (most tasks): they are the siblings.
    else if (chain.length === 0 && this.chain.length === 0) this.graph.edge(number, this.number);
    else this.graph.depend(p, chain, this.id, this.chain);
  }
}

function buildDependencies(ix: ValidationIndex): DependencyGraph {
  const graph = new DependencyGraph(ix);
  const chains: (readonly string[])[] = [];
  ix.tasks.forEach((task) => chains.push(ix.chainOf(task.parent)));
  const waits = new TaskWaits(graph, chains);
  let number = 0;
  ix.tasks.forEach((task, id) => {
    waits.into(id, number++);
    // Ordering edges name a task or a whole group; running after itself is the ordering rule's to report.
    for (const before of listOf(task.after)) {
      if (typeof before !== 'string' || before === id) continue;
      if (!ix.tasks.has(before) && ix.groups.has(before)) graph.depend(before, ix.groupAncestors(before), id, waits.chain);
      else waits.add(before);
    }
    readsOf(task, waits);
  });
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
function components({ start, targets }: Adjacency): number[][] {
  const count = start.length - 1;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  // The depth-first path, and for each node on it the next of its edges to follow.
  const path = new Int32Array(count);
  const nextEdge = new Int32Array(count);
  const found: number[][] = [];
  let counter = 0;
  let top = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    let depth = 0;
    path[depth++] = root;
    nextEdge[root] = start[root] as number;
    order[root] = low[root] = counter++;
    stack[top++] = root;
    onStack[root] = 1;
    while (depth) {
      const v = path[depth - 1] as number;
      const edge = nextEdge[v] as number;
      if (edge < (start[v + 1] as number)) {
        nextEdge[v] = edge + 1;
        const w = targets[edge] as number;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[top++] = w;
          onStack[w] = 1;
          path[depth++] = w;
          nextEdge[w] = start[w] as number;
        } else if (onStack[w]) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      depth--;
      if (depth) {
        const parent = path[depth - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] !== order[v]) continue;
      if (stack[top - 1] === v) {
        // A component of one node, as most are: no list for it.
        onStack[v] = 0;
        top--;
        continue;
      }
      const members: number[] = [];
      let w: number;
      do {
        w = stack[--top] as number;
        onStack[w] = 0;
        members.push(w);
      } while (w !== v);
      found.push(members);
    }
  }
  return found;
}

/** One concrete cycle through a component, starting at its smallest id, for the message. */
function cycleThrough(graph: DependencyGraph, { start: edges, targets }: Adjacency, members: number[]): string[] {
  const inside = new Set(members);
  const start = members.reduce((a, b) => ((graph.ids[a] as string) <= (graph.ids[b] as string) ? a : b));
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q] as number;
    for (let edge = edges[v] as number; edge < (edges[v + 1] as number); edge++) {
      const w = targets[edge] as number;
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
  const adjacency = graph.adjacency();
  for (const members of components(adjacency)) {
    const path = cycleThrough(graph, adjacency, members);
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

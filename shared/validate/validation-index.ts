// The lookups every rule shares, built in one pass over a graph so that each rule is linear in the graph's size: the
// structural index every part of the app asks (shared/model/graph-index), and what only validation needs.
import type { Argument, ComponentSpec, KfpType, PipelineDocument, PipelineGraph, PortSpec, Task } from '../model/document';
import { indexGraph, remember, type GraphIndex } from '../model/graph-index';
import { checkCompatibility } from '../types/type-compat';
import { isRecord, listOf } from '../model/shape';

/**
 * The graph's structural index (shared/model/graph-index) with what only validation needs. Rules walk the tasks with
 * `tasks.forEach`: `for (const [id, task] of tasks)` makes a pair per task, and garbage is what makes validation's
 * slow calls (each young-generation collection lands on one call).
 */
export interface ValidationIndex extends GraphIndex {
  doc: PipelineDocument;
  /** Component id of a nested pipeline; undefined for the root graph. */
  graphId: string | undefined;
  graph: PipelineGraph;
  /** Graph inputs (pipeline parameters for the root) by name; the first wins when names repeat. */
  inputs: Map<string, PortSpec>;
  /** Exit task id -> the exit handler groups that name it. */
  exitTasks: Map<string, string[]>;
  /** Names of graph inputs that some argument, loop or condition reads. */
  usedInputs: Set<string>;
  component(id: string): ComponentSpec | undefined;
  ports(component: ComponentSpec): PortMaps;
  /** The ports of the component with this id (one lookup per task or reference); undefined when there is none. */
  portsOf(id: unknown): PortMaps | undefined;
  /** checkCompatibility, memoized for the call. */
  compat(from: KfpType, to: KfpType): string | undefined;
}

export function buildGraphIndex(
  doc: PipelineDocument,
  graph: PipelineGraph,
  graphId: string | undefined,
  shared: CallCache = newCallCache(),
): ValidationIndex {
  // Built afresh on every call (a document may have been edited in place since), then kept for the editor to reuse.
  const structure = remember(graph, indexGraph(graph));
  const inputs = new Map<string, PortSpec>();
  for (const port of listOf(graph.inputs)) if (isRecord(port) && typeof port.name === 'string' && !inputs.has(port.name)) inputs.set(port.name, port);

  const components = componentsById(doc);
  const portsById = new Map<string, PortMaps>();
  const exitTasks = new Map<string, string[]>();
  for (const [key, group] of structure.groups) {
    if (group.kind !== 'exitHandler' || typeof group.exitTask !== 'string') continue;
    const list = exitTasks.get(group.exitTask);
    if (list) list.push(key);
    else exitTasks.set(group.exitTask, [key]);
  }

  return {
    ...structure,
    doc,
    graphId,
    graph,
    inputs,
    exitTasks,
    usedInputs: new Set<string>(),
    component: (id) => (typeof id === 'string' ? components.get(id) : undefined),
    ports: (component) => portMaps(component, shared.ports),
    portsOf: (id) => {
      if (typeof id !== 'string') return undefined;
      let ports = portsById.get(id);
      if (ports) return ports;
      const component = components.get(id);
      if (component) portsById.set(id, (ports = portMaps(component, shared.ports)));
      return ports;
    },
    compat: (from, to) => {
      let row = shared.compat.get(from);
      if (!row) shared.compat.set(from, (row = new Map()));
      const known = row.get(to);
      if (known !== undefined) return known ?? undefined;
      const result = checkCompatibility(from, to);
      row.set(to, result ?? null);
      return result;
    },
  };
}

/** The document's components by id (own keys, records only): one map lookup per task instead of a test and a read. */
function componentsById(doc: PipelineDocument): Map<string, ComponentSpec> {
  const byId = new Map<string, ComponentSpec>();
  const all = doc.components;
  if (!isRecord(all)) return byId;
  for (const id of Object.getOwnPropertyNames(all)) {
    const component = all[id];
    if (isRecord(component)) byId.set(id, component);
  }
  return byId;
}

/** A task's arguments, or none (one shared empty record) when they are missing or malformed. */
export function argumentsOf(task: Task): { [input: string]: Argument } {
  return isRecord(task.arguments) ? task.arguments : NO_ARGUMENTS;
}

const NO_ARGUMENTS: { [input: string]: Argument } = Object.freeze({});

/** Memos shared by the graphs of one validation call (never kept between calls: documents may be edited in place). */
export interface CallCache {
  ports: Map<ComponentSpec, PortMaps>;
  /** The problem of a connection from one type into another; null when they fit. */
  compat: Map<KfpType, Map<KfpType, string | null>>;
}

export function newCallCache(): CallCache {
  return { ports: new Map(), compat: new Map() };
}

export interface PortMaps {
  inputs: Map<string, PortSpec>;
  outputs: Map<string, PortSpec>;
  /** Names of the inputs a task must give: neither optional nor with a default. */
  required: readonly string[];
}

/** The input and output ports of a component, by name (first wins); memoized for one validation call. */
export function portMaps(component: ComponentSpec, cache: Map<ComponentSpec, PortMaps>): PortMaps {
  const cached = cache.get(component);
  if (cached) return cached;
  const inputs = new Map<string, PortSpec>();
  const outputs = new Map<string, PortSpec>();
  for (const port of listOf(component.inputs)) if (isRecord(port) && typeof port.name === 'string' && !inputs.has(port.name)) inputs.set(port.name, port);
  for (const port of listOf(component.outputs)) if (isRecord(port) && typeof port.name === 'string' && !outputs.has(port.name)) outputs.set(port.name, port);
  const required: string[] = [];
  for (const [name, port] of inputs) if (!port.optional && port.default === undefined) required.push(name);
  const maps = { inputs, outputs, required };
  cache.set(component, maps);
  return maps;
}

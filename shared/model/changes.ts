// Edits are data: every change a person makes is one of these, applied by the pure applyPipelineChanges.
// A change that does not fit the document (an unknown task, a taken id) is skipped, never thrown.
import type {
  Argument,
  ComponentSpec,
  GraphOutput,
  Group,
  NodePosition,
  PipelineDocument,
  PipelineGraph,
  PortSpec,
  Task,
  TaskOptions,
} from './document';
import { graphIndex } from './graph-index';
import { containerIds, renameRefs, type RefRename } from './graph-refs';
import { hasOwnName, own } from '../names/names';

/** `graph`: the id of a graph component whose nested pipeline is edited; absent for the root pipeline. */
interface InGraph {
  graph?: string;
}

export type PipelineChange =
  | { type: 'setPipelineInfo'; name?: string; displayName?: string; description?: string; defaultPipelineRoot?: string }
  | { type: 'putComponent'; id: string; component: ComponentSpec }
  | { type: 'removeComponent'; id: string }
  | ({ type: 'addTask'; task: Task; position?: NodePosition } & InGraph)
  | ({ type: 'removeNodes'; ids: string[] } & InGraph)
  | ({ type: 'updateTask'; id: string; displayName?: string | null; component?: string } & InGraph)
  | ({ type: 'setTaskOptions'; id: string; options: TaskOptions } & InGraph)
  | ({ type: 'setArgument'; task: string; input: string; argument: Argument | null } & InGraph)
  | ({ type: 'addAfter' | 'removeAfter'; task: string; dependsOn: string } & InGraph)
  | ({ type: 'renameNode'; id: string; newId: string } & InGraph)
  | ({ type: 'moveNodes'; positions: { [id: string]: NodePosition } } & InGraph)
  | ({ type: 'putParameter'; parameter: PortSpec; previousName?: string } & InGraph)
  | ({ type: 'removeParameter'; name: string } & InGraph)
  | ({ type: 'putOutput'; output: GraphOutput; previousName?: string } & InGraph)
  | ({ type: 'removeOutput'; name: string } & InGraph)
  | ({ type: 'addGroup'; group: Group; position?: NodePosition } & InGraph)
  | ({ type: 'updateGroup'; group: Group } & InGraph)
  | ({ type: 'setParent'; ids: string[]; parent: string | null } & InGraph);

export function applyPipelineChanges(document: PipelineDocument, changes: readonly PipelineChange[]): PipelineDocument {
  return changes.reduce(applyChange, document);
}

function applyChange(doc: PipelineDocument, change: PipelineChange): PipelineDocument {
  switch (change.type) {
    case 'setPipelineInfo': {
      const { type: _type, ...info } = change;
      return { ...doc, ...info };
    }
    case 'putComponent':
      return { ...doc, components: { ...doc.components, [change.id]: change.component } };
    case 'removeComponent':
      return isComponentUsed(doc, change.id) ? doc : { ...doc, components: omit(doc.components, [change.id]) };
    default:
      return editGraph(doc, change.graph, (graph) => applyGraphChange(graph, change));
  }
}

type GraphChange = Exclude<PipelineChange, { type: 'setPipelineInfo' | 'putComponent' | 'removeComponent' }>;

function applyGraphChange(graph: PipelineGraph, change: GraphChange): PipelineGraph {
  switch (change.type) {
    case 'addTask': {
      const { task } = change;
      if (!task.id || containerIds(graph).has(task.id) || own(graph.tasks, task.id)) return graph;
      const layout = change.position ? { ...graph.layout, [task.id]: change.position } : graph.layout;
      return { ...graph, tasks: { ...graph.tasks, [task.id]: task }, layout };
    }
    case 'removeNodes':
      return removeNodes(graph, new Set(change.ids));
    case 'updateTask':
      return updateTask(graph, change.id, (task) => {
        const next = { ...task, ...(change.component ? { component: change.component } : {}) };
        if (change.displayName === null || change.displayName === '') delete next.displayName;
        else if (change.displayName !== undefined) next.displayName = change.displayName;
        return next;
      });
    case 'setTaskOptions':
      return updateTask(graph, change.id, (task) => ({ ...task, options: change.options }));
    case 'setArgument':
      return updateTask(graph, change.task, (task) => ({
        ...task,
        arguments: change.argument ? { ...task.arguments, [change.input]: change.argument } : omit(task.arguments, [change.input]),
      }));
    case 'addAfter':
      if (change.task === change.dependsOn || !(own(graph.tasks, change.dependsOn) || own(graph.groups, change.dependsOn))) return graph;
      return updateTask(graph, change.task, (task) => (task.after.includes(change.dependsOn) ? task : { ...task, after: [...task.after, change.dependsOn] }));
    case 'removeAfter':
      return updateTask(graph, change.task, (task) => ({ ...task, after: task.after.filter((id) => id !== change.dependsOn) }));
    case 'renameNode':
      return renameNode(graph, change.id, change.newId);
    case 'moveNodes': {
      const known = Object.entries(change.positions).filter(([id]) => own(graph.tasks, id) || own(graph.groups, id));
      return known.length ? { ...graph, layout: { ...graph.layout, ...Object.fromEntries(known) } } : graph;
    }
    case 'putParameter':
      return putParameter(graph, change.parameter, change.previousName);
    case 'removeParameter':
      return renameRefs({ ...graph, inputs: graph.inputs.filter((p) => p.name !== change.name) }, { input: { from: change.name, to: null } });
    case 'putOutput': {
      const replaced = change.previousName ?? change.output.name;
      const index = graph.outputs.findIndex((o) => o.name === replaced);
      if (index < 0 && graph.outputs.some((o) => o.name === change.output.name)) return graph;
      const outputs = index < 0 ? [...graph.outputs, change.output] : graph.outputs.map((o, i) => (i === index ? change.output : o));
      return { ...graph, outputs };
    }
    case 'removeOutput':
      return { ...graph, outputs: graph.outputs.filter((o) => o.name !== change.name) };
    case 'addGroup': {
      const { group } = change;
      const taken = containerIds(graph);
      const ids = [group.id, ...(group.kind === 'condition' ? group.branches.map((b) => b.id) : [])];
      if (ids.some((id) => !id || taken.has(id) || own(graph.tasks, id)) || new Set(ids).size !== ids.length) return graph;
      const layout = change.position ? { ...graph.layout, [group.id]: change.position } : graph.layout;
      return { ...graph, groups: { ...graph.groups, [group.id]: group }, layout };
    }
    case 'updateGroup': {
      const current = own(graph.groups, change.group.id);
      if (!current || current.kind !== change.group.kind) return graph;
      return { ...graph, groups: { ...graph.groups, [change.group.id]: change.group } };
    }
    case 'setParent':
      return setParent(graph, change.ids, change.parent ?? undefined);
  }
}

function editGraph(doc: PipelineDocument, graphId: string | undefined, edit: (graph: PipelineGraph) => PipelineGraph): PipelineDocument {
  if (graphId === undefined) {
    const graph = edit(doc.graph);
    return graph === doc.graph ? doc : { ...doc, graph };
  }
  const component = own(doc.components, graphId);
  if (!component || component.implementation.kind !== 'graph') return doc;
  const graph = edit(component.implementation.graph);
  if (graph === component.implementation.graph) return doc;
  return { ...doc, components: { ...doc.components, [graphId]: { ...component, implementation: { kind: 'graph', graph } } } };
}

function updateTask(graph: PipelineGraph, id: string, update: (task: Task) => Task): PipelineGraph {
  const task = own(graph.tasks, id);
  return task ? { ...graph, tasks: { ...graph.tasks, [id]: update(task) } } : graph;
}

/** Removes tasks and groups; a removed group's content moves up to the group's parent. Wires to removed tasks go too. */
function removeNodes(graph: PipelineGraph, ids: Set<string>): PipelineGraph {
  if (![...ids].some((id) => own(graph.tasks, id) || own(graph.groups, id))) return graph;
  const removedContainers = new Map<string, string | undefined>();
  for (const id of ids) {
    const group = own(graph.groups, id);
    if (!group) continue;
    removedContainers.set(id, group.parent);
    if (group.kind === 'condition') for (const branch of group.branches) removedContainers.set(branch.id, group.parent);
  }
  const lift = (parent: string | undefined): string | undefined => {
    let current = parent;
    for (let hops = 0; current !== undefined && removedContainers.has(current) && hops <= removedContainers.size; hops++) current = removedContainers.get(current);
    return current !== undefined && removedContainers.has(current) ? undefined : current;
  };
  const withParent = <T extends { parent?: string }>(node: T): T => {
    if (node.parent === undefined || !removedContainers.has(node.parent)) return node;
    const parent = lift(node.parent);
    const { parent: _old, ...rest } = node;
    return (parent === undefined ? rest : { ...rest, parent }) as T;
  };
  const tasks = Object.fromEntries(
    Object.entries(graph.tasks)
      .filter(([id]) => !ids.has(id))
      .map(([id, task]) => [id, withParent(task)]),
  );
  const groups = Object.fromEntries(
    Object.entries(graph.groups)
      .filter(([id]) => !ids.has(id))
      .map(([id, group]) => [id, withParent(group)]),
  );
  let next: PipelineGraph = { ...graph, tasks, groups, layout: omit(graph.layout, [...ids]) };
  for (const id of ids) if (own(graph.tasks, id)) next = renameRefs(next, { task: { from: id, to: null } });
  return next;
}

function renameNode(graph: PipelineGraph, id: string, newId: string): PipelineGraph {
  if (!newId || id === newId || own(graph.tasks, newId) || containerIds(graph).has(newId)) return graph;
  const rename: RefRename = {};
  if (own(graph.tasks, id)) rename.task = { from: id, to: newId };
  else if (own(graph.groups, id) || containerIds(graph).has(id)) rename.container = { from: id, to: newId };
  else return graph;
  const tasks = Object.fromEntries(Object.entries(graph.tasks).map(([key, task]) => (key === id ? [newId, { ...task, id: newId }] : [key, task])));
  const groups = Object.fromEntries(
    Object.entries(graph.groups).map(([key, group]) => {
      if (key === id) return [newId, { ...group, id: newId }];
      if (group.kind === 'condition' && group.branches.some((b) => b.id === id)) {
        return [key, { ...group, branches: group.branches.map((b) => (b.id === id ? { ...b, id: newId } : b)) }];
      }
      return [key, group];
    }),
  );
  const layout = Object.fromEntries(Object.entries(graph.layout).map(([key, position]) => [key === id ? newId : key, position]));
  return renameRefs({ ...graph, tasks, groups, layout }, rename);
}

function putParameter(graph: PipelineGraph, parameter: PortSpec, previousName?: string): PipelineGraph {
  const replaced = previousName ?? parameter.name;
  const index = graph.inputs.findIndex((p) => p.name === replaced);
  if (!parameter.name || (parameter.name !== replaced && graph.inputs.some((p) => p.name === parameter.name))) return graph;
  if (index < 0) return { ...graph, inputs: [...graph.inputs, parameter] };
  const next = { ...graph, inputs: graph.inputs.map((p, i) => (i === index ? parameter : p)) };
  return replaced === parameter.name ? next : renameRefs(next, { input: { from: replaced, to: parameter.name } });
}

function setParent(graph: PipelineGraph, ids: string[], parent: string | undefined): PipelineGraph {
  if (parent !== undefined && !containerIds(graph).has(parent)) return graph;
  // A group cannot go inside itself or anything it holds.
  const encloses = (groupId: string, container: string | undefined): boolean => graphIndex(graph).chainOf(container).includes(groupId);
  const place = <T extends { parent?: string }>(node: T): T => {
    const { parent: _old, ...rest } = node;
    return (parent === undefined ? rest : { ...rest, parent }) as T;
  };
  let tasks = graph.tasks;
  let groups = graph.groups;
  for (const id of ids) {
    const task = own(tasks, id);
    const group = own(groups, id);
    if (task) tasks = { ...tasks, [id]: place(task) };
    else if (group && !encloses(id, parent)) groups = { ...groups, [id]: place(group) };
  }
  return tasks === graph.tasks && groups === graph.groups ? graph : { ...graph, tasks, groups };
}

function isComponentUsed(doc: PipelineDocument, id: string): boolean {
  const graphs = [doc.graph, ...Object.values(doc.components).flatMap((c) => (c.implementation.kind === 'graph' ? [c.implementation.graph] : []))];
  return graphs.some((graph) => Object.values(graph.tasks).some((task) => task.component === id));
}

function omit<T>(record: { [key: string]: T }, keys: readonly string[]): { [key: string]: T } {
  if (!keys.some((key) => hasOwnName(record, key))) return record;
  const next = { ...record };
  for (const key of keys) delete next[key];
  return next;
}

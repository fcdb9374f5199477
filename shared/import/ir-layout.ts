// Places a graph on the canvas, left to right as its wires run (inputs on a step's left side, outputs on its right):
// tasks at the size the canvas draws them, each group a frame around its members that no other task or frame
// overlaps (see compound-layout.ts). The importer and Auto layout both use it.
import type { ComponentSpec, NodePosition, PipelineGraph } from '../model/document';
import { estimatedPortOffset, estimatedTaskSize } from '../layout/task-size';
import { compoundLayout } from './compound-layout';
import { own } from '../names/names';

/** Positions for every task and group of `graph`; tasks are sized from their components' ports. */
export function graphLayout(graph: PipelineGraph, components: { readonly [id: string]: ComponentSpec } = {}): { [id: string]: NodePosition } {
  return compoundLayout(graph, {
    direction: 'LR',
    nodeGap: 50,
    rankGap: 90,
    taskSize: (id) => {
      const task = own(graph.tasks, id);
      return estimatedTaskSize(task, task ? own(components, task.component) : undefined);
    },
    portOffset: (id, side, port) => {
      const task = own(graph.tasks, id);
      return estimatedPortOffset(task, task ? own(components, task.component) : undefined, side, port);
    },
  });
}

/** Replaces the graph's layout with a fresh one. */
export function layoutGraph(graph: PipelineGraph, components: { readonly [id: string]: ComponentSpec } = {}): void {
  graph.layout = graphLayout(graph, components);
}

// Whether a wire from a task output to a task input may be drawn, and if not, why (in words a person can act on).
import type { PipelineDocument, PortSpec } from '../model/document';
import { checkCompatibility } from '../types/type-compat';
import { ORDER_IN, ORDER_OUT, portOfHandle } from './port-handles';
import { graphIndex } from '../model/graph-index';
import { own } from '../names/names';

export interface Wire {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

function port(document: PipelineDocument, taskId: string, side: 'inputs' | 'outputs', name: string | undefined): PortSpec | undefined {
  const task = own(document.graph.tasks, taskId);
  const component = task ? own(document.components, task.component) : undefined;
  return name === undefined ? undefined : component?.[side].find((p) => p.name === name);
}

/** Undefined when the wire is fine; otherwise the reason it is refused. */
export function checkWire(document: PipelineDocument, wire: Wire): string | undefined {
  if (isOrdering(wire)) {
    return wire.sourceHandle === ORDER_OUT && wire.targetHandle === ORDER_IN ? checkOrdering(document, wire.target, wire.source) : ORDERING_HINT;
  }
  const outputName = portOfHandle(wire.sourceHandle, 'out');
  const inputName = portOfHandle(wire.targetHandle, 'in');
  if (outputName === undefined || inputName === undefined) return 'Wires go from an output (right side) to an input (left side).';
  if (wire.source === wire.target) return 'A task cannot feed its own input.';
  const from = port(document, wire.source, 'outputs', outputName);
  const to = port(document, wire.target, 'inputs', inputName);
  if (!from || !to) return 'That port no longer exists.';
  const reason = checkCompatibility(from.type, to.type);
  if (reason) return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
  if (reaches(document, wire.target, wire.source)) return 'This wire would make a cycle: the input task already feeds the output task.';
  return undefined;
}

const ORDERING_HINT = 'Ordering edges go from the bottom handle of one task to the top handle of another.';

export function isOrdering(wire: Wire): boolean {
  return wire.sourceHandle === ORDER_OUT || wire.targetHandle === ORDER_IN;
}

/** Undefined when `task` may be made to run after `dependsOn`; otherwise why not. */
export function checkOrdering(document: PipelineDocument, task: string, dependsOn: string): string | undefined {
  if (!own(document.graph.tasks, task) || !own(document.graph.tasks, dependsOn)) return ORDERING_HINT;
  if (task === dependsOn) return 'A task cannot run after itself.';
  if (own(document.graph.tasks, task)?.after.includes(dependsOn)) return 'This task already runs after that one.';
  if (reaches(document, task, dependsOn)) return 'This ordering would make a cycle: the later task already runs before the earlier one.';
  return undefined;
}

/** Whether `from` is upstream of `to` (or is `to`), by anything a task waits on (the graph index's one rule). */
function reaches(document: PipelineDocument, from: string, to: string): boolean {
  return graphIndex(document.graph).feeds(from, to);
}

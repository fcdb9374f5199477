// Whether a wire from a task output to a task input may be drawn, and if not, why (in words a person can act on).
import type { PipelineDocument, PortSpec } from '../../shared/model/document';
import { checkCompatibility } from '../../shared/types/type-compat';
import { portOfHandle } from './port-handles';

export interface Wire {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

function port(document: PipelineDocument, taskId: string, side: 'inputs' | 'outputs', name: string | undefined): PortSpec | undefined {
  const task = document.graph.tasks[taskId];
  const component = task ? document.components[task.component] : undefined;
  return name === undefined ? undefined : component?.[side].find((p) => p.name === name);
}

/** Undefined when the wire is fine; otherwise the reason it is refused. */
export function checkWire(document: PipelineDocument, wire: Wire): string | undefined {
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

/** Whether `from` is upstream of `to`, by data wires and ordering edges. */
function reaches(document: PipelineDocument, from: string, to: string): boolean {
  const downstream = new Map<string, string[]>();
  for (const task of Object.values(document.graph.tasks)) {
    const ups = new Set(task.after);
    for (const argument of Object.values(task.arguments)) if (argument.kind === 'taskOutput' || argument.kind === 'collected') ups.add(argument.task);
    for (const up of ups) downstream.set(up, [...(downstream.get(up) ?? []), task.id]);
  }
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(downstream.get(id) ?? []));
  }
  return false;
}

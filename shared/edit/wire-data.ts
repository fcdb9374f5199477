// What a wire or an ordering edge on the canvas stands for in the document, and which upstream outputs an argument reads.
import type { Argument, TemplatePart } from '../model/document';

/** How a wire reads an upstream output: plainly, collected over a loop, as one of several sources, or inside a text. */
export type WireKind = 'data' | 'collected' | 'oneOf' | 'template';

/** What a wire into a task input stands for; `argument` is the input's whole argument when the wire was drawn. */
export interface WireData extends Record<string, unknown> {
  kind: WireKind;
  task: string;
  input: string;
  from: { task: string; output: string };
  argument: Argument;
}

export interface OrderData extends Record<string, unknown> {
  kind: 'after';
  task: string;
  dependsOn: string;
}

export type EdgeData = WireData | OrderData;

/** The upstream task outputs an argument reads, each with the kind of wire drawn for it. */
export function upstreamOutputs(argument: Argument | TemplatePart): { kind: WireKind; task: string; output: string }[] {
  if (typeof argument === 'string') return [];
  switch (argument.kind) {
    case 'taskOutput':
      return [{ kind: 'data', task: argument.task, output: argument.output }];
    case 'collected':
      return [{ kind: 'collected', task: argument.task, output: argument.output }];
    case 'oneOf':
      return argument.sources.map((s) => ({ kind: 'oneOf', task: s.task, output: s.output }));
    case 'template':
      return argument.parts.flatMap((part) => upstreamOutputs(part).map((ref) => ({ ...ref, kind: 'template' as const })));
    default:
      return [];
  }
}

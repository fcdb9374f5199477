// Values as Argo sees them: text (`{{tasks.x.outputs.parameters.y}}`, `{{workflow.parameters.p}}`, a constant) that is
// valid in one scope, with the DAG nodes of that scope it waits for. Bringing a value into a deeper scope adds an input
// to each DAG template on the way, as the KFP v1 compiler did with its loop and condition sub-DAGs.
import type { JsonValue, ParameterType } from '../../model/document';

export interface Source {
  /** Identifies the value across scopes (the name of the inputs it travels as). */
  key: string;
  artifact: boolean;
  /** The scope where `text` is valid; null when it is valid everywhere (a workflow parameter, a constant). */
  origin: string | null;
  text: string;
  /** `text` is an Argo expression without its `{{=` `}}` (an artifact then travels in `fromExpression`). */
  expression: boolean;
  /** DAG nodes of `origin` that must finish first. */
  nodes: string[];
  /** The parameter type, for comparisons. */
  type?: ParameterType;
}

export function constantText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The text an argument value carries: an expression is wrapped in `{{=...}}`. */
export function valueText(text: string, expression: boolean): string {
  return expression ? `{{=${text}}}` : text;
}

/** An Argo expression reading a DAG task's output (names may hold `-`, so they are indexed). */
export function outputExpression(node: string, artifact: boolean, name: string): string {
  return `tasks['${node}'].outputs.${artifact ? 'artifacts' : 'parameters'}['${name}']`;
}

export function outputReference(node: string, artifact: boolean, name: string): string {
  return `{{tasks.${node}.outputs.${artifact ? 'artifacts' : 'parameters'}.${name}}}`;
}

export function inputReference(artifact: boolean, name: string): string {
  return `{{inputs.${artifact ? 'artifacts' : 'parameters'}.${name}}}`;
}

// The Run dialog's parameter fields: one per pipeline parameter, its text (defaults filled in), and what is wrong.
import type { JsonValue, PipelineDocument, PortSpec } from '../../shared/model/document';
import { parameterToText, parseParameterText } from '../../shared/runtime/parameter-value';
import { nameRecord, own } from '../../shared/names/names';

export interface ParameterField {
  name: string;
  type: string;
  description?: string;
  required: boolean;
  /** The default as text, when there is one. */
  defaultText?: string;
  literals?: JsonValue[];
}

export function parameterFields(document: PipelineDocument): ParameterField[] {
  return document.graph.inputs
    .filter((p): p is PortSpec & { type: { kind: 'parameter' } } => p.type.kind === 'parameter')
    .map((p) => ({
      name: p.name,
      type: p.type.type,
      ...(p.description ? { description: p.description } : {}),
      required: p.default === undefined && !p.optional,
      ...(p.default !== undefined ? { defaultText: parameterToText(p.default) } : {}),
      ...(p.literals ? { literals: p.literals } : {}),
    }));
}

/** Pipeline inputs that are artifacts: the local runtime cannot take them yet. */
export function artifactInputs(document: PipelineDocument): string[] {
  return document.graph.inputs.filter((p) => p.type.kind === 'artifact' && !p.optional).map((p) => p.name);
}

export function initialValues(fields: readonly ParameterField[]): { [name: string]: string } {
  return Object.fromEntries(fields.map((f) => [f.name, f.defaultText ?? (f.type === 'BOOLEAN' ? 'false' : '')]));
}

/** Parsed values and the error of each field that has one. An empty optional field takes its default (sent as absent). */
export function readParameters(fields: readonly ParameterField[], texts: { [name: string]: string }): { values: { [name: string]: JsonValue }; errors: { [name: string]: string } } {
  const values = nameRecord<JsonValue>();
  const errors = nameRecord<string>();
  for (const field of fields) {
    const text = own(texts, field.name) ?? '';
    if (text.trim() === '' && field.type !== 'STRING') {
      if (field.required) errors[field.name] = 'Required: give a value.';
      continue;
    }
    if (text === '' && field.type === 'STRING' && field.required) {
      errors[field.name] = 'Required: give a value.';
      continue;
    }
    try {
      const value = parseParameterText(text, field.type, { parameter: field.name });
      if (field.literals && !field.literals.some((l) => JSON.stringify(l) === JSON.stringify(value))) {
        errors[field.name] = `Must be one of ${field.literals.map((l) => JSON.stringify(l)).join(', ')}.`;
        continue;
      }
      values[field.name] = value;
    } catch (error) {
      errors[field.name] = (error as Error).message;
    }
  }
  return { values, errors };
}

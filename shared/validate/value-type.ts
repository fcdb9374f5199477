// Whether a JSON constant fits a KFP parameter type, and how to name both to a person.
import type { JsonValue, KfpType, ParameterType } from '../model/document';
import { PARAMETER_TYPES } from '../model/document';
import { isRecord, text } from '../model/shape';

const TYPE_NAMES: Record<ParameterType, string> = {
  STRING: 'a string',
  NUMBER_INTEGER: 'an integer',
  NUMBER_DOUBLE: 'a number',
  BOOLEAN: 'true or false',
  LIST: 'a JSON list',
  STRUCT: 'a JSON object',
  TASK_FINAL_STATUS: 'the task final status',
};

/** `an integer`, `a JSON list`, ...: what a value of this type looks like. */
export function expectedValue(type: ParameterType): string {
  return TYPE_NAMES[type] ?? `a ${text(type)}`;
}

/** What a constant is, in words: `the string "5 GB"`, `the number 1.5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return `a ${typeof value}`;
}

export function valueMatches(value: JsonValue | undefined, type: ParameterType): boolean {
  switch (type) {
    case 'STRING':
      return typeof value === 'string';
    case 'NUMBER_INTEGER':
      return typeof value === 'number' && Number.isInteger(value);
    case 'NUMBER_DOUBLE':
      return typeof value === 'number' && Number.isFinite(value);
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'LIST':
      return Array.isArray(value);
    case 'STRUCT':
      return isRecord(value);
    default:
      return false;
  }
}

/** The parameter type a constant would have, as the SDK infers it from a Python literal. */
export function typeOfValue(value: unknown): KfpType | undefined {
  const type: ParameterType | undefined =
    typeof value === 'string'
      ? 'STRING'
      : typeof value === 'boolean'
        ? 'BOOLEAN'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'NUMBER_INTEGER'
            : 'NUMBER_DOUBLE'
          : Array.isArray(value)
            ? 'LIST'
            : isRecord(value)
              ? 'STRUCT'
              : undefined;
  return type ? { kind: 'parameter', type } : undefined;
}

export function isKfpType(value: unknown): value is KfpType {
  if (!isRecord(value)) return false;
  if (value.kind === 'parameter') return (PARAMETER_TYPES as readonly unknown[]).includes(value.type);
  return value.kind === 'artifact' && typeof value.schemaTitle === 'string' && typeof value.schemaVersion === 'string';
}

export function sameType(a: KfpType, b: KfpType): boolean {
  if (a.kind === 'parameter' && b.kind === 'parameter') return a.type === b.type;
  if (a.kind === 'artifact' && b.kind === 'artifact') return a.schemaTitle === b.schemaTitle && Boolean(a.isList) === Boolean(b.isList);
  return false;
}

export function isListType(type: KfpType): boolean {
  return type.kind === 'parameter' ? type.type === 'LIST' : Boolean(type.isList);
}

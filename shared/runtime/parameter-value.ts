// Parameter values at run time: checking and coercing what people give (CLI text, UI values) against the IR's
// `parameterType`, reading output parameters back from their output files, and writing values into command lines.
import { KfsError, type Location } from '../errors/codes';
import type { JsonValue } from '../model/document';
import { hasOwnName, nameRecord, own } from '../names/names';

function fail(message: string, where: Location): never {
  throw new KfsError('KFS801', message, where);
}

function isPlainObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a typed value against a parameter type; numbers written as integers are accepted for doubles. */
export function checkParameterValue(value: JsonValue, type: string, where: Location = {}): JsonValue {
  const shown = JSON.stringify(value);
  switch (type) {
    case 'STRING':
      if (typeof value !== 'string') fail(`Expected a string, got ${shown}.`, where);
      return value;
    case 'NUMBER_INTEGER':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(`Expected a whole number, got ${shown}.`, where);
      return value;
    case 'NUMBER_DOUBLE':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(`Expected a number, got ${shown}.`, where);
      return value;
    case 'BOOLEAN':
      if (typeof value !== 'boolean') fail(`Expected true or false, got ${shown}.`, where);
      return value;
    case 'LIST':
      if (!Array.isArray(value)) fail(`Expected a list (JSON array), got ${shown}.`, where);
      return value;
    case 'STRUCT':
    case 'TASK_FINAL_STATUS':
      if (!isPlainObject(value)) fail(`Expected a JSON object, got ${shown}.`, where);
      return value;
    default:
      return value;
  }
}

/** A value typed as text (the CLI's `--param k=v`, a form field) made into the parameter's type. */
export function parseParameterText(text: string, type: string, where: Location = {}): JsonValue {
  const trimmed = text.trim();
  switch (type) {
    case 'STRING':
      return text;
    case 'NUMBER_INTEGER': {
      if (!/^[-+]?\d+$/.test(trimmed)) fail(`Expected a whole number, got "${text}".`, where);
      return Number(trimmed);
    }
    case 'NUMBER_DOUBLE': {
      const value = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(value)) fail(`Expected a number, got "${text}".`, where);
      return value;
    }
    case 'BOOLEAN': {
      const lower = trimmed.toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      fail(`Expected true or false, got "${text}".`, where);
      break;
    }
    case 'LIST':
    case 'STRUCT':
    case 'TASK_FINAL_STATUS': {
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch {
        fail(`Expected JSON (${type === 'LIST' ? 'an array such as ["a", "b"]' : 'an object such as {"k": 1}'}), got "${text}".`, where);
      }
      return checkParameterValue(value as JsonValue, type, where);
    }
  }
  return text;
}

/**
 * What a step wrote to an output parameter's file, typed by its `outputDefinitions` type. Text that does not parse
 * as the type is refused: downstream steps would otherwise get a value of the wrong type.
 */
export function parseOutputParameter(text: string, type: string, where: Location = {}): JsonValue {
  if (type === 'STRING') return text;
  const trimmed = text.trim();
  if (type === 'BOOLEAN' && (trimmed === 'True' || trimmed === 'False')) return trimmed === 'True';
  if (type === 'NUMBER_INTEGER' && /^[-+]?\d+\.0*$/.test(trimmed)) return Number(trimmed);
  return parseParameterText(trimmed, type, where);
}

/** A value as it appears in a command line: strings as they are, everything else as compact JSON. */
export function parameterToText(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** Integer-typed inputs whose value came as a double (YAML `9.0`) are made whole, as the KFP backend does. */
export function normalizeParameterValue(value: JsonValue, type: string): JsonValue {
  if (type === 'NUMBER_INTEGER' && typeof value === 'number' && Number.isInteger(value)) return value;
  if (type === 'NUMBER_INTEGER' && typeof value === 'string' && /^[-+]?\d+$/.test(value.trim())) return Number(value.trim());
  return value;
}

/** The pipeline's parameters: the given values checked, defaults filled in, missing required ones refused. */
export function resolveRunParameters(
  definitions: { [name: string]: { parameterType: string; defaultValue?: JsonValue; isOptional: boolean } },
  given: { [name: string]: JsonValue },
): { [name: string]: JsonValue } {
  const values = nameRecord<JsonValue>();
  for (const name of Object.keys(given)) {
    if (!hasOwnName(definitions, name)) {
      const known = Object.keys(definitions);
      fail(`The pipeline has no parameter "${name}"${known.length ? `; its parameters are ${known.join(', ')}` : ''}.`, { parameter: name });
    }
  }
  for (const [name, def] of Object.entries(definitions)) {
    const value = own(given, name);
    if (value !== undefined) values[name] = checkParameterValue(value, def.parameterType, { parameter: name });
    else if (def.defaultValue !== undefined) values[name] = def.defaultValue;
    else if (!def.isOptional) fail(`The pipeline parameter "${name}" (${def.parameterType}) needs a value.`, { parameter: name });
  }
  return values;
}

/** Applies `parameterExpressionSelector` as the SDK writes it: `parseJson(string_value)["key"]` (a struct field). */
export function applySelector(value: JsonValue | undefined, selector: string, where: Location = {}): JsonValue | undefined {
  const match = /^parseJson\(string_value\)\[\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*\]$/.exec(selector.trim());
  if (!match) throw new KfsError('KFS612', `The value selector "${selector}" is not one the local runtime understands.`, where);
  const key = match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : (match[2] ?? '');
  let struct: unknown = value;
  if (typeof value === 'string') {
    try {
      struct = JSON.parse(value);
    } catch {
      struct = undefined;
    }
  }
  if (!isPlainObject(struct)) throw new KfsError('KFS801', `Expected a JSON object to take field "${key}" from, got ${JSON.stringify(value)}.`, where);
  return struct[key];
}

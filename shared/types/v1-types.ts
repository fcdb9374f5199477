// How the KFP SDK v2 reads the types, names and defaults of a v1 `component.yaml`
// (kfp.dsl.structures.ComponentSpec.from_v1_component_spec with kfp.dsl.types.type_utils):
// - a type whose name (lower case, outer generic only: `List[str]` -> `List`) is in the parameter table is a parameter;
// - `PipelineTaskFinalStatus` is the task-final-status parameter;
// - `google.<Name>` is that Google artifact at version 0.0.1;
// - a name from the SDK's artifact classes (`Model`, `Dataset`, ...) is that `system.` artifact;
// - anything else (no type, `GCSPath`, `CSV`, `{GCSPath: {data_type: CSV}}`, ...) is the generic `system.Artifact`.
import type { JsonValue, KfpType, ParameterType } from '../model/document';

export const DEFAULT_ARTIFACT_SCHEMA_VERSION = '0.0.1';

/** type_utils.PARAMETER_TYPES_MAPPING: keys are lower-cased type names. */
const PARAMETER_TYPES: Readonly<Record<string, ParameterType>> = {
  integer: 'NUMBER_INTEGER',
  int: 'NUMBER_INTEGER',
  double: 'NUMBER_DOUBLE',
  float: 'NUMBER_DOUBLE',
  string: 'STRING',
  str: 'STRING',
  text: 'STRING',
  bool: 'BOOLEAN',
  boolean: 'BOOLEAN',
  dict: 'STRUCT',
  list: 'LIST',
  jsonobject: 'STRUCT',
  jsonarray: 'LIST',
};

/** type_utils.ARTIFACT_CLASSES_MAPPING: lower-cased v1 names of the SDK's artifact classes, to their schema titles. */
const ARTIFACT_CLASSES: Readonly<Record<string, string>> = {
  artifact: 'system.Artifact',
  model: 'system.Model',
  dataset: 'system.Dataset',
  metrics: 'system.Metrics',
  classificationmetrics: 'system.ClassificationMetrics',
  slicedclassificationmetrics: 'system.SlicedClassificationMetrics',
  html: 'system.HTML',
  markdown: 'system.Markdown',
};

const GOOGLE_TYPES_PATTERN = /^google.[A-Za-z]+$/;

/** type_utils.get_canonical_name_for_outer_generic: `typing.List[str]` -> `List`, `Dict[str, int]` -> `Dict`. */
export function canonicalOuterGeneric(typeName: string): string {
  const name = typeName.startsWith('typing.') ? typeName.slice('typing.'.length) : typeName;
  const lower = name.toLowerCase();
  return lower.startsWith('list') || lower.startsWith('dict') ? (name.split('[')[0] ?? name) : name;
}

/** A short text for the type as the file wrote it: `GCSPath`, or `GCSPath {"data_type":"CSV"}` for the dict form. */
export function describeV1Type(declared: unknown): string | undefined {
  if (declared === undefined || declared === null) return undefined;
  if (typeof declared === 'string') return declared;
  if (typeof declared === 'object' && !Array.isArray(declared)) {
    const [name, props] = Object.entries(declared)[0] ?? [];
    if (name === undefined) return undefined;
    return props && typeof props === 'object' && Object.keys(props).length ? `${name} ${JSON.stringify(props)}` : name;
  }
  return JSON.stringify(declared);
}

/** Whether a declared v1 type is a parameter type for the SDK (type_utils.is_parameter_type, short name). */
export function isV1ParameterType(declared: unknown): boolean {
  return v1ParameterType(declared) !== undefined;
}

function shortTypeName(name: string): string {
  const match = /^(?:typing\.)?(\w+)(?:\[.+\])?$/.exec(name);
  return match?.[1] ?? name;
}

function v1ParameterType(declared: unknown): ParameterType | undefined {
  if (typeof declared !== 'string') return undefined;
  if (declared === 'PipelineTaskFinalStatus') return 'TASK_FINAL_STATUS';
  return PARAMETER_TYPES[canonicalOuterGeneric(shortTypeName(declared)).toLowerCase()];
}

function withDeclared<T extends KfpType>(type: T, declared: unknown): T {
  const text = describeV1Type(declared);
  return text === undefined ? type : { ...type, declaredAs: text };
}

/** The KfpType the SDK gives a v1 input or output declared with `type: declared`. */
export function kfpTypeFromV1(declared: unknown): KfpType {
  if (typeof declared === 'string') {
    const canonical = canonicalOuterGeneric(declared);
    if (canonical === 'PipelineTaskFinalStatus') return withDeclared({ kind: 'parameter', type: 'TASK_FINAL_STATUS' }, declared);
    const parameter = PARAMETER_TYPES[canonical.toLowerCase()];
    if (parameter) return withDeclared({ kind: 'parameter', type: parameter }, declared);
    if (GOOGLE_TYPES_PATTERN.test(canonical)) {
      return withDeclared({ kind: 'artifact', schemaTitle: canonical, schemaVersion: DEFAULT_ARTIFACT_SCHEMA_VERSION }, declared);
    }
    const title = ARTIFACT_CLASSES[canonical.toLowerCase()];
    if (title) return withDeclared({ kind: 'artifact', schemaTitle: title, schemaVersion: DEFAULT_ARTIFACT_SCHEMA_VERSION }, declared);
  }
  return withDeclared({ kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: DEFAULT_ARTIFACT_SCHEMA_VERSION }, declared);
}

/** kfp.dsl.utils.sanitize_input_name: lower case, runs of other characters become `_`, no leading or trailing `_`. */
export function sanitizeInputName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^_0-9a-z]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** kfp.dsl.utils.maybe_rename_for_k8s: lower case, runs of other characters become `-`, no leading or trailing `-`. */
export function renameForK8s(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-0-9a-z]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export type DefaultResult = { ok: true; value: JsonValue } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '0']);

function pythonStr(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/**
 * type_utils.deserialize_v1_component_yaml_default: v1 defaults are mostly strings; the SDK casts them by the type
 * name (`int(...)`, `float(...)`, `str(...)`, `strtobool`, `json.loads` with fallback). Unknown types keep the value.
 * Where Python's cast would raise, this answers a reason instead.
 */
export function deserializeV1Default(declared: unknown, value: JsonValue): DefaultResult {
  if (value === null || typeof declared !== 'string') return { ok: true, value };
  switch (declared.toLowerCase()) {
    case 'integer':
    case 'int': {
      if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
      if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value: Math.trunc(value) } : { ok: false, reason: `${value} is not an integer` };
      if (typeof value === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(value)) return { ok: true, value: Number(value.trim().replace(/_/g, '')) };
      return { ok: false, reason: `${JSON.stringify(value)} is not an integer` };
    }
    case 'double':
    case 'float': {
      if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.trim()))) return { ok: true, value: Number(value.trim()) };
      return { ok: false, reason: `${JSON.stringify(value)} is not a number` };
    }
    case 'string':
    case 'str':
    case 'text':
      return { ok: true, value: pythonStr(value) };
    case 'bool':
    case 'boolean': {
      if (typeof value !== 'string') return { ok: true, value };
      const word = value.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, reason: `${JSON.stringify(value)} is not a boolean (use true or false)` };
    }
    case 'dict':
    case 'list':
    case 'jsonobject':
    case 'jsonarray': {
      if (typeof value !== 'string') return { ok: true, value };
      try {
        return { ok: true, value: JSON.parse(value) as JsonValue };
      } catch {
        return { ok: true, value };
      }
    }
    default:
      return { ok: true, value };
  }
}

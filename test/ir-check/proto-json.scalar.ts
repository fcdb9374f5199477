// Protobuf JSON rules for scalar values, as Go's protojson (the KFP backend's decoder) applies them.
// Each check returns null when the value is accepted, or a message saying what was expected.

export type JsonKind = 'null' | 'bool' | 'number' | 'string' | 'list' | 'object' | 'non-JSON value';

export function jsonKind(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'object';
  return 'non-JSON value';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function show(value: unknown): string {
  const kind = jsonKind(value);
  if (kind === 'string') return `the string ${JSON.stringify(value)}`;
  if (kind === 'number' || kind === 'bool') return `${kind} ${String(value)}`;
  if (kind === 'null' || kind === 'non-JSON value') return kind;
  return `${kind === 'object' ? 'an' : 'a'} ${kind}`;
}

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const plainInteger = /^-?\d+$/;

const INT_RANGES = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
} as const;

const INT_KIND: Record<string, keyof typeof INT_RANGES> = {
  int32: 'int32', sint32: 'int32', sfixed32: 'int32',
  uint32: 'uint32', fixed32: 'uint32',
  int64: 'int64', sint64: 'int64', sfixed64: 'int64',
  uint64: 'uint64', fixed64: 'uint64',
};

// Quoted numbers are accepted for every integer type (the protobuf JSON spec: "either numbers or strings").
function checkInteger(kind: keyof typeof INT_RANGES, value: unknown): string | null {
  const expected = kind.endsWith('64')
    ? `an integer (${kind}: a number or a decimal string)`
    : `an integer (${kind})`;
  let big: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `expected ${expected}, got ${show(value)}`;
    big = BigInt(value);
  } else if (typeof value === 'string') {
    if (plainInteger.test(value)) big = BigInt(value);
    else if (jsonNumber.test(value) && Number.isInteger(Number(value))) big = BigInt(Number(value));
    else return `expected ${expected}, got ${show(value)}`;
  } else {
    return `expected ${expected}, got ${show(value)}`;
  }
  const [min, max] = INT_RANGES[kind];
  if (big < min || big > max) return `${String(value)} is out of range for ${kind}`;
  return null;
}

const FLOAT_MAX = 3.4028234663852886e38;

function checkFloat(type: 'double' | 'float', value: unknown): string | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return null;
    if (!jsonNumber.test(value)) return `expected a number (${type}), got ${show(value)}`;
    n = Number(value);
  } else {
    return `expected a number (${type}), got ${show(value)}`;
  }
  // YAML's .inf/.nan cannot be written as JSON numbers: the backend's YAML-to-JSON step refuses them.
  if (!Number.isFinite(n)) return `${String(n)} cannot be written as a JSON number; use the string "${n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN'}"`;
  if (type === 'float' && Math.abs(n) > FLOAT_MAX) return `${String(n)} is out of range for float`;
  return null;
}

function checkBytes(value: unknown): string | null {
  if (typeof value !== 'string') return `expected base64 bytes (a string), got ${show(value)}`;
  const urlSafe = /[-_]/.test(value);
  let body = value;
  if (value.length % 4 === 0) body = value.replace(/={1,2}$/, '');
  const alphabet = urlSafe ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*$/;
  if (!alphabet.test(body) || body.length % 4 === 1) return `expected base64 bytes, got ${show(value)}`;
  return null;
}

/** Checks a value against a protobuf scalar type name (`string`, `int64`, `bytes`, ...). */
export function checkScalar(type: string, value: unknown): string | null {
  const intKind = INT_KIND[type];
  if (intKind) return checkInteger(intKind, value);
  switch (type) {
    case 'double':
    case 'float':
      return checkFloat(type, value);
    case 'bool':
      return typeof value === 'boolean' ? null : `expected true or false, got ${show(value)}`;
    case 'string':
      return typeof value === 'string' ? null : `expected a string, got ${show(value)}`;
    case 'bytes':
      return checkBytes(value);
    default:
      return `unsupported scalar type ${type}`;
  }
}

/** Map keys are always JSON strings; for integer and bool keys the string must spell such a value. */
export function checkMapKey(keyType: string, key: string): string | null {
  if (keyType === 'string') return null;
  if (keyType === 'bool') return key === 'true' || key === 'false' ? null : `map key ${JSON.stringify(key)} is not true or false`;
  const intKind = INT_KIND[keyType];
  if (intKind && plainInteger.test(key)) return checkInteger(intKind, key);
  return `map key ${JSON.stringify(key)} is not a valid ${keyType}`;
}

export { show as showJsonValue };

// Well-known types whose protobuf JSON form is not a plain object of their fields.
import { indexPath, keyPath } from './ir-check.path';
import { checkScalar, isPlainObject, jsonKind, showJsonValue } from './proto-json.scalar';

export type Report = (path: string, message: string) => void;

/** Any JSON value, as google.protobuf.Value holds it (null, bool, finite number, string, list, object). */
export function checkJsonValue(value: unknown, path: string, report: Report): void {
  const kind = jsonKind(value);
  if (kind === 'number' && !Number.isFinite(value as number)) {
    report(path, `${String(value)} cannot be written as a JSON number`);
  } else if (kind === 'list') {
    (value as unknown[]).forEach((item, i) => checkJsonValue(item, indexPath(path, i), report));
  } else if (kind === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) checkJsonValue(item, keyPath(path, key), report);
  } else if (kind === 'non-JSON value') {
    report(path, `expected a JSON value, got ${Object.prototype.toString.call(value)}`);
  }
}

function checkStruct(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, `expected an object (google.protobuf.Struct), got ${showJsonValue(value)}`);
  checkJsonValue(value, path, report);
}

function checkListValue(value: unknown, path: string, report: Report): void {
  if (!Array.isArray(value)) return report(path, `expected a list (google.protobuf.ListValue), got ${showJsonValue(value)}`);
  checkJsonValue(value, path, report);
}

const MAX_DURATION_SECONDS = 315_576_000_000;

function checkDuration(value: unknown, path: string, report: Report): void {
  const match = typeof value === 'string' ? /^-?(\d+)(?:\.\d{1,9})?s$/.exec(value) : null;
  if (!match) return report(path, `expected a duration such as "3.5s" (google.protobuf.Duration), got ${showJsonValue(value)}`);
  if (Number(match[1]) > MAX_DURATION_SECONDS) report(path, `duration ${String(value)} is out of range`);
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function checkTimestamp(value: unknown, path: string, report: Report): void {
  const m = typeof value === 'string' ? rfc3339.exec(value) : null;
  const n = (i: number): number => Number(m?.[i] ?? 0);
  const valid = m !== null && n(1) >= 1 && n(2) >= 1 && n(2) <= 12 && n(3) >= 1
    && n(3) <= new Date(Date.UTC(2000, n(2), 0)).getUTCDate() && n(4) <= 23 && n(5) <= 59 && n(6) <= 59
    && n(8) <= 23 && n(9) <= 59
    && (n(2) !== 2 || n(3) !== 29 || (n(1) % 4 === 0 && (n(1) % 100 !== 0 || n(1) % 400 === 0)));
  if (!valid) report(path, `expected an RFC 3339 time such as "2024-01-31T12:00:00Z" (google.protobuf.Timestamp), got ${showJsonValue(value)}`);
}

function checkFieldMask(value: unknown, path: string, report: Report): void {
  const ok = typeof value === 'string' && /^(?:[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*(?:,[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*)*)?$/.test(value);
  if (!ok) report(path, `expected comma-separated lowerCamelCase paths (google.protobuf.FieldMask), got ${showJsonValue(value)}`);
}

function checkEmpty(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, `expected an object (google.protobuf.Empty), got ${showJsonValue(value)}`);
  for (const key of Object.keys(value)) report(keyPath(path, key), `unknown field "${key}" in google.protobuf.Empty`);
}

const WRAPPERS: Record<string, string> = {
  DoubleValue: 'double', FloatValue: 'float', Int64Value: 'int64', UInt64Value: 'uint64',
  Int32Value: 'int32', UInt32Value: 'uint32', BoolValue: 'bool', StringValue: 'string', BytesValue: 'bytes',
};

type WktCheck = (value: unknown, path: string, report: Report) => void;

const WKT: Record<string, WktCheck> = {
  'google.protobuf.Struct': checkStruct,
  'google.protobuf.Value': checkJsonValue,
  'google.protobuf.ListValue': checkListValue,
  'google.protobuf.Duration': checkDuration,
  'google.protobuf.Timestamp': checkTimestamp,
  'google.protobuf.FieldMask': checkFieldMask,
  'google.protobuf.Empty': checkEmpty,
};
for (const [name, scalar] of Object.entries(WRAPPERS)) {
  WKT[`google.protobuf.${name}`] = (value, path, report) => {
    const problem = checkScalar(scalar, value);
    if (problem) report(path, `${problem} (google.protobuf.${name})`);
  };
}

/** The check for a well-known type with a special JSON form, by full name without the leading dot. */
export function wellKnownCheck(fullName: string): WktCheck | undefined {
  return WKT[fullName];
}

/** Whether an Any holding this type carries its JSON form under "value" (types with a special form do). */
export function anyUsesValueField(fullName: string): boolean {
  return fullName in WKT;
}

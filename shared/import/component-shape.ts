// Small shape checks shared by the component importers: each refusal names the field it is about.
import { KfsError } from '../errors/codes';
import type { ErrorCode, Location } from '../errors/codes';
import type { JsonValue } from '../model/document';

export interface ImportContext {
  file?: string;
  /** Component name (or id) once known, for locations. */
  component?: string;
  /** The parsed component a graph task's `componentRef.url` names (fetched beforehand by the host); throws a KfsError when it cannot. */
  resolveUrl?: (url: string) => unknown;
}

export type Dict = { [key: string]: unknown };

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function where(ctx: ImportContext, extra: Location = {}): Location {
  return {
    ...(ctx.file !== undefined ? { file: ctx.file } : {}),
    ...(ctx.component !== undefined ? { component: ctx.component } : {}),
    ...extra,
  };
}

export function refuse(code: ErrorCode, message: string, ctx: ImportContext, extra: Location = {}): never {
  throw new KfsError(code, message, where(ctx, extra));
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** An optional string field: absent or null is undefined; anything else but a string is refused. */
export function optionalString(owner: Dict, key: string, field: string, ctx: ImportContext, code: ErrorCode = 'KFS411'): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') refuse(code, `\`${field}\` must be text, not ${describeValue(value)}.`, ctx, { field });
  return value;
}

/** A list field that may be absent or null (then empty). */
export function optionalList(owner: Dict, key: string, field: string, ctx: ImportContext, code: ErrorCode = 'KFS411'): unknown[] {
  const value = owner[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(code, `\`${field}\` must be a list, not ${describeValue(value)}.`, ctx, { field });
  return value;
}

export function optionalDict(owner: Dict, key: string, field: string, ctx: ImportContext, code: ErrorCode = 'KFS411'): Dict | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (!isDict(value)) refuse(code, `\`${field}\` must be a mapping, not ${describeValue(value)}.`, ctx, { field });
  return value;
}

/** Plain YAML data is JSON data once loaded by shared/yaml; this narrows it for the model. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isDict(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) out[key] = toJsonValue(item);
    return out;
  }
  return null;
}

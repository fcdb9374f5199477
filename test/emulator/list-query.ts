// ListXxx paging, sorting and filtering as the KFP server does them: `sort_by` ("field", "field asc|desc"),
// `filter` (a JSON Filter message, URL-encoded once more as the KFP UI sends it: predicates AND-ed), `page_size` (default 20, at most 200) and an opaque
// `page_token` that carries the sort and filter of the first request, as KFP's token does.
import { invalidInput } from './http-util';

export type FieldValue = string | number | boolean | undefined;

export interface ListSpec<T> {
  /** Resource name in messages ("runs"). */
  kind: string;
  /** API field name → value (timestamps as seconds since the epoch, as KFP stores them). */
  fields: Record<string, (item: T) => FieldValue>;
  id: (item: T) => string;
  defaultSort?: string;
}

export interface ListResult<T> {
  items: T[];
  total: number;
  nextPageToken?: string;
}

interface Token {
  sort: string;
  desc: boolean;
  filter: string;
  after: { value: FieldValue; id: string };
  pageSize: number;
}

const OPERATIONS: Record<number, string> = { 1: 'EQUALS', 2: 'NOT_EQUALS', 3: 'GREATER_THAN', 5: 'GREATER_THAN_EQUALS', 6: 'LESS_THAN', 7: 'LESS_THAN_EQUALS', 8: 'IN', 9: 'IS_SUBSTRING' };

interface Predicate {
  key: string;
  operation: string;
  value?: FieldValue;
  values?: FieldValue[];
}

function pick(obj: Record<string, unknown>, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return obj[snake] ?? obj[camel];
}

/** Go's url.QueryUnescape: `+` is a space, `%XX` a byte, any other `%` an error. */
function queryUnescape(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '+') bytes.push(0x20);
    else if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`invalid URL escape ${JSON.stringify(text.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** parseAPIFilter (apiserver/server/list_request_util.go): the query value is URL-decoded once more, then read as JSON. */
function parseFilter(text: string, fields: Record<string, unknown>): Predicate[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(queryUnescape(text));
  } catch (error) {
    throw invalidInput(`failed to parse valid filter from ${JSON.stringify(text)}: ${(error as Error).message}`);
  }
  const raw = (parsed as { predicates?: unknown })?.predicates;
  if (raw !== undefined && !Array.isArray(raw)) throw invalidInput('filter.predicates must be a list');
  return ((raw as Record<string, unknown>[] | undefined) ?? []).map((p) => {
    const key = String(p.key ?? '');
    if (!(key in fields)) throw invalidInput(`Invalid filter: unknown key ${JSON.stringify(key)}`);
    const op = p.operation;
    const operation = typeof op === 'number' ? OPERATIONS[op] : typeof op === 'string' ? op : undefined;
    if (!operation || !Object.values(OPERATIONS).includes(operation)) throw invalidInput(`Invalid filter operation ${JSON.stringify(op)}`);
    const timestamp = pick(p, 'timestamp_value');
    let value: FieldValue = (pick(p, 'string_value') ?? pick(p, 'int_value') ?? pick(p, 'long_value')) as FieldValue;
    if (typeof timestamp === 'string') value = Math.floor(Date.parse(timestamp) / 1000);
    if (typeof pick(p, 'long_value') === 'string') value = Number(pick(p, 'long_value'));
    const list = (pick(p, 'string_values') ?? pick(p, 'int_values') ?? pick(p, 'long_values')) as { values?: unknown[] } | undefined;
    const values = list?.values?.map((item) => (typeof item === 'string' && pick(p, 'long_values') ? Number(item) : item) as FieldValue);
    if (operation === 'IN' && !values) throw invalidInput(`Invalid filter: IN on ${key} needs a list of values`);
    if (operation !== 'IN' && value === undefined) throw invalidInput(`Invalid filter: predicate on ${key} has no value`);
    return { key, operation, ...(value !== undefined ? { value } : {}), ...(values ? { values } : {}) };
  });
}

function compare(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

function matches(predicate: Predicate, actual: FieldValue): boolean {
  const want = predicate.value;
  switch (predicate.operation) {
    case 'EQUALS':
      return compare(actual ?? '', want) === 0;
    case 'NOT_EQUALS':
      return compare(actual ?? '', want) !== 0;
    case 'GREATER_THAN':
      return compare(actual, want) > 0;
    case 'GREATER_THAN_EQUALS':
      return compare(actual, want) >= 0;
    case 'LESS_THAN':
      return compare(actual, want) < 0;
    case 'LESS_THAN_EQUALS':
      return compare(actual, want) <= 0;
    case 'IN':
      return (predicate.values ?? []).some((value) => compare(actual, value) === 0);
    case 'IS_SUBSTRING':
      return String(actual ?? '').includes(String(want ?? ''));
    default:
      return false;
  }
}

function encodeToken(token: Token): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): Token {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token;
    if (typeof token.sort !== 'string' || typeof token.after?.id !== 'string') throw new Error('bad token');
    return token;
  } catch {
    throw invalidInput(`Invalid page token ${JSON.stringify(text)}`);
  }
}

export function listItems<T>(all: readonly T[], query: URLSearchParams, spec: ListSpec<T>): ListResult<T> {
  const tokenText = query.get('page_token') ?? '';
  const token = tokenText ? decodeToken(tokenText) : undefined;
  const sizeText = query.get('page_size');
  let pageSize = sizeText ? Number(sizeText) : (token?.pageSize ?? 20);
  if (pageSize < 0) throw invalidInput(`The page size should be greater than 0. Got ${pageSize}`);
  if (pageSize === 0) pageSize = 20;
  pageSize = Math.min(pageSize, 200);

  let sort = token?.sort ?? spec.defaultSort ?? 'created_at';
  let desc = token?.desc ?? false;
  if (!token) {
    const sortBy = (query.get('sort_by') ?? '').trim();
    if (sortBy) {
      const [field = '', direction = 'asc', ...rest] = sortBy.split(/\s+/);
      if (rest.length || !['asc', 'desc'].includes(direction)) throw invalidInput(`Invalid sorting order: ${JSON.stringify(sortBy)}`);
      sort = field;
      desc = direction === 'desc';
    }
  }
  const sortField = spec.fields[sort];
  if (!sortField) throw invalidInput(`Invalid sorting field: ${JSON.stringify(sort)} on listable type ${spec.kind}`);
  const filterText = token?.filter ?? query.get('filter') ?? '';
  const predicates = parseFilter(filterText, spec.fields);

  const picked = all.filter((item) => predicates.every((p) => matches(p, spec.fields[p.key]?.(item))));
  const order = (a: T, b: T): number => {
    const byValue = compare(sortField(a), sortField(b));
    const byId = spec.id(a) < spec.id(b) ? -1 : spec.id(a) > spec.id(b) ? 1 : 0;
    const result = byValue !== 0 ? byValue : byId;
    return desc ? -result : result;
  };
  picked.sort(order);
  let start = 0;
  if (token) {
    const after = token.after;
    start = picked.findIndex((item) => {
      const byValue = compare(sortField(item), after.value);
      const byId = spec.id(item) < after.id ? -1 : spec.id(item) > after.id ? 1 : 0;
      const result = byValue !== 0 ? byValue : byId;
      return (desc ? -result : result) > 0;
    });
    if (start < 0) start = picked.length;
  }
  const items = picked.slice(start, start + pageSize);
  const last = items[items.length - 1];
  const more = start + pageSize < picked.length && last !== undefined;
  const result: ListResult<T> = { items, total: picked.length };
  if (more) {
    result.nextPageToken = encodeToken({ sort, desc, filter: filterText, after: { value: sortField(last), id: spec.id(last) }, pageSize });
  }
  return result;
}

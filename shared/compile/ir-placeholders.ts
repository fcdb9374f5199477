// A container's command/args items: plain strings pass through; the structured `concat` and `ifPresent`
// forms become the JSON strings the SDK writes (`{"Concat": [...]}`, `{"IfPresent": {...}}`), formatted
// as Python's `json.dumps` does so that the text matches what the SDK compiles.
import type { CommandArg } from '../model/document';

type PyJson = string | number | boolean | null | PyJson[] | { [key: string]: PyJson };

/** Printable ASCII but `"` and `\\`: written as it is (nearly every string; the loop below is for the rest). */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function pyString(text: string): string {
  if (PLAIN_ASCII.test(text)) return `"${text}"`;
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || (code > 0x7e && code <= 0xffff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code > 0xffff) {
      const high = Math.floor((code - 0x10000) / 0x400) + 0xd800;
      const low = ((code - 0x10000) % 0x400) + 0xdc00;
      out += `\\u${high.toString(16)}\\u${low.toString(16)}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Python's `json.dumps(value)` with its default separators and `ensure_ascii` (and `sort_keys` when asked). */
export function pyJsonDumps(value: PyJson, sortKeys = false): string {
  if (typeof value === 'string') return pyString(value);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => pyJsonDumps(v, sortKeys)).join(', ')}]`;
  const entries = Object.entries(value);
  if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyJsonDumps(v, sortKeys)}`).join(', ')}}`;
}

function toPy(arg: CommandArg): PyJson {
  if (typeof arg === 'string') return arg;
  if ('concat' in arg) return { Concat: arg.concat.map(toPy) };
  const body: { [key: string]: PyJson } = { InputName: arg.ifPresent.input, Then: arg.ifPresent.then.map(toPy) };
  if (arg.ifPresent.else !== undefined) body.Else = arg.ifPresent.else.map(toPy);
  return { IfPresent: body };
}

export function commandArgToIr(arg: CommandArg): string {
  return typeof arg === 'string' ? arg : pyJsonDumps(toPy(arg));
}

function fromPy(value: unknown): CommandArg | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj = value as { [key: string]: unknown };
  const keys = Object.keys(obj);
  if (keys.length !== 1) return undefined;
  if (Array.isArray(obj.Concat)) {
    const parts = obj.Concat.map(fromPy);
    return parts.every((p) => p !== undefined) ? { concat: parts as CommandArg[] } : undefined;
  }
  const body = obj.IfPresent;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as { [key: string]: unknown };
    if (typeof b.InputName !== 'string' || !Array.isArray(b.Then)) return undefined;
    const then = b.Then.map(fromPy);
    const otherwise = Array.isArray(b.Else) ? b.Else.map(fromPy) : undefined;
    if (then.some((p) => p === undefined) || otherwise?.some((p) => p === undefined)) return undefined;
    return {
      ifPresent: {
        input: b.InputName,
        then: then as CommandArg[],
        ...(otherwise ? { else: otherwise as CommandArg[] } : {}),
      },
    };
  }
  return undefined;
}

/** Reads back an IR command/args string; the structured form only when re-writing it gives the same text. */
export function commandArgFromIr(text: string): CommandArg {
  if (!text.startsWith('{"Concat"') && !text.startsWith('{"IfPresent"')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const arg = fromPy(parsed);
  if (arg === undefined) return text;
  if (readsBackExactly.has(text)) return arg;
  if (commandArgToIr(arg) !== text) return text;
  if (readsBackExactly.size >= 1000) readsBackExactly.clear();
  readsBackExactly.add(text);
  return arg;
}

/**
 * Texts already found to re-write to themselves: a pipeline repeats the same placeholders in many components, and
 * re-writing costs more than parsing. Only a yes is kept (the answer depends on the text alone); bounded.
 */
const readsBackExactly = new Set<string>();

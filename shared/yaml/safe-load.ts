// Loads untrusted YAML (component files, pipelines) into plain JSON-like data, refusing what would hurt:
// oversized input (KFS501), syntax errors with their line and column (KFS410), and alias bombs (KFS502).
// js-yaml shares aliased nodes, so parsing a billion-laughs file is cheap; the danger is the first walk over it.
// We copy the result once under a budget of nodes and characters, so everything downstream sees unshared data.
import { YAMLException, loadAll } from 'js-yaml';
import { KfsError } from '../errors/codes';
import { readBlockYaml } from './block-yaml.read';

export const DEFAULT_MAX_YAML_BYTES = 32 * 1024 * 1024;

export interface LoadYamlOptions {
  /** Named in error locations. */
  file?: string;
  maxBytes?: number;
}

interface Budget {
  nodes: number;
  chars: number;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function checkSize(text: string, options: LoadYamlOptions): void {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_YAML_BYTES;
  // A UTF-16 unit is at least one byte, so a long string is refused without encoding it.
  const bytes = text.length > maxBytes ? text.length : text.length * 3 > maxBytes ? utf8Length(text) : text.length;
  if (bytes > maxBytes) {
    throw new KfsError('KFS501', `The file is ${bytes} bytes; the limit is ${maxBytes} bytes.`, location(options));
  }
}

function location(options: LoadYamlOptions, line?: number, column?: number) {
  return {
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

function parse(text: string, options: LoadYamlOptions): unknown[] {
  try {
    // json: duplicate keys keep the last value, as PyYAML (and so the KFP SDK) does.
    return loadAll(text, undefined, { json: true, ...(options.file !== undefined ? { filename: options.file } : {}) });
  } catch (error) {
    if (error instanceof YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      const column = error.mark ? error.mark.column + 1 : undefined;
      const where = line !== undefined ? ` at line ${line}${column !== undefined ? `, column ${column}` : ''}` : '';
      throw new KfsError('KFS410', `The YAML is not valid${where}: ${error.reason || 'syntax error'}.`, location(options, line, column));
    }
    if (error instanceof RangeError) {
      // Deeply nested flow collections can exhaust the parser's stack.
      throw new KfsError('KFS410', 'The YAML is nested too deeply to read.', location(options));
    }
    throw error;
  }
}

function bombError(options: LoadYamlOptions): KfsError {
  return new KfsError(
    'KFS502',
    'The YAML expands to far more data than the file holds (repeated aliases); it was refused to protect the app.',
    location(options),
  );
}

const MAX_DEPTH = 1000;

function copy(value: unknown, budget: Budget, options: LoadYamlOptions, depth: number): unknown {
  if (--budget.nodes < 0) throw bombError(options);
  if (typeof value === 'string') {
    budget.chars -= value.length;
    if (budget.chars < 0) throw bombError(options);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw new KfsError('KFS410', `The YAML is nested more than ${MAX_DEPTH} levels deep.`, location(options));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => copy(item, budget, options, depth + 1));
  if (value instanceof Uint8Array) {
    budget.chars -= value.length;
    if (budget.chars < 0) throw bombError(options);
    return Array.from(value);
  }
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  // Keys, not entries: one array per mapping instead of one more per key (this walks every node of a pipeline).
  for (const key of Object.keys(record)) {
    budget.chars -= key.length;
    const copied = copy(record[key], budget, options, depth + 1);
    // A `__proto__` key is data, never the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else out[key] = copied;
  }
  return out;
}

function newBudget(text: string): Budget {
  // Without aliases every node and character costs source text, so these bounds only bite on expansion.
  return { nodes: Math.max(1_000_000, 2 * text.length), chars: Math.max(16 * 1024 * 1024, 4 * text.length) };
}

/** A plain scalar as js-yaml reads it (the block reader's types come from here), or undefined for a collection or an error. */
function plainScalarReader(options: LoadYamlOptions): (plain: string) => unknown {
  const seen = new Map<string, unknown>();
  return (plain) => {
    if (seen.has(plain)) return seen.get(plain);
    let value: unknown;
    try {
      const documents = parse(plain, options);
      value = documents.length === 1 ? copy(documents[0], newBudget(plain), options, 0) : undefined;
    } catch {
      value = undefined;
    }
    if (typeof value === 'object' && value !== null) value = undefined;
    seen.set(plain, value);
    return value;
  };
}

/** Every document in the stream, as plain data (no shared nodes, no Dates: timestamps become ISO strings). */
export function loadYamlDocuments(text: string, options: LoadYamlOptions = {}): unknown[] {
  checkSize(text, options);
  // Block YAML as IR writers emit it is read directly; anything else by js-yaml.
  return readBlockYaml(text, plainScalarReader(options)) ?? loadWithJsYaml(text, options);
}

/** loadYamlDocuments by js-yaml alone, then copied under a budget: the reference the block reader is held to. */
export function loadWithJsYaml(text: string, options: LoadYamlOptions = {}): unknown[] {
  checkSize(text, options);
  const documents = parse(text, options);
  const budget = newBudget(text);
  return documents.map((doc) => copy(doc, budget, options, 0));
}

/** A single-document YAML stream; an empty stream is `undefined`. More than one document is a KFS410 refusal. */
export function loadYaml(text: string, options: LoadYamlOptions = {}): unknown {
  const documents = loadYamlDocuments(text, options);
  if (documents.length > 1) {
    throw new KfsError('KFS410', `Expected one YAML document, found ${documents.length}.`, location(options));
  }
  return documents[0];
}

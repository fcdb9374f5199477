// A pipeline as JSON, the way the KFP SDK writes it (keys sorted, two-space indent), at the speed of
// JSON.stringify: one walk checks what JSON cannot hold (refused with KFS519 and where), sorts keys where they
// are not sorted already (a copy of just those objects; a pipeline read from our YAML is sorted throughout) and
// counts a lower bound of the text against the size budget, so that data with shared nodes (YAML aliases)
// cannot blow up; then JSON.stringify writes it. Objects whose sorted keys JSON.stringify would reorder
// (integer-like keys come first in JavaScript) are written piece by piece instead (pipeline-json.stream.ts).
import { isPlainObject, pipelineJsonPieces, refuse, tooLarge } from './pipeline-json.stream';

class NeedsPieces extends Error {}

interface Walk {
  budget: number;
  /** Characters the text will at least have. */
  chars: number;
  /** The key or index of each value on the way down from the document, for a refusal's location. */
  at: (string | number)[];
  /** The objects and arrays on the way down. */
  open: object[];
  label: string;
}

/** A value that contains itself nests without end: looked for only this deep, so that the common case costs nothing. */
const CYCLE_DEPTH = 200;

function where(walk: Walk, depth: number): string {
  let path = walk.label;
  for (let i = 0; i < depth; i++) {
    const step = walk.at[i] as string | number;
    path = typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step;
  }
  return path;
}

function checkBudget(walk: Walk): void {
  if (walk.chars > walk.budget) throw tooLarge(walk.budget);
}

/** Refuses the first value on the way down that is one of its own ancestors, where it is. */
function refuseCycle(walk: Walk, depth: number): void {
  const seen = new Set<object>();
  for (let i = 0; i < depth; i++) {
    const value = walk.open[i] as object;
    if (seen.has(value)) throw refuse(where(walk, i), 'A value that contains itself');
    seen.add(value);
  }
}

function emptyRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

/** `value` ready for JSON.stringify: the same value when its keys are sorted, else a copy with sorted keys. */
function prepare(walk: Walk, value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      walk.chars += value.length + 2;
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw refuse(where(walk, depth), `The number ${value}`);
      walk.chars += 1;
      return value;
    case 'boolean':
      walk.chars += 4;
      return value;
    case 'object':
      if (value === null) {
        walk.chars += 4;
        return value;
      }
      break;
    default:
      throw refuse(where(walk, depth), `A ${typeof value}`);
  }
  checkBudget(walk);
  walk.open[depth] = value;
  if (depth >= CYCLE_DEPTH) refuseCycle(walk, depth + 1);
  const result = Array.isArray(value) ? prepareList(walk, value, depth) : prepareRecord(walk, value, depth);
  checkBudget(walk);
  return result;
}

function prepareList(walk: Walk, list: unknown[], depth: number): unknown[] {
  const indent = 2 * depth + 3;
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    walk.at[depth] = i;
    if (item === undefined) throw refuse(where(walk, depth + 1), 'An undefined list item');
    walk.chars += indent;
    const ready = prepare(walk, item, depth + 1);
    if (ready !== item) (copy ??= list.slice())[i] = ready;
  }
  return copy ?? list;
}

function prepareRecord(walk: Walk, value: object, depth: number): object {
  if (!isPlainObject(value)) throw refuse(where(walk, depth), `A ${value.constructor?.name ?? 'non-plain'} object`);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const sorted = isSorted(keys);
  if (!sorted) keys.sort();
  // Null-prototype copies, so that a `__proto__` key stays a key.
  let copy: Record<string, unknown> | undefined = sorted ? undefined : emptyRecord();
  const indent = 2 * depth + 5;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key];
    if (item === undefined) continue;
    walk.at[depth] = key;
    walk.chars += indent + key.length;
    const ready = prepare(walk, item, depth + 1);
    if (ready !== item && copy === undefined) {
      copy = emptyRecord();
      for (let k = 0; k < i; k++) copy[keys[k] as string] = record[keys[k] as string];
    }
    if (copy !== undefined) copy[key] = ready;
  }
  if (copy !== undefined && !sorted && !isSorted(Object.keys(copy))) throw new NeedsPieces();
  return copy ?? record;
}

/**
 * The documents as JSON text. One document (a PipelineSpec) is plain JSON. With a PlatformSpec as a
 * second document they are separated by a `---` line: not strict JSON, but a YAML stream of JSON
 * documents, which is how the KFP backend reads a .json upload (and how it reads two YAML documents).
 * The KFP SDK itself refuses to write platform-specific features to JSON.
 */
export function pipelineJsonText(docs: readonly unknown[], maxChars: number): string {
  const walk: Walk = { budget: maxChars, chars: 0, at: [], open: [], label: '' };
  const texts: string[] = [];
  try {
    docs.forEach((doc, i) => {
      walk.label = docs.length > 1 ? `document ${i + 1}` : '';
      texts.push(JSON.stringify(prepare(walk, doc, 0), null, 2));
    });
  } catch (error) {
    if (error instanceof NeedsPieces) return pipelineJsonPieces(docs, maxChars);
    throw error;
  }
  const text = `${texts.join('\n---\n')}\n`;
  if (text.length > maxChars) throw tooLarge(maxChars);
  return text;
}

// Seeded, cheap mutations of real pipeline files: truncation, byte flips, type swaps and names that objects
// inherit (or that reach the prototype) injected as keys and as values. The same seed gives the same cases.

/** mulberry32: small, fast and good enough to spread cases; not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(readonly next: () => number) {}
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Names JavaScript objects carry without being told, and `__proto__`, which reaches the prototype itself. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'toLocaleString'];

const ODD_VALUES: unknown[] = [null, true, 0, -1, 1e308, '', 'x', [], {}, [null], JSON.parse('{"__proto__": {"polluted": true}}'), "{{$.inputs.parameters['x']}}"];

// ---- text and bytes -------------------------------------------------------------------------------------------

export function truncate(text: string, dice: Dice): string {
  return text.slice(0, dice.int(text.length + 1));
}

export function flipBytes(bytes: Uint8Array, dice: Dice): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + dice.int(4);
  for (let i = 0; i < flips && out.length > 0; i++) out[dice.int(out.length)] = dice.int(256);
  return out;
}

export function truncateBytes(bytes: Uint8Array, dice: Dice): Uint8Array {
  return bytes.slice(0, dice.int(bytes.length + 1));
}

/** A word of the text (a name, most likely) replaced everywhere by a prototype name: keys and references alike. */
export function renameWord(text: string, dice: Dice): string {
  const words = text.match(/[A-Za-z_][-\w]{2,}/g);
  if (!words?.length) return text;
  const word = dice.pick(words);
  const name = dice.pick(PROTOTYPE_NAMES);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![-\\w])${escaped}(?![-\\w])`, dice.chance(0.5) ? 'g' : ''), name);
}

/** One character changed (to a YAML-significant one, often). */
export function flipChar(text: string, dice: Dice): string {
  if (!text.length) return text;
  const at = dice.int(text.length);
  const char = dice.pick([':', '-', '{', '}', '[', ']', "'", '"', '\n', ' ', '&a', '*a', '!!binary', '\t', '#', '|', '\u0000', 'é']);
  return text.slice(0, at) + char + text.slice(at + 1);
}

// ---- structure ------------------------------------------------------------------------------------------------

type Node = { [key: string]: unknown } | unknown[];

function containers(root: unknown, limit: number): Node[] {
  const found: Node[] = [];
  const stack: unknown[] = [root];
  while (stack.length && found.length < limit) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    found.push(item as Node);
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return found;
}

function setOwn(target: { [key: string]: unknown }, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy with own `__proto__` keys kept as data (JSON.parse does that). */
export function copyData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * One structural change of parsed data (changed in place): a value swapped for one of another type, a key renamed to
 * a prototype name, a prototype-named key added, a string value (a reference, often) replaced by a prototype name,
 * or an entry removed. Returns what was done, for the report.
 */
export function mutateStructure(root: unknown, dice: Dice): string {
  const nodes = containers(root, 4000);
  if (!nodes.length) return 'nothing to mutate';
  const node = dice.pick(nodes);
  const keys = Object.keys(node);
  const key = keys.length ? dice.pick(keys) : undefined;
  const map = Array.isArray(node) ? undefined : node;
  switch (dice.int(5)) {
    case 0: {
      if (key === undefined) return 'empty';
      const value = copyData(dice.pick(ODD_VALUES));
      if (map) setOwn(map, key, value);
      else (node as unknown[])[Number(key)] = value;
      return `type swap at ${key}`;
    }
    case 1: {
      if (!map || key === undefined) return 'no key';
      const name = dice.pick(PROTOTYPE_NAMES);
      const value = map[key];
      delete map[key];
      setOwn(map, name, value);
      return `key ${key} renamed ${name}`;
    }
    case 2: {
      if (!map) return 'no map';
      const name = dice.pick(PROTOTYPE_NAMES);
      setOwn(map, name, key !== undefined ? copyData(map[key]) : { polluted: true });
      return `key ${name} added`;
    }
    case 3: {
      const strings = keys.filter((k) => typeof (node as { [k: string]: unknown })[k] === 'string');
      if (!strings.length) return 'no string';
      const at = dice.pick(strings);
      const name = dice.pick(PROTOTYPE_NAMES);
      if (map) setOwn(map, at, name);
      else (node as unknown[])[Number(at)] = name;
      return `value at ${at} became ${name}`;
    }
    default: {
      if (key === undefined) return 'empty';
      if (map) delete map[key];
      else (node as unknown[]).splice(Number(key), 1);
      return `removed ${key}`;
    }
  }
}

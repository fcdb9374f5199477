// The order a component declares its ports in, read back from its executor. The IR keeps ports in maps (parameters
// apart from artifacts, keys sorted by the SDK), so the order the component's author wrote is only in what runs:
// a Python function component's signature (`def train(data: Input[Dataset], epochs: int, model: Output[Model])`, then
// its return annotation for the returned outputs), or else the order a container's command and arguments first use
// each port. Ports the executor does not name keep their IR order, after the ones it does.
import type { PortSpec } from '../model/document';

/** `inputs` and `outputs` in the order the executor (command and args, as written in the IR) declares them. */
export function orderPortsByExecutor(inputs: PortSpec[], outputs: PortSpec[], command: readonly string[], args: readonly string[]): { inputs: PortSpec[]; outputs: PortSpec[] } {
  const signature = pythonSignature(command, args);
  if (signature) {
    return { inputs: ordered(inputs, signature.parameters), outputs: ordered(outputs, [...signature.parameters, ...signature.returned]) };
  }
  const used: PlaceholderNames = { inputs: [], outputs: [] };
  for (const text of command) collectPlaceholders(text, used);
  for (const text of args) collectPlaceholders(text, used);
  return { inputs: ordered(inputs, used.inputs), outputs: ordered(outputs, used.outputs) };
}

interface PlaceholderNames {
  inputs: string[];
  outputs: string[];
}

const OPEN = '{{$.';

const BRACE = 0x7b;
const DOLLAR = 0x24;
const DOT = 0x2e;

/** Whether `{{$.` starts at `at`. */
function opensAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === BRACE && text.charCodeAt(at + 1) === BRACE && text.charCodeAt(at + 2) === DOLLAR && text.charCodeAt(at + 3) === DOT;
}

/**
 * Appends the port of each `{{$.inputs|outputs.parameters|artifacts['NAME']` in `text` to its side, in order.
 * A scan rather than a global regex (each match was an array) or indexOf (a runtime call per argument, and a
 * 1,000-task import reads 20,000 arguments).
 */
function collectPlaceholders(text: string, used: PlaceholderNames): void {
  const last = text.length - OPEN.length;
  for (let at = 0; at <= last; at++) {
    if (!opensAt(text, at)) continue;
    let i = at + OPEN.length;
    let side: string[];
    if (text.startsWith('inputs.', i)) {
      side = used.inputs;
      i += 'inputs.'.length;
    } else if (text.startsWith('outputs.', i)) {
      side = used.outputs;
      i += 'outputs.'.length;
    } else continue;
    if (text.startsWith("parameters['", i)) i += "parameters['".length;
    else if (text.startsWith("artifacts['", i)) i += "artifacts['".length;
    else continue;
    const close = text.indexOf("'", i);
    if (close <= i || text.charCodeAt(close + 1) !== 0x5d /* ] */) continue;
    side.push(text.slice(i, close));
    at = close + 1;
  }
}

/** Whether `name` is `port` plus the `_path` or `_file` the SDK adds to a file port's name. */
function isFileNameOf(name: string, port: string): boolean {
  return name.length === port.length + 5 && (name.endsWith('_path') || name.endsWith('_file')) && name.startsWith(port);
}

/** Where `port` (or the SDK's name for it, with `_path`/`_file`) first appears in `names`, else `fallback`. */
function rankOf(port: string, names: readonly string[], fallback: number): number {
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name === port || isFileNameOf(name, port)) return i;
  }
  return fallback;
}

/** Ports sorted by where their name first appears in `names`; those it lacks keep their order, after the others. */
function ordered(ports: PortSpec[], names: readonly string[]): PortSpec[] {
  if (ports.length < 2) return ports;
  const result = ports.slice();
  const keys = ports.map((port, i) => rankOf(port.name, names, names.length + i));
  // An insertion sort: stable (ties keep the IR order), linear when already in order, and no work arrays (this runs for every component).
  for (let i = 1; i < result.length; i++) {
    const port = result[i] as PortSpec;
    const key = keys[i] as number;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as number) > key; j--) {
      keys[j + 1] = keys[j] as number;
      result[j + 1] = result[j] as PortSpec;
    }
    keys[j + 1] = key;
    result[j + 1] = port;
  }
  return result;
}

interface Signature {
  parameters: string[];
  /** Names in the return annotation, in order: NamedTuple fields, or `Output` for a single returned value. */
  returned: string[];
}

/** The signature of the function a Python function component runs (`--function_to_execute NAME`), if it has one. */
function pythonSignature(command: readonly string[], args: readonly string[]): Signature | undefined {
  const flag = args.indexOf('--function_to_execute');
  const name = flag >= 0 ? args[flag + 1] : undefined;
  if (!name || !/^\w+$/.test(name)) return undefined;
  for (const source of command) {
    const start = source.search(new RegExp(`^def ${name}\\(`, 'm'));
    if (start < 0) continue;
    const open = source.indexOf('(', start);
    const close = matchingParen(source, open);
    if (close < 0) return undefined;
    const parameters = splitTopLevel(source.slice(open + 1, close)).flatMap((p) => {
      const id = /^\s*\**\s*([A-Za-z_]\w*)/.exec(p.replace(/#[^\n]*/g, ''));
      return id?.[1] ? [id[1]] : [];
    });
    const rest = source.slice(close + 1);
    const arrow = /^\s*->\s*/.exec(rest);
    const annotation = arrow ? rest.slice(arrow[0].length, rest.search(/:\s*(\n|$)/)) : '';
    const returned = annotation ? [...annotation.matchAll(/['"](\w+)['"]|(\w+)\s*=/g)].map((m) => (m[1] ?? m[2]) as string) : [];
    return { parameters, returned: annotation && !returned.length ? ['Output'] : returned };
  }
  return undefined;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '"' || c === "'") i = endOfString(text, i);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function endOfString(text: string, start: number): number {
  const quote = text[start] as string;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/** Splits a parameter list at its top-level commas (not inside brackets, strings or comments). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '#') i = list.indexOf('\n', i) < 0 ? list.length : list.indexOf('\n', i);
    else if (c === '"' || c === "'") i = endOfString(list, i);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(list.slice(from));
  return parts.filter((p) => p.replace(/#[^\n]*/g, '').trim());
}

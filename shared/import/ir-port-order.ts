// The order a component declares its ports in, read back from its executor. The IR keeps ports in maps (parameters
// apart from artifacts, keys sorted by the SDK), so the order the component's author wrote is only in what runs:
// a Python function component's signature (`def train(data: Input[Dataset], epochs: int, model: Output[Model])`, then
// its return annotation for the returned outputs), or else the order a container's command and arguments first use
// each port. Ports the executor does not name keep their IR order, after the ones it does.
import type { PortSpec } from '../model/document';

const PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(?:parameters|artifacts)\['([^']+)'\]/g;

/** `inputs` and `outputs` in the order the executor (command and args, as written in the IR) declares them. */
export function orderPortsByExecutor(inputs: PortSpec[], outputs: PortSpec[], command: readonly string[], args: readonly string[]): { inputs: PortSpec[]; outputs: PortSpec[] } {
  const signature = pythonSignature(command, args);
  if (signature) {
    return { inputs: ordered(inputs, signature.parameters), outputs: ordered(outputs, [...signature.parameters, ...signature.returned]) };
  }
  const used: Record<'inputs' | 'outputs', string[]> = { inputs: [], outputs: [] };
  for (const list of [command, args]) {
    for (const text of list) {
      // Most arguments hold no placeholder: skip them without running the expression (a 1,000-task import reads 20,000).
      if (!text.includes('{{$.')) continue;
      PLACEHOLDER.lastIndex = 0;
      for (let match = PLACEHOLDER.exec(text); match; match = PLACEHOLDER.exec(text)) used[match[1] as 'inputs' | 'outputs'].push(match[2] as string);
    }
  }
  return { inputs: ordered(inputs, used.inputs), outputs: ordered(outputs, used.outputs) };
}

/** Ports sorted by where their name (or the SDK's name for it, without `_path`/`_file`) first appears in `names`. */
function ordered(ports: PortSpec[], names: readonly string[]): PortSpec[] {
  if (ports.length < 2) return ports;
  const rank = new Map<string, number>();
  names.forEach((name, i) => {
    for (const candidate of [name, name.replace(/_(path|file)$/, '')]) if (!rank.has(candidate)) rank.set(candidate, i);
  });
  const at = (p: PortSpec, i: number) => rank.get(p.name) ?? names.length + i;
  return ports.map((port, i) => ({ port, key: at(port, i) })).sort((a, b) => a.key - b.key).map((e) => e.port);
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

// The CEL subset the KFP SDK writes in `triggerPolicy.condition`: `inputs.parameter_values['x']`, string, number,
// boolean and null literals, `!`, `&&`, `||`, comparisons, parentheses and the casts int(), double(), string(),
// bool(). Evaluated without eval(); anything else is refused with KFS613.
import { KfsError, type Location } from '../errors/codes';
import type { JsonValue } from '../model/document';
import { hasOwnName } from '../names/names';

type Token =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'str'; value: string; pos: number }
  | { kind: 'ident'; value: string; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'end'; pos: number };

type Value = JsonValue | undefined;

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '[', ']', '.', ',', '-'];

function tokenize(source: string, fail: (msg: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && j + 1 < source.length) {
          const esc = source[j + 1] ?? '';
          text += ({ n: '\n', t: '\t', r: '\r' } as { [k: string]: string })[esc] ?? esc;
          j += 2;
        } else {
          text += source[j];
          j++;
        }
      }
      if (j >= source.length) fail(`unterminated string at position ${i + 1}`);
      tokens.push({ kind: 'str', value: text, pos: i });
      i = j + 1;
    } else if (/\d/.test(c)) {
      const match = /^\d+(\.\d+)?([eE][-+]?\d+)?[uU]?/.exec(source.slice(i)) ?? [''];
      tokens.push({ kind: 'num', value: Number(match[0].replace(/[uU]$/, '')), pos: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_]\w*/.exec(source.slice(i)) ?? [''];
      tokens.push({ kind: 'ident', value: match[0], pos: i });
      i += match[0].length;
    } else {
      const op = OPS.find((candidate) => source.startsWith(candidate, i));
      if (!op) fail(`unexpected "${c}" at position ${i + 1}`);
      tokens.push({ kind: 'op', value: op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', pos: source.length });
  return tokens;
}

type Node =
  | { kind: 'lit'; value: Value }
  | { kind: 'param'; name: string }
  | { kind: 'not'; arg: Node }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: string; left: Node; right: Node }
  | { kind: 'call'; fn: string; arg: Node };

const FUNCTIONS = new Set(['int', 'double', 'string', 'bool', 'uint']);

function parse(tokens: Token[], fail: (msg: string) => never): Node {
  let pos = 0;
  const peek = (): Token => tokens[pos] ?? { kind: 'end', pos: 0 };
  const isOp = (value: string): boolean => {
    const t = peek();
    return t.kind === 'op' && t.value === value;
  };
  const expect = (value: string): void => {
    if (!isOp(value)) fail(`expected "${value}" at position ${peek().pos + 1}`);
    pos++;
  };
  const binary = (next: () => Node, ops: string[]): (() => Node) => () => {
    let left = next();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || !ops.includes(t.value)) return left;
      pos++;
      left = { kind: 'bin', op: t.value, left, right: next() };
    }
  };
  const primary = (): Node => {
    const t = peek();
    pos++;
    if (t.kind === 'num') return { kind: 'lit', value: t.value };
    if (t.kind === 'str') return { kind: 'lit', value: t.value };
    if (t.kind === 'op' && t.value === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (t.kind === 'ident') {
      if (t.value === 'true' || t.value === 'false') return { kind: 'lit', value: t.value === 'true' };
      if (t.value === 'null') return { kind: 'lit', value: null };
      if (FUNCTIONS.has(t.value) && isOp('(')) {
        pos++;
        const arg = or();
        expect(')');
        return { kind: 'call', fn: t.value, arg };
      }
      if (t.value === 'inputs') {
        expect('.');
        const field = peek();
        if (field.kind !== 'ident' || field.value !== 'parameter_values') fail('only inputs.parameter_values[...] can be read');
        pos++;
        expect('[');
        const key = peek();
        if (key.kind !== 'str') fail('inputs.parameter_values takes a quoted name');
        pos++;
        expect(']');
        return { kind: 'param', name: key.value };
      }
      fail(`unknown name "${t.value}" at position ${t.pos + 1}`);
    }
    return fail(`unexpected ${t.kind === 'end' ? 'end of expression' : `"${'value' in t ? t.value : ''}"`} at position ${t.pos + 1}`);
  };
  const unary = (): Node => {
    if (isOp('!')) {
      pos++;
      return { kind: 'not', arg: unary() };
    }
    const t = peek();
    if (t.kind === 'op' && t.value === '-') {
      pos++;
      return { kind: 'neg', arg: unary() };
    }
    return primary();
  };
  const relation = binary(unary, ['<', '<=', '>', '>=']);
  const equality = binary(relation, ['==', '!=']);
  const and = binary(equality, ['&&']);
  const or = binary(and, ['||']);
  const tree = or();
  if (peek().kind !== 'end') fail(`unexpected text at position ${peek().pos + 1}`);
  return tree;
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function cast(fn: string, value: Value, fail: (msg: string) => never): Value {
  switch (fn) {
    case 'int':
    case 'uint': {
      const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'boolean' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) fail(`int() of ${JSON.stringify(value)} is not a number`);
      return Math.trunc(n);
    }
    case 'double': {
      const n = typeof value === 'string' ? Number(value.trim()) : value;
      if (typeof n !== 'number' || Number.isNaN(n)) fail(`double() of ${JSON.stringify(value)} is not a number`);
      return n;
    }
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(`bool() of ${JSON.stringify(value)} is not true or false`);
  }
  return fail(`unknown function ${fn}()`);
}

function evaluate(node: Node, values: { [name: string]: JsonValue }, fail: (msg: string) => never): Value {
  switch (node.kind) {
    case 'lit':
      return node.value;
    case 'param':
      if (!hasOwnName(values, node.name)) fail(`the task has no input "${node.name}"`);
      return values[node.name];
    case 'not':
      return !truthy(evaluate(node.arg, values, fail), fail);
    case 'neg': {
      const v = evaluate(node.arg, values, fail);
      if (typeof v !== 'number') fail('"-" applies to numbers only');
      return -v;
    }
    case 'call':
      return cast(node.fn, evaluate(node.arg, values, fail), fail);
    case 'bin': {
      if (node.op === '&&') return truthy(evaluate(node.left, values, fail), fail) && truthy(evaluate(node.right, values, fail), fail);
      if (node.op === '||') return truthy(evaluate(node.left, values, fail), fail) || truthy(evaluate(node.right, values, fail), fail);
      const left = evaluate(node.left, values, fail);
      const right = evaluate(node.right, values, fail);
      if (node.op === '==') return equal(left, right);
      if (node.op === '!=') return !equal(left, right);
      const comparable =
        (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
      if (!comparable) fail(`cannot compare ${JSON.stringify(left)} ${node.op} ${JSON.stringify(right)} (cast with int() or double()?)`);
      const l = left as number | string;
      const r = right as number | string;
      return node.op === '<' ? l < r : node.op === '<=' ? l <= r : node.op === '>' ? l > r : l >= r;
    }
  }
}

function truthy(value: Value, fail: (msg: string) => never): boolean {
  if (typeof value !== 'boolean') fail(`expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Whether a task's condition holds for its input parameter values. An empty condition holds. */
export function evaluateCondition(expression: string, values: { [name: string]: JsonValue }, where: Location = {}): boolean {
  if (!expression.trim()) return true;
  const fail = (message: string): never => {
    throw new KfsError('KFS613', `The condition "${expression}" cannot be evaluated: ${message}.`, { ...where, field: 'triggerPolicy.condition' });
  };
  const tree = parse(tokenize(expression, fail), fail);
  return truthy(evaluate(tree, values, fail), fail);
}

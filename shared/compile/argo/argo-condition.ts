// A condition branch's `when`, in Argo's expression syntax (govaluate), as the KFP v1 compiler wrote it: values are
// compared as quoted strings unless both sides are numbers; an elif/else branch is the negation of every earlier
// branch's test, joined by `&&`, then its own.
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { Argument, Comparison, ConditionBranch, JsonValue, ParameterType } from '../../model/document';

export interface Operand {
  text: string;
  type?: ParameterType;
  constant?: JsonValue;
}

function isNumber(op: Operand): boolean {
  if (op.constant !== undefined) return typeof op.constant === 'number';
  return op.type === 'NUMBER_INTEGER' || op.type === 'NUMBER_DOUBLE';
}

function check(op: Operand, where: Location): void {
  const bad = op.constant !== undefined ? op.constant === null || typeof op.constant === 'object' : op.type === 'LIST' || op.type === 'STRUCT' || op.type === 'TASK_FINAL_STATUS';
  if (bad) throw new KfsError('KFS602', 'A condition can compare only strings, numbers and booleans.', { ...where, field: 'when' });
}

export function comparisonToWhen(when: Comparison, operand: (arg: Argument) => Operand, where: Location): string {
  const left = operand(when.left);
  const right = operand(when.right);
  check(left, where);
  check(right, where);
  const numeric = isNumber(left) && isNumber(right);
  const side = (op: Operand) => (numeric ? op.text : JSON.stringify(op.text));
  return `${side(left)} ${when.operator} ${side(right)}`;
}

export function branchWhen(
  branches: readonly ConditionBranch[],
  index: number,
  operand: (arg: Argument) => Operand,
  where: Location,
): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < index; i++) {
    const earlier = branches[i]?.when;
    if (earlier) parts.push(`!(${comparisonToWhen(earlier, operand, where)})`);
  }
  const own = branches[index]?.when;
  if (own) parts.push(parts.length ? `(${comparisonToWhen(own, operand, where)})` : comparisonToWhen(own, operand, where));
  else if (index !== branches.length - 1 || branches.length === 1) {
    throw new KfsError('KFS106', `Branch ${branches[index]?.id ?? index} has no test; only the last of several branches can be "else".`, where);
  }
  return parts.length ? parts.join(' && ') : undefined;
}

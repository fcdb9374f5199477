// Conditions as the SDK writes them in `triggerPolicy.condition` (CEL): channels read as
// `inputs.parameter_values['pipelinechannel--x']` (wrapped in `int(...)` for integers), strings in single quotes,
// `true`/`false`, numbers as written; an elif/else branch is the negation of every earlier branch, joined by `&&`.
import { KfsError } from '../errors/codes';
import type { Argument, Comparison, ConditionBranch, ParameterType } from '../model/document';
import type { Channel } from './ir-channels';
import { channelName } from './ir-names';

export type ChannelOf = (arg: Argument) => Channel | undefined;

type Operand = { text: string; type: ParameterType; constant: boolean };

function operand(arg: Argument, channelOf: ChannelOf, where: { graph?: string; group?: string }): Operand {
  if (arg.kind === 'constant') {
    const value = arg.value;
    if (typeof value === 'string') return { text: `'${value}'`, type: 'STRING', constant: true };
    if (typeof value === 'boolean') return { text: value ? 'true' : 'false', type: 'BOOLEAN', constant: true };
    if (typeof value === 'number') return { text: String(value), type: Number.isInteger(value) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE', constant: true };
    throw new KfsError('KFS602', 'A condition can compare only with a string, number or boolean constant.', { ...where, field: 'when' });
  }
  const channel = channelOf(arg);
  if (!channel || channel.type.kind !== 'parameter' || ['LIST', 'STRUCT', 'TASK_FINAL_STATUS'].includes(channel.type.type)) {
    throw new KfsError('KFS602', 'A condition can test only a string, number or boolean parameter.', { ...where, field: 'when' });
  }
  const ref = `inputs.parameter_values['${channelName(channel.key)}']`;
  const type = channel.type.type;
  return { text: type === 'NUMBER_INTEGER' ? `int(${ref})` : ref, type, constant: false };
}

/** Both sides brought to one type as the SDK does: string over boolean over double over integer. */
function promote(op: Operand, to: ParameterType): string {
  if (op.type === to) return op.text;
  if (to === 'STRING') return `'${op.text}'`;
  if (to === 'BOOLEAN') return op.constant && Number(op.text) === 0 ? 'true' : 'false';
  return `double(${op.text})`;
}

export function comparisonToCel(when: Comparison, channelOf: ChannelOf, where: { graph?: string; group?: string }): string {
  const left = operand(when.left, channelOf, where);
  const right = operand(when.right, channelOf, where);
  const types = new Set([left.type, right.type]);
  const to: ParameterType = types.size === 1 ? left.type : types.has('STRING') ? 'STRING' : types.has('BOOLEAN') ? 'BOOLEAN' : 'NUMBER_DOUBLE';
  return `${promote(left, to)} ${when.operator} ${promote(right, to)}`;
}

/** The condition of branch `index`: earlier branches negated, then its own test (absent for `else`). */
export function branchCondition(
  branches: readonly ConditionBranch[],
  index: number,
  channelOf: ChannelOf,
  where: { graph?: string; group?: string },
): string {
  const parts: string[] = [];
  for (let i = 0; i < index; i++) {
    const earlier = branches[i]?.when;
    if (earlier) parts.push(`!(${comparisonToCel(earlier, channelOf, where)})`);
  }
  const own = branches[index]?.when;
  if (own) parts.push(comparisonToCel(own, channelOf, where));
  return parts.join(' && ');
}

/** The values a branch's condition reads (its own and every earlier branch's). */
export function branchArguments(branches: readonly ConditionBranch[], index: number): Argument[] {
  const args: Argument[] = [];
  for (let i = 0; i <= index; i++) {
    const when = branches[i]?.when;
    if (when) args.push(when.left, when.right);
  }
  return args;
}

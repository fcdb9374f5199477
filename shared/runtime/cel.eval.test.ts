import { describe, expect, it } from 'vitest';
import { isKfsError } from '../errors/codes';
import { evaluateCondition } from './cel.eval';

const v = (name: string) => `inputs.parameter_values['${name}']`;

describe('evaluateCondition (the SDK CEL subset)', () => {
  it('compares strings, negates, and joins with && and ||', () => {
    expect(evaluateCondition(`${v('coin')} == 'heads'`, { coin: 'heads' })).toBe(true);
    expect(evaluateCondition(`${v('coin')} == 'heads'`, { coin: 'tails' })).toBe(false);
    expect(evaluateCondition(`!(${v('coin')} == 'heads')`, { coin: 'tails' })).toBe(true);
    expect(evaluateCondition(`${v('coin')} != 'no-such-result'`, { coin: 'heads' })).toBe(true);
    expect(evaluateCondition(`!(${v('a')} == 'x') && ${v('b')} == 'y'`, { a: 'z', b: 'y' })).toBe(true);
    expect(evaluateCondition(`${v('a')} == 'x' || ${v('b')} == 'y'`, { a: 'z', b: 'q' })).toBe(false);
  });

  it('casts with int() and double() before comparing numbers, including numbers held as text', () => {
    expect(evaluateCondition(`int(${v('n')}) > 5`, { n: '7' })).toBe(true);
    expect(evaluateCondition(`int(${v('n')}) <= 5`, { n: 7 })).toBe(false);
    expect(evaluateCondition(`int(${v('item')}) >= int(${v('threshold')})`, { item: 3, threshold: '3' })).toBe(true);
    expect(evaluateCondition(`double(${v('x')}) < 0.5`, { x: '0.25' })).toBe(true);
    expect(evaluateCondition(`${v('x')} > -1.5`, { x: -1 })).toBe(true);
  });

  it('compares booleans and two parameters', () => {
    expect(evaluateCondition(`${v('pick')} == true`, { pick: true })).toBe(true);
    expect(evaluateCondition(`!(${v('pick')} == true)`, { pick: true })).toBe(false);
    expect(evaluateCondition(`${v('a')} == ${v('b')}`, { a: 'heads', b: 'heads' })).toBe(true);
    expect(evaluateCondition(`${v('s')} == "dq"`, { s: 'dq' })).toBe(true);
  });

  it('refuses what it cannot evaluate with KFS613 and the expression', () => {
    const cases: [string, Record<string, string | number>][] = [
      [`${v('missing')} == 'x'`, {}],
      [`${v('a')} > 'x' && foo`, { a: 'y' }],
      [`${v('a')} == 'x`, { a: 'x' }],
      [`${v('a')} + 1 == 2`, { a: 1 }],
      [`${v('a')} > 3`, { a: 'text' }],
      [`int(${v('a')}) > 3`, { a: 'not a number' }],
      [`${v('a')}`, { a: 'just a string' }],
    ];
    for (const [expression, values] of cases) {
      let caught: unknown;
      try {
        evaluateCondition(expression, values);
      } catch (error) {
        caught = error;
      }
      expect(isKfsError(caught), expression).toBe(true);
      expect((caught as Error & { code: string }).code).toBe('KFS613');
      expect((caught as Error).message).toContain(expression);
    }
  });
});

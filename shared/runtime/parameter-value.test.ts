import { describe, expect, it } from 'vitest';
import { applySelector, parameterToText, parseOutputParameter, parseParameterText, resolveRunParameters } from './parameter-value';

describe('parameter values', () => {
  it('reads typed text the way a person types it', () => {
    expect(parseParameterText('42', 'NUMBER_INTEGER')).toBe(42);
    expect(parseParameterText('0.5', 'NUMBER_DOUBLE')).toBe(0.5);
    expect(parseParameterText('TRUE', 'BOOLEAN')).toBe(true);
    expect(parseParameterText('["a", 1]', 'LIST')).toEqual(['a', 1]);
    expect(parseParameterText('{"k": {"n": 1}}', 'STRUCT')).toEqual({ k: { n: 1 } });
    expect(parseParameterText(' keep spaces ', 'STRING')).toBe(' keep spaces ');
    for (const [text, type] of [['4.5', 'NUMBER_INTEGER'], ['abc', 'NUMBER_DOUBLE'], ['yes', 'BOOLEAN'], ['{"a":1}', 'LIST'], ['[1]', 'STRUCT'], ['{oops', 'STRUCT']]) {
      expect(() => parseParameterText(text as string, type as string), `${text} as ${type}`).toThrow(/Expected/);
    }
  });

  it('types output files by their declared type, accepting what Python writes', () => {
    expect(parseOutputParameter('7\n', 'NUMBER_INTEGER')).toBe(7);
    expect(parseOutputParameter('7.0', 'NUMBER_INTEGER')).toBe(7);
    expect(parseOutputParameter('2.5', 'NUMBER_DOUBLE')).toBe(2.5);
    expect(parseOutputParameter('True', 'BOOLEAN')).toBe(true);
    expect(parseOutputParameter('[1, 2]', 'LIST')).toEqual([1, 2]);
    expect(parseOutputParameter('line\n', 'STRING')).toBe('line\n');
    expect(() => parseOutputParameter('seven', 'NUMBER_INTEGER')).toThrow(/whole number/);
  });

  it('writes values into command lines as the KFP backend does', () => {
    expect(parameterToText('a b')).toBe('a b');
    expect(parameterToText(1)).toBe('1');
    expect(parameterToText(2.5)).toBe('2.5');
    expect(parameterToText(false)).toBe('false');
    expect(parameterToText(['x', 1])).toBe('["x",1]');
    expect(parameterToText({ a: 1 })).toBe('{"a":1}');
  });

  it('fills defaults, and refuses unknown, missing and mistyped run parameters', () => {
    const defs = {
      rows: { parameterType: 'NUMBER_INTEGER', defaultValue: 3, isOptional: true },
      name: { parameterType: 'STRING', isOptional: false },
      note: { parameterType: 'STRING', isOptional: true },
    };
    expect(resolveRunParameters(defs, { name: 'n' })).toEqual({ rows: 3, name: 'n' });
    expect(() => resolveRunParameters(defs, {})).toThrow(/"name" \(STRING\) needs a value/);
    expect(() => resolveRunParameters(defs, { name: 'n', rows: 1.5 })).toThrow(/whole number/);
    expect(() => resolveRunParameters(defs, { name: 'n', nope: 1 })).toThrow(/no parameter "nope"; its parameters are rows, name, note/);
  });

  it('takes a struct field with the SDK selector, from a struct or its JSON text', () => {
    expect(applySelector({ A_a: '1', B_b: '2' }, 'parseJson(string_value)["A_a"]')).toBe('1');
    expect(applySelector('{"p_a": [1]}', 'parseJson(string_value)["p_a"]')).toEqual([1]);
    expect(() => applySelector('plain', 'parseJson(string_value)["x"]')).toThrow(/JSON object/);
    expect(() => applySelector({ a: 1 }, 'string_value.size()')).toThrow(/not one the local runtime understands/);
  });
});

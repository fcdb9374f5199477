import { describe, expect, it } from 'vitest';
import { formatTypedValue, parseTypedValue } from './parameter-value';

describe('parseTypedValue', () => {
  it('reads typed text as the value its type needs', () => {
    expect(parseTypedValue('12', 'NUMBER_INTEGER')).toEqual({ ok: true, value: 12 });
    expect(parseTypedValue('0.5', 'NUMBER_DOUBLE')).toEqual({ ok: true, value: 0.5 });
    expect(parseTypedValue('true', 'BOOLEAN')).toEqual({ ok: true, value: true });
    expect(parseTypedValue('[1, 2]', 'LIST')).toEqual({ ok: true, value: [1, 2] });
    expect(parseTypedValue('{"a": 1}', 'STRUCT')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseTypedValue('12', 'STRING')).toEqual({ ok: true, value: '12' });
    expect(parseTypedValue('', 'NUMBER_INTEGER')).toEqual({ ok: true, value: undefined });
  });

  it('refuses text that does not fit, saying what to type', () => {
    expect(parseTypedValue('1.5', 'NUMBER_INTEGER')).toMatchObject({ ok: false, reason: /whole number/ });
    expect(parseTypedValue('yes', 'BOOLEAN')).toMatchObject({ ok: false, reason: /true or false/ });
    expect(parseTypedValue('{"a": 1}', 'LIST')).toMatchObject({ ok: false, reason: /list/ });
    expect(parseTypedValue('[1]', 'STRUCT')).toMatchObject({ ok: false, reason: /object/ });
  });
});

describe('empty text', () => {
  it('is no value when the field is blank, and the empty string only when "" is typed, shown as ""', () => {
    expect(parseTypedValue('', 'STRING')).toEqual({ ok: true, value: undefined });
    expect(parseTypedValue('""', 'STRING')).toEqual({ ok: true, value: '' });
    expect(formatTypedValue('')).toBe('""');
    expect(formatTypedValue(null)).toBe('');
    expect(formatTypedValue('abc')).toBe('abc');
  });
});

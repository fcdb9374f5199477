import { describe, expect, it } from 'vitest';
import { checkMapKey, checkScalar } from './proto-json.scalar';
import { checkJsonValue, wellKnownCheck } from './proto-json.wkt';

const accepts = (type: string, value: unknown): boolean => checkScalar(type, value) === null;

describe('protobuf JSON scalars', () => {
  it('reads 32-bit integers from integral numbers or decimal strings, within range', () => {
    expect([5, -5, 0, '7', '-7', 1e2, 2147483647].every((v) => accepts('int32', v))).toBe(true);
    expect([1.5, 'x', true, null, [], {}, 2147483648, ' 7', '0x10'].some((v) => accepts('int32', v))).toBe(false);
    expect(accepts('uint32', -1)).toBe(false);
    expect(accepts('uint32', 4294967295)).toBe(true);
  });

  it('reads 64-bit integers as numbers or decimal strings, without losing range checks', () => {
    expect(accepts('int64', '9223372036854775807')).toBe(true);
    expect(accepts('int64', '9223372036854775808')).toBe(false);
    expect(accepts('uint64', '18446744073709551615')).toBe(true);
    expect(accepts('uint64', '-1')).toBe(false);
    expect(accepts('int64', 30)).toBe(true);
    expect(accepts('int64', '30.5')).toBe(false);
  });

  it('reads floats from numbers, numeric strings and the NaN/Infinity names, but not bare non-finite numbers', () => {
    expect([1.5, -2, '3.25', 'NaN', 'Infinity', '-Infinity'].every((v) => accepts('double', v))).toBe(true);
    expect([Infinity, NaN, 'inf', true, null].some((v) => accepts('double', v))).toBe(false);
    expect(accepts('float', 1e39)).toBe(false);
    expect(accepts('double', 1e39)).toBe(true);
  });

  it('reads bool, string and base64 bytes strictly', () => {
    expect(accepts('bool', true)).toBe(true);
    expect(['true', 1, null].some((v) => accepts('bool', v))).toBe(false);
    expect(accepts('string', '')).toBe(true);
    expect([1, true, {}].some((v) => accepts('string', v))).toBe(false);
    expect(['aGVsbG8=', 'aGVsbG8', 'a-_b', ''].every((v) => accepts('bytes', v))).toBe(true);
    expect(['a', 'a+-b', 'abc!', 5].some((v) => accepts('bytes', v))).toBe(false);
  });

  it('checks map keys against their key type', () => {
    expect(checkMapKey('string', 'any key')).toBeNull();
    expect(checkMapKey('int32', '12')).toBeNull();
    expect(checkMapKey('int32', 'twelve')).not.toBeNull();
    expect(checkMapKey('bool', 'yes')).not.toBeNull();
  });
});

describe('well-known types', () => {
  const problemsOf = (name: string, value: unknown): string[] => {
    const found: string[] = [];
    const check = wellKnownCheck(`google.protobuf.${name}`);
    if (!check) throw new Error(`no check for ${name}`);
    check(value, 'x', (path) => found.push(path));
    return found;
  };

  it('Duration takes "3.5s" forms only', () => {
    expect(['3.5s', '0s', '-1.000000001s', '60s'].flatMap((v) => problemsOf('Duration', v))).toEqual([]);
    for (const bad of ['3.5', '3 s', '1m', 3.5, '1.0000000001s']) expect(problemsOf('Duration', bad)).toEqual(['x']);
  });

  it('Timestamp takes RFC 3339 times with a zone', () => {
    expect(['2024-01-31T12:00:00Z', '2024-02-29T00:00:00.123+02:00'].flatMap((v) => problemsOf('Timestamp', v))).toEqual([]);
    for (const bad of ['2024-01-31', '2024-01-31T12:00:00', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', 0]) {
      expect(problemsOf('Timestamp', bad)).toEqual(['x']);
    }
  });

  it('Struct takes objects, ListValue lists, Value any JSON, wrappers their scalar, Empty only {}', () => {
    expect(problemsOf('Struct', { a: [1, { b: null }] })).toEqual([]);
    expect(problemsOf('Struct', [1])).toEqual(['x']);
    expect(problemsOf('ListValue', [1, 'a'])).toEqual([]);
    expect(problemsOf('ListValue', { a: 1 })).toEqual(['x']);
    expect(problemsOf('Value', null)).toEqual([]);
    expect(problemsOf('Int64Value', '12')).toEqual([]);
    expect(problemsOf('BoolValue', 'true')).toEqual(['x']);
    expect(problemsOf('Empty', {})).toEqual([]);
    expect(problemsOf('Empty', { a: 1 })).toEqual(['x.a']);
    expect(problemsOf('FieldMask', 'a.b,cD')).toEqual([]);
    expect(problemsOf('FieldMask', 'a_b')).toEqual(['x']);
  });

  it('a JSON value cannot hold non-finite numbers or non-JSON objects', () => {
    const found: string[] = [];
    checkJsonValue({ a: [1, NaN], d: new Date(0) }, 'v', (path) => found.push(path));
    expect(found).toEqual(['v.a[1]', 'v.d']);
  });
});

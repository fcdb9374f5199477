// The JSON writer (JSON.stringify after one checking walk) writes the same text as the piece-by-piece writer it
// replaced, for any JSON-like data: unsorted keys, integer-like keys, `__proto__`, nested shared values, unicode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf, errorOf } from './archive.fixture';
import { pipelineJsonPieces } from './pipeline-json.stream';
import { pipelineJsonText } from './pipeline-json.write';

const BUDGET = 1024 * 1024;
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toJSON', '0', '1', '10', '2', '-1', '01', 'a', 'B', ''));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 5 }),
  map: fc.dictionary(key, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 6 }),
})).value;

describe('pipelineJsonText', () => {
  it('writes any JSON-like data exactly as the piece-by-piece writer does', () => {
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 2 }), (docs) => {
        expect(pipelineJsonText(docs, BUDGET)).toBe(pipelineJsonPieces(docs, BUDGET));
      }),
      { numRuns: 1500 },
    );
  });

  it('sorts keys, skips undefined values and keeps integer-like keys in string order', () => {
    expect(pipelineJsonText([{ b: 1, a: { d: [1, { z: 0, y: undefined }], c: '✓' }, 10: 'x', 2: 'y' }], BUDGET)).toBe(
      '{\n  "10": "x",\n  "2": "y",\n  "a": {\n    "c": "✓",\n    "d": [\n      1,\n      {\n        "z": 0\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('refuses what JSON cannot hold, saying where, and data that would be too large', () => {
    expect(errorOf(() => pipelineJsonText([{ a: 1 }, { spec: { limits: [1, Infinity] } }], BUDGET))?.location.field).toBe('document 2.spec.limits[1]');
    expect(errorOf(() => pipelineJsonText([{ list: [1, undefined] }], BUDGET))?.location.field).toBe('list[1]');
    const shared: unknown[] = ['x'.repeat(1000)];
    let bomb: unknown = shared;
    for (let i = 0; i < 30; i++) bomb = [bomb, bomb];
    expect(codeOf(() => pipelineJsonText([bomb], BUDGET))).toBe('KFS501');
    expect(codeOf(() => pipelineJsonText([{ a: 'x'.repeat(BUDGET) }], BUDGET))).toBe('KFS501');
  });
});

import { describe, expect, it } from 'vitest';
import { loadYaml, loadYamlDocuments } from './safe-load';
import { refusal } from '../errors/refusal.test-support';


function billionLaughs(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return lines.join('\n');
}

describe('loadYaml', () => {
  it('reads mappings, lists and scalars', () => {
    expect(loadYaml('name: x\ninputs:\n- {name: a, type: Integer, default: "5"}\n')).toEqual({
      name: 'x',
      inputs: [{ name: 'a', type: 'Integer', default: '5' }],
    });
  });
  it('keeps the last of duplicate keys, as PyYAML does', () => {
    expect(loadYaml('a: 1\na: 2\n')).toEqual({ a: 2 });
  });
  it('expands ordinary aliases into independent copies', () => {
    const value = loadYaml('base: &b {x: 1}\nother: *b\n') as { base: { x: number }; other: { x: number } };
    expect(value.other).toEqual({ x: 1 });
    expect(value.other).not.toBe(value.base);
  });
  it('turns timestamps into ISO text so the result is plain JSON data', () => {
    expect(loadYaml('when: 2024-01-02\n')).toEqual({ when: '2024-01-02T00:00:00.000Z' });
  });
  it('keeps a __proto__ key as data', () => {
    const value = loadYaml('__proto__: {polluted: true}\n') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
  it('refuses a syntax error with KFS410 and its line and column', () => {
    const error = refusal(() => loadYaml('name: ok\ninputs: [a, b\nimplementation: {}\n', { file: 'c.yaml' }));
    expect(error.code).toBe('KFS410');
    expect(error.location.file).toBe('c.yaml');
    expect(error.location.line).toBeGreaterThanOrEqual(2);
    expect(error.location.column).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/line \d+/);
  });
  it('refuses text over the byte limit with KFS501, counting UTF-8 bytes', () => {
    expect(refusal(() => loadYaml('a: 12345678901', { maxBytes: 10 })).code).toBe('KFS501');
    // 6 characters, 12 bytes in UTF-8.
    expect(refusal(() => loadYaml('a: äää', { maxBytes: 8 })).code).toBe('KFS501');
    expect(loadYaml('a: äää', { maxBytes: 9 })).toEqual({ a: 'äää' });
  });
  it('refuses a billion-laughs alias bomb with KFS502, without expanding it', () => {
    const started = Date.now();
    const error = refusal(() => loadYaml(billionLaughs(10)));
    expect(error.code).toBe('KFS502');
    // A cap that only an expansion would break (its speed is measured by `npm run bench`, not asserted here).
    expect(Date.now() - started).toBeLessThan(15_000);
  });
  it('refuses one huge string repeated by aliases with KFS502', () => {
    const text = `s: &s "${'x'.repeat(1_000_000)}"\nl: [${Array.from({ length: 100 }, () => '*s').join(',')}]\n`;
    expect(refusal(() => loadYaml(text)).code).toBe('KFS502');
  });
  it('refuses more than one document, while loadYamlDocuments reads them all', () => {
    expect(refusal(() => loadYaml('a: 1\n---\nb: 2\n')).code).toBe('KFS410');
    expect(loadYamlDocuments('a: 1\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });
  it('refuses binary junk with KFS410', () => {
    const junk = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
    expect(refusal(() => loadYaml(junk)).code).toBe('KFS410');
  });
  it('refuses absurd nesting with a coded error, not a stack overflow', () => {
    expect(refusal(() => loadYaml('['.repeat(100_000) + ']'.repeat(100_000))).code).toBe('KFS410');
  });
});

// The block reader gives what js-yaml (plus the safe copy) gives, or gives up: on data written by our YAML writer
// (arbitrary strings, numbers, nesting, block scalars) and on hand-written YAML of the forms PyYAML and js-yaml
// emit, including the ones it must leave to js-yaml.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from './block-yaml.read';
import { loadWithJsYaml, loadYamlDocuments } from './safe-load';
import { yamlDocument } from './yaml-block.write';

const anyResolve = (plain: string) => loadWithJsYaml(plain)[0];
const pieces = ['a', 'b c', '1', '-1', '0.5', '1e3', 'null', 'NULL', 'True', '~', '', ' ', "'", '"', ': ', ' #', '#', '-', '- ', '\n', '\n\n', '\t', '|', '{{x}}', '[]', 'é', '😀', '\u0085', '2024-01-02', '__proto__'];
const tricky = fc.array(fc.constantFrom(...pieces), { maxLength: 5 }).map((parts) => parts.join(''));
const scalar = fc.oneof(tricky, fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const data = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof({ arbitrary: fc.stringMatching(/^[a-z][\w.-]{0,8}$/), weight: 4 }, tricky, fc.string({ maxLength: 8 })), tie('node'), { maxKeys: 4 }),
})).map;

function expectSameAsJsYaml(text: string): void {
  let expected: unknown;
  try {
    expected = loadWithJsYaml(text);
  } catch (error) {
    expect(() => loadYamlDocuments(text)).toThrow((error as Error).message);
    return;
  }
  expect(loadYamlDocuments(text)).toStrictEqual(expected);
}

describe('the block YAML reader', () => {
  it('reads whatever our writer writes exactly as js-yaml does', () => {
    let readItself = 0;
    fc.assert(
      fc.property(data, (value) => {
        const text = yamlDocument(value);
        if (readBlockYaml(text, anyResolve) !== undefined) readItself++;
        expectSameAsJsYaml(text);
      }),
      // Seeded, so that the share read without js-yaml is the same on every run.
      { numRuns: 3000, seed: 20261206 },
    );
    // A good part without js-yaml (a key that is not a plain word, double quotes or an indentation digit go to js-yaml).
    expect(readItself).toBeGreaterThan(600);
  });

  it("reads our writer's usual output itself, without js-yaml", () => {
    const text = yamlDocument({ b: [{ x: 'one', y: [1, -2.5, true, null] }, ['nested', []], {}], a: 'two\nlines\n', c: "it's", d: '2024-01-02' });
    const read = readBlockYaml(`# PIPELINE DEFINITION\n# Name: x\n${text}---\nplatforms: {}\nwhen: 2024-01-02\n`, anyResolve);
    expect(read).toStrictEqual([{ a: 'two\nlines\n', b: [{ x: 'one', y: [1, -2.5, true, null] }, ['nested', []], {}], c: "it's", d: '2024-01-02' }, { platforms: {}, when: '2024-01-02T00:00:00.000Z' }]);
  });

  it("reads the forms PyYAML writes (sequences at the key's indentation, kept and stripped literals) as js-yaml does", () => {
    for (const text of [
      'args:\n- a\n- b: 1\n  c:\n  - 2\nnext: x\n',
      'a: |+\n  kept\n\n\nb: |\n  clip\n\n\nc: |-\n  strip\n\n',
      '- - a\n  - b\n- -\n    deep: 1\n',
      "'quoted key': 'v''s'\nempty:\nlast: ~\n",
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
    ]) {
      expect(readBlockYaml(text, anyResolve), text).toBeDefined();
      expectSameAsJsYaml(text);
    }
  });

  it('leaves to js-yaml what it does not read itself, which gives the same data or the same refusal', () => {
    for (const text of [
      'a: "double"\n',
      'a: b: c\n',
      'a: &x 1\nb: *x\n',
      'a: [1, 2]\n',
      'a: plain\n  continued\n',
      'a: 1\na: 2\n',
      // A repeat after a larger key (the sorted-order shortcut does not hide it).
      'a: 1\nb: 2\na: 3\n',
      'b: 1\na:\n  x: 1\nb: 2\n',
      '__proto__: {polluted: 1}\n',
      'NULL: 1\n',
      '_1: x\n',
      'a: x # comment\n',
      'a:\tx\n',
      'a: 1\r\nb: 2\r\n',
      'a: |2\n   indented\n',
      'a: >\n  folded\n',
      'a: |\n\n  after an empty line\n',
      '--- x\n',
      'a: 1\n...\n',
      'no newline at the end: 1',
      '- a\n  - b\n',
      'a:\n    - deeper\n  - shallower\n',
    ]) {
      expect(readBlockYaml(text, anyResolve), text).toBeUndefined();
      expectSameAsJsYaml(text);
    }
  });

  it('keeps a __proto__ key as data, through js-yaml', () => {
    const [doc] = loadYamlDocuments('__proto__:\n  polluted: 1\n') as [object];
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});

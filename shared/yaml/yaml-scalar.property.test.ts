// The fast YAML writer quotes, folds and indents every scalar exactly as js-yaml's dump does: arbitrary strings
// (built from the fragments that change js-yaml's choice of style, and from any unicode), as keys and as values at
// several depths, in mappings and sequences, written whole by yamlDocument and one by one by asciiScalar.
import fc from 'fast-check';
import { strFromU8 } from 'fflate';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { yamlDocument, yamlStreamBytes } from './yaml-block.write';
import { asciiScalar, YAML_OPTIONS } from './yaml-scalar';

/** Words the YAML 1.1 or 1.2 schemas read as booleans or null. */
const WORDS = ['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'];
const OLD_WORDS = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];

const TRICKY = [
  ...[...WORDS, ...OLD_WORDS, '~', '<<', '=', ''],
  ...['0', '-1', '+1', '0x1F', '0o17', '0b101', '1_000', '1e3', '1.5', '.5', '-.inf', '.NaN', '1:30', '-1:30:00.5', '2024-01-02', '2024-01-02T03:04:05Z'],
  ...[': ', ':', ' :', '#', ' #', 'a#', '-', '- ', '?', '? ', ',', '[', ']', '{', '}', '{{$.inputs.parameters[\'x\']}}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`'],
  ...[' ', '  ', '\t', '\n', '\n\n', '\r', '\r\n', '\u0085', '\u00a0', '\u2028', '\ufeff', '\u0000', '\u001b', '\ud800', 'é', '日本', '😀'],
  ...['a', 'Z', 'comp-train', 'system.Dataset', 'python', 'x'.repeat(90), 'word '.repeat(30)],
];

/** Strings made of fragments that decide a scalar's style, so that the interesting cases are common. */
const trickyString = fc.array(fc.constantFrom(...TRICKY), { maxLength: 6 }).map((parts) => parts.join(''));
const anyString = fc.oneof(trickyString, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.string({ maxLength: 2000 }));

const RUNS = 2000;

describe('the YAML writer against js-yaml', () => {
  it('writes any string as a value or key at any depth as js-yaml does', () => {
    fc.assert(
      fc.property(anyString, anyString, (s, t) => {
        // The writer renders a key or value the first time it meets it and reuses that from the second: `thrice`
        // repeats both at one depth, as first lines of list items and as later lines.
        // A mapping of more than 32 keys is written without remembering its keys (taken for a record of names).
        const pair = () => ({ [s]: t, [`${t}.`]: s });
        const wide = () => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [i === 7 ? s : `${t}${i}`, i % 2 ? s : { [s]: t }]));
        const value = { [s]: t, key: s, list: [s, [t], { [t]: s, deeper: { again: [s, { [s]: [t] }] } }], n: [1, s], thrice: [pair(), pair(), pair()], wide: [wide(), pair(), wide()] };
        expect(yamlDocument(value)).toBe(dump(value, YAML_OPTIONS));
      }),
      { numRuns: RUNS },
    );
  });

  it('renders one-line ASCII strings without js-yaml exactly as js-yaml would', () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, fc.string({ unit: 'grapheme-ascii', maxLength: 60 })), (s) => {
        const fast = asciiScalar(s);
        if (fast !== undefined) expect(fast).toBe(dump(s, YAML_OPTIONS).slice(0, -1));
      }),
      { numRuns: RUNS },
    );
  });

  it('handles plain words, quoted words and the strings that would read back as something else', () => {
    for (const s of [...WORDS, ...OLD_WORDS, 'yesno', 'nullable', 'comp-train', 'a: b', 'a:b', 'a #b', 'a#b', ' lead', 'trail ', "it's", '{{x}}', '-x', '']) {
      expect(asciiScalar(s)).toBe(dump(s, YAML_OPTIONS).slice(0, -1));
    }
    // Numbers-as-strings, dates and anything beyond ASCII go to js-yaml (which quotes them).
    expect(['1', '1.5', '2024-01-02', 'é', 'a\nb'].map(asciiScalar)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('writes numbers, booleans, null, empty containers and very long keys as js-yaml does', () => {
    const value = { a: [0, -1, 1.5, 1e21, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity, true, false, null, [], {}], ['k'.repeat(1100)]: 1, ["'".repeat(1023)]: 2 };
    expect(yamlDocument(value)).toBe(dump(value, YAML_OPTIONS));
  });
});

describe('yamlStreamBytes', () => {
  it('writes a header and documents separated by ---, handing a document it cannot write to js-yaml', () => {
    const docs = [{ a: 'é ✓', b: ['x'] }, { when: new Date(0), list: [1] }, { c: { d: 'multi\nline' } }];
    const text = `# head\n${docs.map((doc) => dump(doc, YAML_OPTIONS)).join('---\n')}`;
    expect(strFromU8(yamlStreamBytes({ header: '# head\n', documents: docs }))).toBe(text);
  });
});

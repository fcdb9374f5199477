// A scalar as js-yaml's `dump(value, YAML_OPTIONS)` writes it inside a block mapping or sequence, without calling
// js-yaml for the common case: a one-line ASCII string. Those follow js-yaml 4's rules (dumper.js: writeScalar,
// chooseScalarStyle, isPlainSafe*) restated for printable ASCII; anything else (numbers, non-ASCII, control
// characters, line breaks, strings that may read back as another type) is rendered by js-yaml once and remembered.
// The property test (yaml-scalar.property.test.ts) holds this to js-yaml on arbitrary strings.
import { dump } from 'js-yaml';

export const YAML_OPTIONS = { sortKeys: true, noRefs: true, lineWidth: -1, quotingType: "'" } as const;

/** js-yaml's compatibility mode quotes YAML 1.1 booleans, although YAML 1.2 reads them as strings. */
const DEPRECATED_BOOLEANS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
/** The plain strings starting with a letter that the default schema reads as null or a boolean. */
const AMBIGUOUS_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

const SPACE = 0x20;
const SHARP = 0x23;
const QUOTE = 0x27;
const COLON = 0x3a;
const LAST_PRINTABLE_ASCII = 0x7e;

/** The indicators that may not start a plain scalar (js-yaml's isPlainSafeFirst, within printable ASCII). */
const NOT_PLAIN_FIRST = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|=>\'"%@` ') NOT_PLAIN_FIRST[c.charCodeAt(0)] = 1;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function singleQuoted(text: string, hasQuote: boolean): string {
  return hasQuote ? `'${text.replace(/'/g, "''")}'` : `'${text}'`;
}

/**
 * js-yaml's text for a one-line string of printable ASCII, or undefined when this cannot tell without js-yaml
 * (another character, or a plain string not starting with a letter, which may read back as a number or a date).
 */
export function asciiScalar(text: string): string | undefined {
  const length = text.length;
  if (length === 0) return "''";
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(length - 1);
  let plain = NOT_PLAIN_FIRST[first] !== 1 && last !== SPACE && last !== COLON;
  let hasQuote = false;
  let prev = -1;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < SPACE || c > LAST_PRINTABLE_ASCII) return undefined;
    if (c === QUOTE) hasQuote = true;
    // ` #` starts a comment and `: ` a mapping value; `#` after anything else and `:` before anything else are safe.
    else if ((c === SHARP && prev === SPACE) || (c === SPACE && prev === COLON)) plain = false;
    prev = c;
  }
  if (DEPRECATED_BOOLEANS.has(text)) return `'${text}'`;
  if (!plain) return singleQuoted(text, hasQuote);
  if (!isLetter(first)) return undefined;
  return AMBIGUOUS_WORDS.has(text) ? `'${text}'` : text;
}

/** js-yaml's text for a scalar written as the value of a top-level node, trailing newline dropped. */
export function dumpScalar(value: unknown): string {
  return dump(value, YAML_OPTIONS).slice(0, -1);
}

/** js-yaml's text for a mapping key, or undefined when js-yaml would not write it as `key: value`. */
export function dumpKey(key: string): string | undefined {
  const line = dump({ [key]: null }, YAML_OPTIONS);
  return line.endsWith(': null\n') && !line.startsWith('? ') ? line.slice(0, -': null\n'.length) : undefined;
}

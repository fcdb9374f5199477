// A reader for the block YAML that our IR writer (js-yaml's dump) and the KFP SDK (PyYAML) emit, about 5x faster
// than js-yaml plus the safe copy on a large pipeline: block mappings and sequences, plain and single-quoted
// one-line scalars, literal block scalars (`|`, `|-`, `|+`), `[]` and `{}`, `---` between documents and comment
// lines before the first. It gives up (undefined) on anything else — double quotes, flow collections, anchors,
// aliases, tags, comments after data, tabs, CR, control or unusual characters, duplicate or `__proto__` keys, keys
// that are not plain words — and the caller loads the text with js-yaml instead, so this reader never has to be
// right about YAML it does not know. A plain scalar not starting with a letter (a number, a date, `~`, ...) is
// resolved by the `resolve` callback (js-yaml on that one scalar), so types follow js-yaml's schema exactly.
// The differential test holds this reader to js-yaml on every ../shared/kfp file, our golden files and mutations.

import { markFreeOfReservedKeys } from '../names/names';

/** Gives up: the caller falls back to js-yaml. */
class NotBlockYaml extends Error {}

const LF = 0x0a;
const SPACE = 0x20;
const DASH = 0x2d;
const COLON = 0x3a;
const QUOTE = 0x27;
const SHARP = 0x23;
const PIPE = 0x7c;
/** Deeper than this, js-yaml decides (it has its own limit and error). */
const MAX_DEPTH = 200;
/** js-yaml refuses implicit keys longer than this. */
const MAX_KEY = 1024;
/** Plain words the default schema reads as null or booleans; they go to `resolve` like numbers do. */
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** NOT_STRINGS.has(word), without hashing the words of other lengths (nearly all keys and plain scalars). */
function isNotString(word: string): boolean {
  return (word.length === 4 || word.length === 5) && NOT_STRINGS.has(word);
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Printable ASCII and the common printable non-ASCII (no surrogates, BOM, line or paragraph separators). */
function isPlainChar(c: number): boolean {
  if (c >= SPACE && c <= 0x7e) return true;
  if (c < 0xa0) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c !== 0xfeff && c !== 0x2028 && c !== 0x2029 && c !== 0xfffe && c !== 0xffff;
}

type Mapping = { [key: string]: unknown };

/** Slots of the table of recently read scalars (a power of two), and the longest scalar kept there. */
const SCALAR_SLOTS = 4096;
const MAX_SHARED_SCALAR = 200;

class BlockReader {
  /** Start of the current line. */
  private pos = 0;
  /** Scalars read so far, by a hash of their characters (see scalarText). */
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(SCALAR_SLOTS).fill(undefined);
  /** Single-quoted scalars with doubled quotes, by their text as written. */
  private readonly unquoted = new Map<string, string>();

  constructor(
    private readonly text: string,
    private readonly resolve: (plain: string) => unknown,
  ) {}

  documents(): unknown[] {
    const { text } = this;
    if (text.charCodeAt(text.length - 1) !== LF) throw new NotBlockYaml();
    // Comment lines (the KFP header) and empty lines before the first document.
    while (text.charCodeAt(this.pos) === SHARP || text.charCodeAt(this.pos) === LF) {
      const end = this.lineEnd(this.pos);
      for (let i = this.pos; i < end; i++) if (!isPlainChar(text.charCodeAt(i))) throw new NotBlockYaml();
      this.pos = end + 1;
    }
    if (this.atDocumentMarker()) this.pos += 4;
    const documents: unknown[] = [];
    for (;;) {
      this.skipEmptyLines();
      if (this.pos >= text.length || this.indentAt(this.pos) !== 0 || this.atDocumentMarker()) throw new NotBlockYaml();
      const document = this.node(0, 0);
      // Built here, where a `__proto__` key makes the reader give up: nothing to refuse in it later.
      if (typeof document === 'object' && document !== null) markFreeOfReservedKeys(document);
      documents.push(document);
      if (this.pos >= text.length) return documents;
      if (!this.atDocumentMarker()) throw new NotBlockYaml();
      this.pos += 4;
    }
  }

  private atDocumentMarker(): boolean {
    return this.text.startsWith('---\n', this.pos);
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    if (end < 0) throw new NotBlockYaml();
    return end;
  }

  private indentAt(lineStart: number): number {
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  private skipEmptyLines(): void {
    while (this.text.charCodeAt(this.pos) === LF) this.pos++;
  }

  /** Indentation of the next non-empty line (the reader moves there), or -1 at the end of the text or document. */
  private nextIndent(): number {
    this.skipEmptyLines();
    if (this.pos >= this.text.length || this.atDocumentMarker()) return -1;
    const indent = this.indentAt(this.pos);
    if (this.text.charCodeAt(this.pos + indent) === LF) throw new NotBlockYaml();
    return indent;
  }

  /** A block node whose first line starts at `pos` + `column` (a line start, or just after `- `). */
  private node(column: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new NotBlockYaml();
    const at = this.pos + column;
    const c = this.text.charCodeAt(at);
    if (c === DASH && (this.text.charCodeAt(at + 1) === SPACE || this.text.charCodeAt(at + 1) === LF)) return this.sequence(column, depth);
    if (this.keyEnd(at) < 0) throw new NotBlockYaml();
    return this.mapping(column, depth);
  }

  /** Where the `:` after a key starting at `at` is, or -1 when the line does not start with `key:`. */
  private keyEnd(at: number): number {
    const { text } = this;
    const first = text.charCodeAt(at);
    let i = at;
    if (first === QUOTE) {
      i++;
      for (;;) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) !== QUOTE) break;
          i += 2;
        } else if (isPlainChar(c)) i++;
        else return -1;
      }
      i++;
    } else {
      if (!isLetter(first) && first !== 0x5f /* _ */) return -1;
      for (;;) {
        const c = text.charCodeAt(i);
        if (c === COLON) {
          const next = text.charCodeAt(i + 1);
          if (next === SPACE || next === LF) break;
        } else if (c === SHARP && text.charCodeAt(i - 1) === SPACE) return -1;
        else if (!isPlainChar(c)) return -1;
        i++;
      }
    }
    const next = text.charCodeAt(i + 1);
    return text.charCodeAt(i) === COLON && (next === SPACE || next === LF) ? i : -1;
  }

  private key(at: number, end: number): string {
    if (end - at > MAX_KEY) throw new NotBlockYaml();
    const { text } = this;
    let key: string;
    if (text.charCodeAt(at) === QUOTE) key = text.slice(at + 1, end - 1).replaceAll("''", "'");
    else {
      if (text.charCodeAt(end - 1) === SPACE) throw new NotBlockYaml();
      key = text.slice(at, end);
      // `_1` reads as a number and `NULL` as null (js-yaml then writes the key "null"): only other letter-led words are surely themselves.
      if (!isLetter(text.charCodeAt(at)) || isNotString(key)) throw new NotBlockYaml();
    }
    if (key === '__proto__') throw new NotBlockYaml();
    return key;
  }

  private mapping(column: number, depth: number): Mapping {
    const map: Mapping = {};
    const indent = column;
    let at = this.pos + column;
    let previous = '';
    let sorted = true;
    for (;;) {
      const end = this.keyEnd(at);
      if (end < 0) throw new NotBlockYaml();
      const key = this.key(at, end);
      // Writers sort keys, and while every key is larger than the one before, none repeats; from the first key out of
      // order on, the map is asked (no value read here is undefined, so only a defined one may be a duplicate or an
      // inherited name). The comparison is much cheaper than looking up a key string just cut from the text.
      sorted &&= key > previous;
      if (!sorted && map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key)) throw new NotBlockYaml();
      previous = key;
      if (this.text.charCodeAt(end + 1) === SPACE) map[key] = this.inlineValue(end + 2, indent);
      else map[key] = this.nestedValue(end + 1, indent, depth, true);
      const next = this.nextIndent();
      if (next < indent) return map;
      if (next > indent) throw new NotBlockYaml();
      at = this.pos + indent;
    }
  }

  private sequence(column: number, depth: number): unknown[] {
    const items: unknown[] = [];
    const indent = column;
    for (;;) {
      const dash = this.pos + indent;
      if (this.text.charCodeAt(dash) !== DASH) return items;
      const after = this.text.charCodeAt(dash + 1);
      if (after === LF) items.push(this.nestedValue(dash + 1, indent, depth, false));
      else if (after !== SPACE || this.text.charCodeAt(dash + 2) === SPACE) throw new NotBlockYaml();
      else {
        const start = dash + 2;
        const c = this.text.charCodeAt(start);
        if ((c === DASH && (this.text.charCodeAt(start + 1) === SPACE || this.text.charCodeAt(start + 1) === LF)) || this.keyEnd(start) >= 0) {
          items.push(this.node(indent + 2, depth + 1));
        } else items.push(this.inlineValue(start, indent));
      }
      const next = this.nextIndent();
      if (next < indent) return items;
      if (next > indent) throw new NotBlockYaml();
    }
  }

  /** A value on the lines after `key:` or `-` (the line ends at `lineBreak`); in a mapping, a sequence may sit at the key's own indentation. */
  private nestedValue(lineBreak: number, indent: number, depth: number, inMapping: boolean): unknown {
    this.pos = lineBreak + 1;
    const next = this.nextIndent();
    const sameIndentSequence = inMapping && next === indent && this.text.charCodeAt(this.pos + indent) === DASH && this.text.charCodeAt(this.pos + indent + 1) === SPACE;
    if (next > indent || sameIndentSequence) {
      const value = this.node(next, depth + 1);
      // The reader is at the line after the nested node; mapping() and sequence() check its indentation.
      return value;
    }
    this.pos = lineBreak + 1;
    return null;
  }

  /** The scalar (or `[]`, `{}`, literal block) starting at `at` and ending its line; the reader moves to the next line. */
  private inlineValue(at: number, parentIndent: number): unknown {
    const { text } = this;
    const end = this.lineEnd(at);
    const c = text.charCodeAt(at);
    this.pos = end + 1;
    if (c === QUOTE) return this.singleQuoted(at, end);
    if (c === PIPE) return this.literal(at, end, parentIndent);
    if (end - at === 2 && (text.startsWith('[]', at) || text.startsWith('{}', at))) return c === 0x5b ? [] : {};
    const last = text.charCodeAt(end - 1);
    if (last === SPACE || last === COLON) throw new NotBlockYaml();
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (!isPlainChar(ch)) throw new NotBlockYaml();
      if ((ch === SHARP && text.charCodeAt(i - 1) === SPACE) || (ch === COLON && text.charCodeAt(i + 1) === SPACE)) throw new NotBlockYaml();
    }
    const plain = this.scalarText(at, end);
    if (isLetter(c) && !isNotString(plain)) return plain;
    // Indicators that js-yaml reads as something else than a plain scalar here: leave them to it.
    if ('-?:,[]{}#&*!>"%@`'.includes(plain[0]!)) {
      if (!(c === DASH && /^-[0-9.]/.test(plain))) throw new NotBlockYaml();
    }
    const value = this.resolve(plain);
    if (value === undefined) throw new NotBlockYaml();
    return value;
  }

  private singleQuoted(at: number, end: number): string {
    const { text } = this;
    let i = at + 1;
    let doubled = false;
    for (;;) {
      if (i >= end) throw new NotBlockYaml();
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) !== QUOTE) break;
        doubled = true;
        i += 2;
      } else if (isPlainChar(c)) i++;
      else throw new NotBlockYaml();
    }
    if (i !== end - 1) throw new NotBlockYaml();
    const raw = this.scalarText(at + 1, i);
    if (!doubled) return raw;
    // Placeholders ('{{$.inputs.parameters[''x'']}}') repeat as much as plain values: one string each, too.
    let unquoted = this.unquoted.get(raw);
    if (unquoted === undefined) this.unquoted.set(raw, (unquoted = raw.replaceAll("''", "'")));
    return unquoted;
  }

  /**
   * The text from `at` to `end`, as the string read last time for the same characters when it is still in the table:
   * a pipeline repeats a few thousand values (types, images, schema titles, arguments) tens of thousands of times, and
   * one string per value instead of one per occurrence is less to allocate and less for the garbage collector to copy
   * while the data is live. A slot is picked by the length and three characters, and the characters are compared.
   */
  private scalarText(at: number, end: number): string {
    const { text } = this;
    const length = end - at;
    if (length === 0 || length > MAX_SHARED_SCALAR) return text.slice(at, end);
    const slot = (length * 7919 + text.charCodeAt(at) * 131 + text.charCodeAt(at + (length >> 1)) * 31 + text.charCodeAt(end - 1)) & (SCALAR_SLOTS - 1);
    const known = this.recent[slot];
    if (known !== undefined && known.length === length) {
      let i = 0;
      while (i < length && known.charCodeAt(i) === text.charCodeAt(at + i)) i++;
      if (i === length) return known;
    }
    const fresh = text.slice(at, end);
    this.recent[slot] = fresh;
    return fresh;
  }

  /** A literal block scalar (`|`, `|-` or `|+` with no indentation digit) whose lines are more indented than the parent. */
  private literal(at: number, end: number, parentIndent: number): string {
    const { text } = this;
    const header = text.slice(at, end);
    if (header !== '|' && header !== '|-' && header !== '|+') throw new NotBlockYaml();
    const lines: string[] = [];
    let indent = -1;
    let pos = end + 1;
    while (pos < text.length) {
      const lineEnd = this.lineEnd(pos);
      if (lineEnd === pos) {
        lines.push('');
        pos = lineEnd + 1;
        continue;
      }
      const spaces = this.indentAt(pos);
      if (indent < 0) {
        if (spaces <= parentIndent || lines.length > 0) throw new NotBlockYaml();
        indent = spaces;
      }
      if (spaces < indent && pos + spaces !== lineEnd) break;
      // A line of spaces only is left to js-yaml (whether it is content or an empty line depends on its length).
      if (pos + spaces === lineEnd) throw new NotBlockYaml();
      for (let i = pos + indent; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if (c !== 0x09 && !isPlainChar(c)) throw new NotBlockYaml();
      }
      lines.push(text.slice(pos + indent, lineEnd));
      pos = lineEnd + 1;
    }
    if (indent < 0) throw new NotBlockYaml();
    let kept = lines.length;
    if (header !== '|+') while (kept > 0 && lines[kept - 1] === '') kept--;
    // Trailing empty lines belong to the block only when kept; otherwise the next node starts after them.
    this.pos = header === '|+' ? pos : this.positionAfterLines(end + 1, kept);
    const body = lines.slice(0, kept).join('\n');
    return header === '|-' ? body : `${body}\n`;
  }

  private positionAfterLines(from: number, count: number): number {
    let pos = from;
    for (let i = 0; i < count; i++) pos = this.lineEnd(pos) + 1;
    return pos;
  }
}

/**
 * Every document of `text` when it is block YAML of the kind IR writers emit (see the top of this file), or
 * undefined when js-yaml must read it. `resolve` gives the value of a plain scalar that may not be a string, or
 * undefined when it cannot.
 */
export function readBlockYaml(text: string, resolve: (plain: string) => unknown): unknown[] | undefined {
  try {
    return new BlockReader(text, resolve).documents();
  } catch (error) {
    if (error instanceof NotBlockYaml) return undefined;
    throw error;
  }
}

// Plain data (an IR document) as the YAML text js-yaml's `dump(value, YAML_OPTIONS)` writes, byte for byte, about
// 2.5x faster: the block layout (maps, sequences, indentation) is written here, a one-line ASCII string is rendered
// without js-yaml, and any other distinct scalar is rendered by js-yaml. Anything unusual falls back to js-yaml itself.
// The output is UTF-8 bytes in one buffer kept between calls: an archive needs bytes, and a string built by `+=`
// costs a rope cell per piece (5,000 tasks: 54 MiB more peak memory). A key or value met a second time is kept as
// bytes with what goes around it (a key's newline and indent, a value's leading space) and copied from then on;
// most distinct ones appear once (task names) and are written straight from their text.
import { strFromU8, strToU8 } from 'fflate';
import { dump } from 'js-yaml';
import { sortNamesInPlace } from '../names/sort-names';
import { asciiScalar, dumpKey, dumpScalar, YAML_OPTIONS } from './yaml-scalar';

const INDENT = 2;
/** js-yaml writes keys longer than this as explicit `? key` pairs; such data goes to js-yaml whole. */
const MAX_PLAIN_KEY = 1024;

class Unusual extends Error {}

/** A mapping with more keys than this is taken for a record of names (see BlockWriter.mapping). */
const NAMED_MAPPING = 32;

function keyText(key: string): string {
  const text = asciiScalar(key) ?? dumpKey(key);
  if (text === undefined || text.length > MAX_PLAIN_KEY) throw new Unusual();
  return text;
}

/** A piece of output as UTF-8 (copying bytes is faster than reading a string's code units, often a rope's). */
type Piece = Uint8Array;

function piece(text: string): Piece {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return strToU8(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const NEWLINE = piece('\n');
const DOCUMENT_START = piece('---\n');
const SPACE = piece(' ');
const COLON = piece(':');
const DASH = piece('-');
const EMPTY_SEQUENCE = piece('[]');
const EMPTY_MAPPING = piece('{}');
const SPACED_EMPTY_SEQUENCE = piece(' []');
const SPACED_EMPTY_MAPPING = piece(' {}');
/** The output buffer, kept between calls up to this size (compiling the same pipeline again needs the same room). */
const KEPT_BUFFER = 8 * 1024 * 1024;
const NO_BUFFER: Uint8Array = new Uint8Array(0);
/** Taken by a writer while it writes (so a writer started meanwhile gets its own), given back when it is done. */
let kept: Uint8Array = new Uint8Array(1 << 16);

/** A YAML stream: a header (comment lines), then documents separated by `---` lines. */
export interface YamlStream {
  header: string;
  documents: readonly object[];
}

/**
 * Writes the block layout. Each mapping entry is one piece for its line start (newline, indent, key, colon) and one
 * for its value (a space, then the scalar), each rendered once and reused: a 1,000-task IR has 44,000 entries but a
 * few thousand distinct keys and values.
 */
class BlockWriter {
  /** Each scalar seen: null the first time (written as text then: most appear once), its piece from the second. */
  private readonly values = new Map<unknown, Piece | null>();
  /** Per level: each key seen, null the first time, then its line start, `\n` + indent + key + `:`. */
  private readonly keyLines: Map<string, Piece | null>[] = [];
  /** Per level: `\n` + indent. */
  private readonly newlines: Piece[] = [];
  private readonly blocks = new Map<string, Piece>();
  /** Per level: a sequence item's line start, `\n` + indent + `-`. */
  private readonly dashLines: Piece[] = [];
  private out: Uint8Array;
  private length: number;

  /** `headroom`: bytes left free before the text (a tar header's room). */
  constructor(headroom: number) {
    this.out = kept.length >= headroom ? kept : new Uint8Array(Math.max(1 << 16, headroom * 2));
    kept = NO_BUFFER;
    this.length = headroom;
  }

  private room(n: number): Uint8Array {
    let out = this.out;
    if (this.length + n > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, this.length + n));
      grown.set(out.subarray(0, this.length));
      this.out = out = grown;
    }
    return out;
  }

  /** Writes `piece` from its byte `from` on. */
  emit(piece: Piece, from = 0): void {
    const end = piece.length;
    const out = this.room(end - from);
    const at = this.length - from;
    // A loop beats a native copy's call on the short pieces that make up most of the output.
    if (end - from > 64) out.set(piece.subarray(from), at + from);
    else for (let i = from; i < end; i++) out[at + i] = piece[i]!;
    this.length = at + end;
  }

  /** Writes `text`: ASCII code unit by code unit, anything else as UTF-8. */
  private emitText(text: string): void {
    const n = text.length;
    const out = this.room(n);
    const at = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) {
        this.emit(strToU8(text));
        return;
      }
      out[at + i] = c;
    }
    this.length = at + n;
  }

  mark(): number {
    return this.length;
  }

  rewind(mark: number): void {
    this.length = mark;
  }

  /** The buffer with room for `tailroom` bytes after the text, and the text's end. */
  finish(tailroom: number): { buffer: Uint8Array; end: number } {
    return { buffer: this.room(tailroom), end: this.length };
  }

  /** Gives the buffer back for the next writer (unless it grew very large). */
  release(): void {
    if (this.out.length <= KEPT_BUFFER && this.out.length > kept.length) kept = this.out;
    this.out = NO_BUFFER;
  }

  /** A key's line start; `compact`: the first line of a mapping that continues the current line. */
  private keyLine(key: string, level: number, compact: boolean): void {
    const lines = (this.keyLines[level] ??= new Map());
    const line = lines.get(key);
    if (line) {
      this.emit(line, compact ? 1 + level * INDENT : 0);
      return;
    }
    if (line === null) {
      const made = piece(`\n${' '.repeat(level * INDENT)}${keyText(key)}:`);
      lines.set(key, made);
      this.emit(made, compact ? 1 + level * INDENT : 0);
      return;
    }
    lines.set(key, null);
    this.newKeyLine(key, level, compact);
  }

  /** A key's line start written from its text, nothing remembered. */
  private newKeyLine(key: string, level: number, compact: boolean): void {
    const text = keyText(key);
    if (!compact) this.emit((this.newlines[level] ??= piece(`\n${' '.repeat(level * INDENT)}`)));
    this.emitText(text);
    this.emit(COLON);
  }

  private dashLine(level: number): Piece {
    return (this.dashLines[level] ??= piece(`\n${' '.repeat(level * INDENT)}-`));
  }

  /** A space, then a scalar as js-yaml writes it at `level`; a block scalar's lines are indented for that level. */
  private spacedScalar(value: unknown, level: number, from = 0): void {
    const known = this.values.get(value);
    if (known) {
      this.emit(known, from);
      return;
    }
    const kind = typeof value;
    let text: string | undefined;
    if (kind === 'string') text = asciiScalar(value as string);
    else if ((value !== null && kind !== 'number' && kind !== 'boolean') || Object.is(value, -0)) throw new Unusual();
    text ??= dumpScalar(value);
    // A block scalar's lines are indented for the level; js-yaml rendered it for level 1.
    if (text.charCodeAt(0) === 124 /* | */ && text.includes('\n')) {
      this.emit(this.indentedBlock(text, level), from);
    } else if (known === null) {
      const made = piece(` ${text}`);
      this.values.set(value, made);
      this.emit(made, from);
    } else {
      this.values.set(value, null);
      if (from === 0) this.emit(SPACE);
      this.emitText(text);
    }
  }

  private indentedBlock(text: string, level: number): Piece {
    const memo = `${level}\u0000${text}`;
    let block = this.blocks.get(memo);
    if (block === undefined) {
      const pad = ' '.repeat(INDENT * Math.max(level, 1));
      const indented = text
        .split('\n')
        .map((line, i) => (i === 0 || line === '' ? line : pad + line.slice(INDENT)))
        .join('\n');
      this.blocks.set(memo, (block = piece(` ${indented}`)));
    }
    return block;
  }

  /** Writes a document as js-yaml's writeNode(0, block, compact) does. */
  document(value: unknown): void {
    if (typeof value !== 'object' || value === null) this.spacedScalar(value, 0, 1);
    else if (Array.isArray(value)) {
      if (value.length === 0) this.emit(EMPTY_SEQUENCE);
      else this.sequence(value, 0, true);
    } else {
      const keys = mappingKeys(value);
      if (keys.length === 0) this.emit(EMPTY_MAPPING);
      else this.mapping(value as { [key: string]: unknown }, keys, 0, true);
    }
  }

  /** The value after a key's colon or an item's dash: a scalar on the same line, a collection below (or `[]`/`{}`). */
  private value(value: unknown, level: number): void {
    if (typeof value !== 'object' || value === null) {
      if (value === undefined) throw new Unusual();
      this.spacedScalar(value, level);
    } else if (Array.isArray(value)) {
      if (value.length === 0) this.emit(SPACED_EMPTY_SEQUENCE);
      else this.sequence(value, level, false);
    } else {
      const keys = mappingKeys(value);
      if (keys.length === 0) this.emit(SPACED_EMPTY_MAPPING);
      else this.mapping(value as { [key: string]: unknown }, keys, level, false);
    }
  }

  /** `compact`: the first line continues the current one (after a dash, or at the document's start). */
  private mapping(map: { [key: string]: unknown }, keys: string[], level: number, compact: boolean): void {
    // A large mapping is keyed by names (tasks, components, executors), each met once: they are not remembered.
    const names = keys.length > NAMED_MAPPING;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (names) this.newKeyLine(key, level, i === 0 && compact);
      else this.keyLine(key, level, i === 0 && compact);
      this.value(map[key], level + 1);
    }
  }

  private sequence(items: unknown[], level: number, compact: boolean): void {
    const dash = this.dashLine(level);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i === 0 && compact) this.emit(DASH);
      else this.emit(dash);
      // A nested sequence or mapping starts on the dash's line (compact).
      if (typeof item !== 'object' || item === null) this.value(item, level + 1);
      else if (Array.isArray(item)) {
        if (item.length === 0) this.emit(SPACED_EMPTY_SEQUENCE);
        else {
          this.emit(SPACE);
          this.sequence(item, level + 1, true);
        }
      } else {
        const keys = mappingKeys(item);
        if (keys.length === 0) this.emit(SPACED_EMPTY_MAPPING);
        else {
          this.emit(SPACE);
          this.mapping(item as { [key: string]: unknown }, keys, level + 1, true);
        }
      }
    }
  }
}

/** The keys of a plain object in js-yaml's order (sorted); the compiler mostly inserts them sorted already. */
function mappingKeys(value: object): string[] {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Unusual();
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return sortNamesInPlace(keys);
  return keys;
}

function write(stream: YamlStream, writer: BlockWriter): void {
  writer.emit(piece(stream.header));
  stream.documents.forEach((document, i) => {
    if (i > 0) writer.emit(DOCUMENT_START);
    const start = writer.mark();
    try {
      writer.document(document);
      writer.emit(NEWLINE);
    } catch (error) {
      if (!(error instanceof Unusual)) throw error;
      writer.rewind(start);
      writer.emit(strToU8(dump(document, YAML_OPTIONS)));
    }
  });
}

/**
 * Writes the stream as UTF-8 into the writer's own buffer after `headroom` free bytes, and lends that buffer to
 * `use` for the length of the call, with room for `tailroom` more bytes after the text (`end`): an archive can be
 * made around the text where it lies, without copying it.
 */
export function lendYamlStream<T>(stream: YamlStream, headroom: number, tailroom: number, use: (buffer: Uint8Array, end: number) => T): T {
  const writer = new BlockWriter(headroom);
  try {
    write(stream, writer);
    const { buffer, end } = writer.finish(tailroom);
    return use(buffer, end);
  } finally {
    writer.release();
  }
}

/**
 * `header`, then each document as `dump(document, YAML_OPTIONS)` writes it, separated by `---` lines, as UTF-8.
 * A document the fast writer cannot render (see Unusual) is written by js-yaml itself.
 */
export function yamlStreamBytes(stream: YamlStream): Uint8Array {
  return lendYamlStream(stream, 0, 0, (buffer, end) => buffer.slice(0, end));
}

/** Same text as `dump(value, YAML_OPTIONS)`. */
export function yamlDocument(value: object): string {
  return strFromU8(yamlStreamBytes({ header: '', documents: [value] }));
}
